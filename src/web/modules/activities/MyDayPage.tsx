import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import '@mantine/dates/styles.css';
import {
  IconAlarm,
  IconChevronLeft,
  IconChevronRight,
  IconClockHour4,
  IconPhoneCall,
  IconPlus,
  IconVideo,
} from '@tabler/icons-react';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Activity } from '../../../domain/activities/activity.schema.js';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { errorMessage, notifyError, notifySuccess } from '../../app/notify.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { daysOverdue, RelatedLink, StatusBadge, TypeBadgeIcon } from './activityLabels.js';
import { useMyDay, useSetStatus } from './api.js';
import { StatusActions } from './StatusActions.js';
import { useActivityDialogs } from './useActivityDialogs.js';
import { useTimeOfDay } from './useTimeRange.js';
import './i18n.js';

const today = () => dayjs().format('YYYY-MM-DD');

/** The first screen a rep sees (seed 002's daily workflow): agenda, due tasks, leads waiting for a first contact. */
export default function MyDayPage() {
  const { t, i18n } = useTranslation('activities');
  const { t: tc } = useTranslation();
  const [date, setDate] = useState(today);
  const myDay = useMyDay(date);
  const dialogs = useActivityDialogs();
  const canEdit = useCanEdit();
  const isToday = date === today();
  const shift = (days: number) => setDate(dayjs(date).add(days, 'day').format('YYYY-MM-DD'));
  const longDate = new Intl.DateTimeFormat(i18n.language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(dayjs(date).toDate());

  return (
    <>
      <PageHeader
        title={t('myDay.title')}
        subtitle={t('myDay.subtitle')}
        actions={
          canEdit && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => dialogs.openCreate({ type: 'meeting', start: isToday ? undefined : dayjs(date).hour(9).toDate() })}
            >
              {t('myDay.newActivity')}
            </Button>
          )
        }
      />
      <Group mb="md" gap="xs" align="flex-end">
        <Tooltip label={t('myDay.previousDay')}>
          <ActionIcon variant="default" size="lg" onClick={() => shift(-1)} aria-label={t('myDay.previousDay')}>
            <IconChevronLeft size={18} />
          </ActionIcon>
        </Tooltip>
        <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: i18n.language === 'en' ? 0 : 1 }}>
          <DatePickerInput
            aria-label={t('myDay.date')}
            value={date}
            onChange={(v) => v && setDate(dayjs(v).format('YYYY-MM-DD'))}
            valueFormat={i18n.language === 'en' ? 'ddd, MMM D, YYYY' : 'dd D. M. YYYY'}
            w={200}
            data-testid="my-day-date"
          />
        </DatesProvider>
        <Tooltip label={t('myDay.nextDay')}>
          <ActionIcon variant="default" size="lg" onClick={() => shift(1)} aria-label={t('myDay.nextDay')}>
            <IconChevronRight size={18} />
          </ActionIcon>
        </Tooltip>
        {!isToday && (
          <Button variant="subtle" onClick={() => setDate(today())}>
            {t('myDay.today')}
          </Button>
        )}
        <Text c="dimmed" size="sm" ml="sm" mb={6}>
          {longDate}
        </Text>
      </Group>
      {myDay.isError && (
        <Paper withBorder p="md" c="red">
          {errorMessage(tc, myDay.error)}
        </Paper>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Section
              title={isToday ? t('myDay.agenda') : `${t('myDay.agendaFor')} · ${longDate}`}
              testId="my-day-agenda"
              count={myDay.data?.agenda.length}
            >
              {myDay.isPending ? (
                <Loading />
              ) : myDay.data?.agenda.length === 0 ? (
                <Empty text={t('myDay.noAgenda')} />
              ) : (
                myDay.data?.agenda.map((a) => (
                  <AgendaItem
                    key={a.id}
                    activity={a}
                    canEdit={canEdit}
                    onOpen={() => dialogs.openDetail(a.id)}
                    onStatus={(s) => dialogs.askOutcome(a, s)}
                  />
                ))
              )}
            </Section>
            <Section title={t('myDay.tasks')} testId="my-day-tasks" count={myDay.data?.tasks.length}>
              {myDay.isPending ? (
                <Loading />
              ) : myDay.data?.tasks.length === 0 ? (
                <Empty text={t('myDay.noTasks')} />
              ) : (
                myDay.data?.tasks.map((a) => (
                  <TaskItem key={a.id} activity={a} canEdit={canEdit} onOpen={() => dialogs.openDetail(a.id)} />
                ))
              )}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Section title={t('myDay.leads')} testId="my-day-leads" count={myDay.data?.leadsAwaitingContact.length}>
            {myDay.isPending ? (
              <Loading />
            ) : myDay.data?.leadsAwaitingContact.length === 0 ? (
              <Empty text={t('myDay.noLeads')} />
            ) : (
              myDay.data?.leadsAwaitingContact.map((l) => (
                <LeadItem
                  key={l.id}
                  lead={l}
                  canEdit={canEdit}
                  onLogCall={() =>
                    dialogs.openCreate(
                      {
                        type: 'call',
                        held: true,
                        subject: t('myDay.callSubject', { name: l.name }),
                        related: { type: 'lead', id: l.id, name: l.name },
                      },
                      t('form.logCall'),
                    )
                  }
                />
              ))
            )}
          </Section>
        </Grid.Col>
      </Grid>
      {dialogs.element}
    </>
  );
}

