import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';

/** A 412 on an action: the lead changed since it was shown; it is reloaded and nothing was overwritten. */
export function notifyStale(t: TFunction) {
  notifications.show({ title: t('conflict.title'), message: t('leads.staleLead'), color: 'orange' });
}
