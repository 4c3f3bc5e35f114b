import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconEdit, IconExternalLink, IconTrash, IconVideo } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Activity, ActivityStatus } from '../../../domain/activities/activity.schema.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import { FieldList } from '../../ui/FieldList.js';
import { Stream } from '../../ui/Stream.js';
import { useValueFormatter } from '../../ui/stream/useValueFormatter.js';
import { RelatedLink, StatusBadge, TypeBadgeIcon } from './activityLabels.js';
import { useDeleteActivity } from './api.js';
import { StatusActions } from './StatusActions.js';
import { useTimeRange } from './useTimeRange.js';

type Props = {
  activity: Activity;
  onEdit: () => void;
  onStatus: (status: ActivityStatus) => void;
  onDeleted?: () => void;
  /** In the drawer: a link to the full page. */
  showPageLink?: boolean;
};

/** An activity's fields, its status actions and its own Stream — used by the drawer and the activity page. */
export function ActivityDetails({ activity: a, onEdit, onStatus, onDeleted, showPageLink }: Props) {
  const { t } = useTranslation('activities');
  const { t: tc } = useTranslation();
  const fmt = useFormat();
  const canEdit = useCanEdit();
  const formatValue = useValueFormatter();
  const timeRange = useTimeRange();
  const remove = useDeleteActivity();
  const [confirming, setConfirming] = useState(false);
  const timed = a.type === 'meeting' || a.type === 'call';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <TypeBadgeIcon type={a.type} size={36} />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={3} data-testid="activity-subject" style={{ overflowWrap: 'anywhere' }}>
              {a.subject}
            </Title>
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t(`type.${a.type}`)}
              </Text>
              <StatusBadge status={a.status} />
              {a.overdue && (
                <Badge color="red" variant="filled" size="sm">
                  {t('detail.overdue')}
                </Badge>
              )}
            </Group>
          </Stack>
        </Group>
        {showPageLink && (
          <Anchor component={Link} to={`/activities/${a.id}`} size="sm">
            <Group gap={4} wrap="nowrap">
              <IconExternalLink size={14} />
              {t('detail.openPage')}
            </Group>
          </Anchor>
        )}
      </Group>
      {canEdit && a.deletedAt === null && (
        <Group gap="xs">
          <StatusActions activity={a} onStatus={onStatus} size="sm" />
          <Button variant="default" size="sm" leftSection={<IconEdit size={14} />} onClick={onEdit}>
            {t('detail.edit')}
          </Button>
          <Button
            variant="subtle"
            color="red"
            size="sm"
            leftSection={<IconTrash size={14} />}
            onClick={() => setConfirming(true)}
          >
            {t('detail.delete')}
          </Button>
        </Group>
      )}
      <Paper withBorder p="md">
        <FieldList
          items={[
            timed
              ? { label: t('detail.when'), value: timeRange(a.startsAt, a.endsAt) }
              : { label: t('detail.due'), value: fmt.dateTime(a.dueAt) },
            { label: t('detail.related'), value: <RelatedLink related={a.relatedTo} /> },
            { label: t('detail.owner'), value: a.owner?.name },
            { label: t('detail.participants'), value: a.participants.map((p) => p.name ?? p.id).join(', ') },
            ...(a.type === 'meeting'
              ? [
                  { label: t('detail.location'), value: a.location },
                  {
                    label: t('detail.video'),
                    value: a.videoUrl ? (
                      <Anchor href={a.videoUrl} target="_blank" rel="noopener noreferrer" size="sm">
                        <Group gap={4} wrap="nowrap" component="span">
                          <IconVideo size={14} />
                          {a.videoUrl}
                        </Group>
                      </Anchor>
                    ) : null,
                  },
                ]
              : []),
            { label: t('detail.reminder'), value: fmt.dateTime(a.reminderAt) },
            ...(a.completedAt ? [{ label: t('detail.completedAt'), value: fmt.dateTime(a.completedAt) }] : []),
            { label: t('detail.description'), value: a.description, span: 'full' as const },
            { label: t('detail.outcome'), value: a.outcome, span: 'full' as const },
          ]}
        />
      </Paper>
      <Stream resource="activities" id={a.id} canPost={canEdit && a.deletedAt === null} formatValue={formatValue} />
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={tc('common.delete')}
        message={t('detail.deleteConfirm', { subject: a.subject })}
        confirmLabel={tc('common.delete')}
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(a, {
            onSuccess: () => {
              setConfirming(false);
              notifySuccess(tc('common.deleted'));
              onDeleted?.();
            },
            onError: (e) => notifyError(tc, e),
          })
        }
      />
    </Stack>
  );
}