function Section({ title, testId, count, children }: { title: string; testId: string; count?: number; children: ReactNode }) {
  return (
    <Paper withBorder p="md" shadow="xs" component="section" aria-label={title} data-testid={testId}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        {count !== undefined && count > 0 && (
          <Badge variant="light" color="gray">
            {count}
          </Badge>
        )}
      </Group>
      <Stack gap="xs">{children}</Stack>
    </Paper>
  );
}

function Loading() {
  return (
    <>
      {[1, 2, 3].map((i) => (
        <Skeleton key={i} height={48} radius="md" />
      ))}
    </>
  );
}

function Empty({ text }: { text: string }) {
  return (
    <Text size="sm" c="dimmed" ta="center" py="lg">
      {text}
    </Text>
  );
}

function AgendaItem({
  activity: a,
  canEdit,
  onOpen,
  onStatus,
}: {
  activity: Activity;
  canEdit: boolean;
  onOpen: () => void;
  onStatus: (status: 'held' | 'not_held' | 'cancelled' | 'completed' | 'planned') => void;
}) {
  const { t } = useTranslation('activities');
  const time = useTimeOfDay();
  return (
    <Paper withBorder p="sm" radius="md" data-testid="agenda-item">
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Stack gap={0} w={64} align="flex-end" style={{ flexShrink: 0 }}>
          <Text fw={700} size="sm">
            {time(a.startsAt)}
          </Text>
          {a.endsAt && (
            <Text size="xs" c="dimmed">
              {time(a.endsAt)}
            </Text>
          )}
        </Stack>
        <TypeBadgeIcon type={a.type} />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <UnstyledButton onClick={onOpen} style={{ overflowWrap: 'anywhere' }}>
            <Text fw={600} size="sm">
              {a.subject}
            </Text>
          </UnstyledButton>
          <Group gap="xs">
            <RelatedLink related={a.relatedTo} />
            {a.location && (
              <Text size="xs" c="dimmed">
                {a.location}
              </Text>
            )}
            {a.videoUrl && (
              <Anchor href={a.videoUrl} target="_blank" rel="noopener noreferrer" size="xs">
                <Group gap={4} component="span" wrap="nowrap">
                  <IconVideo size={14} />
                  {t('myDay.joinVideo')}
                </Group>
              </Anchor>
            )}
            {a.status !== 'planned' && <StatusBadge status={a.status} />}
          </Group>
        </Stack>
        {canEdit && <StatusActions activity={a} onStatus={onStatus} withCancel={false} />}
      </Group>
    </Paper>
  );
}

