import { Alert, Anchor, Badge, Button, Collapse, Group, Loader, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuilding, IconChevronDown, IconChevronUp, IconCopy, IconTarget, IconUser } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPhone } from '../../../domain/common/phone.js';
import type { DuplicateCandidate } from '../../../domain/duplicates/duplicate.schema.js';
import './i18n.js';

const LOOK = {
  lead: { icon: <IconTarget size={14} />, color: 'indigo', path: '/leads' },
  contact: { icon: <IconUser size={14} />, color: 'teal', path: '/contacts' },
  account: { icon: <IconBuilding size={14} />, color: 'orange', path: '/accounts' },
} as const;

export function candidatePath(c: Pick<DuplicateCandidate, 'type' | 'id'>): string {
  return `${LOOK[c.type].path}/${c.id}`;
}

/**
 * Possible duplicates with why they match and how sure the match is; `action` adds a control per candidate
 * (e.g. Merge). Without an action (a create form) the links open in a new tab so the typed form is kept.
 */
export function DuplicateCandidates({
  candidates,
  action,
}: {
  candidates: DuplicateCandidate[];
  action?: (c: DuplicateCandidate) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('merge:duplicates.title')}>
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
            <Tooltip label={t(`merge:duplicates.type.${c.type}`)}>
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
                  {t(`merge:duplicates.type.${c.type}`)}
                  {c.type === 'lead' && c.status ? ` · ${t(`leads.status.${c.status}`, { defaultValue: c.status })}` : ''}
                </Text>
              </Group>
              <Group gap={4}>
                {c.reasons.map((r) => (
                  <Badge key={`${r.reason}:${r.value}`} size="xs" variant="outline" color="gray" radius="sm" tt="none">
                    {t(`merge:duplicates.reason.${r.reason}`)}
                    {r.value ? `: ${r.reason === 'phone' ? formatPhone(r.value) : r.value}` : ''}
                    {r.similarity < 1 ? ` (${Math.round(r.similarity * 100)} %)` : ''}
                  </Badge>
                ))}
              </Group>
            </Stack>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Tooltip label={t('merge:duplicates.confidence')}>
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

/** "2 possible duplicates" on a record's page: collapsed by default, the list with an action per candidate. */
export function DuplicatesBanner({
  candidates,
  hint,
  action,
}: {
  candidates: DuplicateCandidate[];
  hint: string;
  action?: (c: DuplicateCandidate) => ReactNode;
}) {
  const { t } = useTranslation();
  const [open, { toggle }] = useDisclosure(false);
  if (candidates.length === 0) return null;
  return (
    <Alert color="orange" variant="light" mb="md" icon={<IconCopy size={18} />} data-testid="duplicates-banner">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>
          {t('merge:duplicates.count', { count: candidates.length })}
        </Text>
        <Button
          size="compact-sm"
          variant="subtle"
          color="orange"
          onClick={toggle}
          aria-expanded={open}
          rightSection={open ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
        >
          {open ? t('merge:duplicates.hide') : t('merge:duplicates.show')}
        </Button>
      </Group>
      <Collapse expanded={open}>
        <Text size="xs" c="dimmed" mt={4} mb="sm">
          {hint}
        </Text>
        <DuplicateCandidates candidates={candidates} action={action} />
      </Collapse>
    </Alert>
  );
}

/** Live "we may already have this one" under a create form; renders nothing until something matches. */
export function LiveDuplicates({ candidates, fetching }: { candidates: DuplicateCandidate[]; fetching: boolean }) {
  const { t } = useTranslation();
  if (candidates.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconCopy size={18} />}
      title={
        <Group gap="xs">
          {t('merge:duplicates.count', { count: candidates.length })}
          {fetching && <Loader size={12} />}
        </Group>
      }
      role="status"
      data-testid="live-duplicates"
    >
      <Text size="xs" c="dimmed" mb="xs">
        {t('merge:duplicates.live')}
      </Text>
      <DuplicateCandidates candidates={candidates.slice(0, 5)} />
    </Alert>
  );
}
