import { Anchor, Badge, Group, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconBuilding, IconTarget, IconUser } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPhone } from '../../../domain/common/phone.js';
import type { DuplicateCandidate } from '../../../domain/duplicates/duplicate.schema.js';

const LOOK = {
  lead: { icon: <IconTarget size={14} />, color: 'indigo', path: '/leads' },
  contact: { icon: <IconUser size={14} />, color: 'teal', path: '/contacts' },
  account: { icon: <IconBuilding size={14} />, color: 'orange', path: '/accounts' },
} as const;

export function candidatePath(c: Pick<DuplicateCandidate, 'type' | 'id'>): string {
  return `${LOOK[c.type].path}/${c.id}`;
}

/** Possible duplicates with why they match; `action` adds a button per candidate (e.g. Merge for leads). */
export function DuplicateList({
  candidates,
  action,
}: {
  candidates: DuplicateCandidate[];
  action?: (c: DuplicateCandidate) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('leads.duplicates.title')}>
      {candidates.map((c) => (
        <Group
          key={`${c.type}:${c.id}`}
          component="li"
          justify="space-between"
          wrap="nowrap"
          gap="sm"
          data-testid="duplicate-candidate"
        >
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Tooltip label={t(`leads.duplicates.type.${c.type}`)}>
              <ThemeIcon variant="light" color={LOOK[c.type].color} radius="xl" size={26}>
                {LOOK[c.type].icon}
              </ThemeIcon>
            </Tooltip>
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap={6} wrap="nowrap">
                <Anchor component={Link} to={candidatePath(c)} size="sm" fw={600} target={action ? undefined : '_blank'}>
                  {c.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`leads.duplicates.type.${c.type}`)}
                  {c.type === 'lead' && c.status ? ` · ${t(`leads.status.${c.status}`, { defaultValue: c.status })}` : ''}
                </Text>
              </Group>
              <Group gap={4}>
                {c.reasons.map((r) => (
                  <Badge key={r.reason} size="xs" variant="outline" color="gray" radius="sm" tt="none">
                    {t(`leads.duplicates.reason.${r.reason}`)}
                    {r.value ? `: ${r.reason === 'phone' ? formatPhone(r.value) : r.value}` : ''}
                    {r.similarity < 1 ? ` (${Math.round(r.similarity * 100)} %)` : ''}
                  </Badge>
                ))}
              </Group>
            </Stack>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Tooltip label={t('leads.duplicates.confidence')}>
              <Badge variant="light" color={c.confidence >= 80 ? 'red' : c.confidence >= 60 ? 'orange' : 'yellow'} radius="sm">
                {c.confidence} %
              </Badge>
            </Tooltip>
            {action?.(c)}
          </Group>
        </Group>
      ))}
    </Stack>
  );
}
