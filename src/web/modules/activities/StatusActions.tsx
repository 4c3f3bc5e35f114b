import { Button, Group, type MantineSize } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Activity, ActivityStatus } from '../../../domain/activities/activity.schema.js';
import { closingStatuses } from './activityLabels.js';

/** Held / Not held (meetings, calls) or Complete (tasks, emails), and Cancel — only while the activity is planned. */
export function StatusActions({
  activity,
  onStatus,
  size = 'xs',
  withCancel = true,
}: {
  activity: Activity;
  onStatus: (status: ActivityStatus) => void;
  size?: MantineSize;
  withCancel?: boolean;
}) {
  const { t } = useTranslation('activities');
  if (activity.status !== 'planned') return null;
  const statuses = closingStatuses(activity.type).filter((s) => withCancel || s !== 'cancelled');
  return (
    <Group gap={6} wrap="nowrap">
      {statuses.map((status) => (
        <Button
          key={status}
          size={size}
          variant={status === 'held' || status === 'completed' ? 'light' : 'default'}
          color={status === 'held' || status === 'completed' ? 'green' : status === 'cancelled' ? 'red' : undefined}
          leftSection={
            status === 'held' || status === 'completed' ? (
              <IconCheck size={14} />
            ) : status === 'not_held' ? (
              <IconX size={14} />
            ) : undefined
          }
          onClick={(e) => {
            e.stopPropagation();
            onStatus(status);
          }}
          aria-label={`${t(`action.${status}`)}: ${activity.subject}`}
        >
          {t(`action.${status}`)}
        </Button>
      ))}
    </Group>
  );
}
