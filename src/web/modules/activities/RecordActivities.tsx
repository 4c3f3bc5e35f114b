import { Badge, Button, Divider, Group, Paper, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconCalendarPlus, IconListCheck, IconPhonePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Activity, RelatedRef } from '../../../domain/activities/activity.schema.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { StatusBadge, TypeBadgeIcon } from './activityLabels.js';
import { useRelatedActivities } from './api.js';
import { StatusActions } from './StatusActions.js';
import { useActivityDialogs } from './useActivityDialogs.js';
import { useTimeRange } from './useTimeRange.js';
import './i18n.js';

type Props = {
  related: RelatedRef & { name?: string | null };
  /** false for a record in the trash or a read-only user */
  canEdit?: boolean;
};

/** A record's activities: planned ones first (soonest on top), then the done and past ones; schedule/log/add. */
export function RecordActivities({ related, canEdit: canEditRecord = true }: Props) {
  const { t } = useTranslation('activities');
  const canEdit = useCanEdit() && canEditRecord;
  const list = useRelatedActivities(related);
  const dialogs = useActivityDialogs();
  const all = list.data?.pages.flatMap((p) => p.data) ?? [];
  const upcoming = all.filter((a) => a.status === 'planned').reverse();
  const past = all.filter((a) => a.status !== 'planned');
  const from = { type: related.type, id: related.id, name: related.name ?? null };

  return (
    <Paper withBorder p="md" shadow="xs" component="section" aria-label={t('record.title')} data-testid="record-activities">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={4}>{t('record.title')}</Title>
        {canEdit && (
          <Group gap={6}>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconCalendarPlus size={14} />}
              onClick={() => dialogs.openCreate({ type: 'meeting', related: from }, t('form.scheduleMeeting'))}
            >
              {t('form.scheduleMeeting')}
            </Button>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPhonePlus size={14} />}
              onClick={() => dialogs.openCreate({ type: 'call', held: true, related: from }, t('form.logCall'))}
            >
              {t('form.logCall')}
            </Button>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconListCheck size={14} />}
              onClick={() => dialogs.openCreate({ type: 'task', related: from }, t('form.addTask'))}
            >
              {t('form.addTask')}
            </Button>
          </Group>
        )}
      </Group>
      {list.isPending ? (
        <Stack gap="xs">
          <Skeleton height={40} />
          <Skeleton height={40} />
        </Stack>
      ) : all.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="md">
          {t('record.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            {t('record.upcoming')}
          </Text>
          {upcoming.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('record.noneUpcoming')}
            </Text>
          )}
          {upcoming.map((a) => (
            <Row
              key={a.id}
              activity={a}
              canEdit={canEdit}
              onOpen={() => dialogs.openDetail(a.id)}
              onStatus={(s) => dialogs.askOutcome(a, s)}
            />
          ))}
          {past.length > 0 && (
            <>
              <Divider my={4} />
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                {t('record.past')}
              </Text>
              {past.map((a) => (
                <Row key={a.id} activity={a} canEdit={false} onOpen={() => dialogs.openDetail(a.id)} onStatus={() => {}} />
              ))}
            </>
          )}
          {list.hasNextPage && (
            <Button variant="subtle" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('record.showMore')}
            </Button>
          )}
        </Stack>
      )}
      {dialogs.element}
    </Paper>
  );
}

function Row({
  activity: a,
  canEdit,
  onOpen,
  onStatus,
}: {
  activity: Activity;
  canEdit: boolean;
  onOpen: () => void;
  onStatus: (status: Activity['status']) => void;
}) {
  const { t } = useTranslation('activities');
  const fmt = useFormat();
  const timeRange = useTimeRange();
  const when = a.type === 'meeting' || a.type === 'call' ? timeRange(a.startsAt, a.endsAt) : fmt.dateTime(a.dueAt);
  return (
    <Group wrap="nowrap" gap="sm" align="flex-start" data-testid="record-activity" data-status={a.status}>
      <TypeBadgeIcon type={a.type} size={26} />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <UnstyledButton onClick={onOpen} style={{ overflowWrap: 'anywhere' }}>
          <Text size="sm" fw={600}>
            {a.subject}
          </Text>
        </UnstyledButton>
        <Group gap={6}>
          <Text size="xs" c={a.overdue ? 'red.7' : 'dimmed'} fw={a.overdue ? 600 : 400}>
            {when}
          </Text>
          {a.status !== 'planned' && <StatusBadge status={a.status} />}
          {a.overdue && (
            <Badge color="red" size="xs" variant="filled">
              {t('detail.overdue')}
            </Badge>
          )}
        </Group>
        {a.outcome && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {a.outcome}
          </Text>
        )}
        {canEdit && <StatusActions activity={a} onStatus={onStatus} withCancel={false} />}
      </Stack>
    </Group>
  );
}