function TaskItem({ activity: a, canEdit, onOpen }: { activity: Activity; canEdit: boolean; onOpen: () => void }) {
  const { t } = useTranslation('activities');
  const { t: tc } = useTranslation();
  const time = useTimeOfDay();
  const setStatus = useSetStatus();
  const days = a.dueAt ? daysOverdue(a.dueAt) : 0;
  const overdue = a.overdue;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-testid="task-item"
      data-overdue={overdue ? 'true' : 'false'}
      style={overdue ? { borderColor: 'var(--mantine-color-red-4)', background: 'var(--mantine-color-red-0)' } : undefined}
    >
      <Group wrap="nowrap" gap="sm">
        <Checkbox
          aria-label={t('myDay.complete', { subject: a.subject })}
          disabled={!canEdit || setStatus.isPending}
          // stays ticked after success until the refreshed list drops the task (no flicker back)
          checked={setStatus.isPending || setStatus.isSuccess}
          onChange={() =>
            setStatus.mutate(
              { activity: a, status: 'completed' },
              { onSuccess: () => notifySuccess(t('myDay.completed')), onError: (e) => notifyError(tc, e) },
            )
          }
        />
        <TypeBadgeIcon type={a.type} size={26} />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <UnstyledButton onClick={onOpen} style={{ overflowWrap: 'anywhere' }}>
            <Text fw={600} size="sm">
              {a.subject}
            </Text>
          </UnstyledButton>
          <RelatedLink related={a.relatedTo} />
        </Stack>
        {overdue ? (
          <Badge color="red" variant="filled" leftSection={<IconAlarm size={12} />} data-testid="task-overdue">
            {days > 0 ? t('myDay.overdueDays', { count: days }) : t('myDay.overdueToday')}
          </Badge>
        ) : (
          a.dueAt && (
            <Text size="xs" c="dimmed">
              {t('myDay.dueAt', { time: time(a.dueAt) })}
            </Text>
          )
        )}
      </Group>
    </Paper>
  );
}

function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function useSpan() {
  const { t } = useTranslation('activities');
  return (ms: number) => {
    const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
    if (minutes < 60) return t('span.minutes', { count: minutes });
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return t('span.hours', { count: hours });
    return t('span.days', { count: Math.floor(hours / 24) });
  };
}

function LeadItem({ lead, canEdit, onLogCall }: { lead: Lead; canEdit: boolean; onLogCall: () => void }) {
  const { t } = useTranslation('activities');
  const fmt = useFormat();
  const now = useNow();
  const span = useSpan();
  const left = new Date(lead.firstContactDueAt).getTime() - now;
  const overdue = lead.slaBreached || left <= 0;
  const soon = !overdue && left < 4 * 3_600_000;
  const name = lead.name;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-testid="lead-item"
      style={overdue ? { borderColor: 'var(--mantine-color-red-4)', background: 'var(--mantine-color-red-0)' } : undefined}
    >
      <Group wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Anchor component={Link} to={`/leads/${lead.id}`} fw={600} size="sm">
            {name}
          </Anchor>
          {lead.company && lead.company !== name && (
            <Text size="xs" c="dimmed">
              {lead.company}
            </Text>
          )}
          <Tooltip label={fmt.dateTime(lead.firstContactDueAt)}>
            <Group gap={4} wrap="nowrap" c={overdue ? 'red.7' : soon ? 'orange.7' : 'dimmed'} data-testid="lead-countdown">
              {overdue ? <IconAlarm size={14} /> : <IconClockHour4 size={14} />}
              <Text size="xs" fw={overdue || soon ? 600 : 400}>
                {overdue ? t('myDay.contactOverdue', { span: span(left) }) : t('myDay.contactLeft', { span: span(left) })}
              </Text>
            </Group>
          </Tooltip>
        </Stack>
        {canEdit && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPhoneCall size={14} />}
            aria-label={`${t('myDay.logCall')}: ${name}`}
            onClick={onLogCall}
          >
            {t('myDay.logCall')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
