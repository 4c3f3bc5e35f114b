import { Drawer, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Activity, ActivityStatus } from '../../../domain/activities/activity.schema.js';
import { errorMessage } from '../../app/notify.js';
import { ActivityDetails } from './ActivityDetails.js';
import { useActivity } from './api.js';

/** The activity opened from My day, the calendar or a record: fields, status actions and its Stream. */
export function ActivityDrawer({
  id,
  onClose,
  onEdit,
  onStatus,
}: {
  id: string | null;
  onClose: () => void;
  onEdit: (activity: Activity) => void;
  onStatus: (activity: Activity, status: ActivityStatus) => void;
}) {
  const { t } = useTranslation('activities');
  const { t: tc } = useTranslation();
  const activity = useActivity(id);
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={t('detail.title')}
      aria-label={t('detail.title')}
    >
      {activity.isPending && (
        <Stack>
          <Skeleton height={36} width="60%" />
          <Skeleton height={200} />
        </Stack>
      )}
      {activity.isError && <Text c="red">{errorMessage(tc, activity.error)}</Text>}
      {activity.isSuccess && (
        <ActivityDetails
          activity={activity.data}
          showPageLink
          onEdit={() => onEdit(activity.data)}
          onStatus={(status) => onStatus(activity.data, status)}
          onDeleted={onClose}
        />
      )}
    </Drawer>
  );
}
