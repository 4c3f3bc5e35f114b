import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlarm, IconClockHour4 } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { useFormat } from '../../app/i18n/format.js';

/** The current time, refreshed every `intervalMs`, so countdowns tick without a reload. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

type Clock = { state: 'left' | 'overdue'; hours: number; minutes: number } | null;

/**
 * Time left to the first contact (seed 002: "first contact < 24 h"). Nothing once the lead was contacted or is no
 * longer waiting for it (converted, recycled, dead) — the same rule the server uses for `slaBreached`.
 */
export function firstContactClock(
  lead: Pick<Lead, 'status' | 'firstContactedAt' | 'firstContactDueAt' | 'slaBreached'>,
  now: number,
): Clock {
  if (lead.firstContactedAt) return null;
  if (!['new', 'assigned', 'in_process'].includes(lead.status)) return null;
  const diff = new Date(lead.firstContactDueAt).getTime() - now;
  const overdue = lead.slaBreached || diff <= 0;
  const minutesTotal = Math.max(0, Math.floor(Math.abs(diff) / 60_000));
  return { state: overdue ? 'overdue' : 'left', hours: Math.floor(minutesTotal / 60), minutes: minutesTotal % 60 };
}

function useClockText() {
  const { t } = useTranslation();
  return (clock: NonNullable<Clock>) => {
    const span =
      clock.hours >= 48
        ? t('leads.count.days', { count: Math.floor(clock.hours / 24) })
        : clock.hours >= 1
          ? t('leads.count.hours', { count: clock.hours })
          : t('leads.count.minutes', { count: Math.max(1, clock.minutes) });
    return clock.state === 'overdue' ? t('leads.countdown.overdue', { span }) : t('leads.countdown.left', { span });
  };
}

/** Compact form for the inbox table. */
export function CountdownCell({ lead, now }: { lead: Lead; now: number }) {
  const text = useClockText();
  const fmt = useFormat();
  const clock = firstContactClock(lead, now);
  if (!clock) return null;
  const overdue = clock.state === 'overdue';
  const soon = !overdue && clock.hours < 4;
  return (
    <Tooltip label={fmt.dateTime(lead.firstContactDueAt)}>
      <Text
        size="sm"
        fw={overdue || soon ? 600 : 400}
        c={overdue ? 'red.7' : soon ? 'orange.7' : 'dimmed'}
        span
        data-testid="first-contact-countdown"
      >
        {text(clock)}
      </Text>
    </Tooltip>
  );
}

/** Badge for the detail header. */
export function CountdownBadge({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const text = useClockText();
  const fmt = useFormat();
  const now = useNow();
  const clock = firstContactClock(lead, now);
  if (lead.firstContactedAt) {
    return (
      <Text size="sm" c="dimmed" span>
        {t('leads.countdown.contactedAt', { date: fmt.dateTime(lead.firstContactedAt) })}
      </Text>
    );
  }
  if (!clock) return null;
  const overdue = clock.state === 'overdue';
  return (
    <Tooltip label={t('leads.countdown.dueAt', { date: fmt.dateTime(lead.firstContactDueAt) })}>
      <Badge
        variant="light"
        color={overdue ? 'red' : clock.hours < 4 ? 'orange' : 'gray'}
        leftSection={overdue ? <IconAlarm size={13} /> : <IconClockHour4 size={13} />}
        radius="sm"
        tt="none"
        data-testid="first-contact-countdown"
      >
        <Group gap={4} wrap="nowrap">
          {t('leads.countdown.firstContact')}: {text(clock)}
        </Group>
      </Badge>
    </Tooltip>
  );
}
