import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { isApiError } from './api/client.js';

/** The message a person should read for a failed request. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    switch (error.code) {
      case 'forbidden':
        return t('errors.forbidden');
      case 'not_found':
        return t('errors.notFound');
      case 'validation_failed':
        return error.details.length ? `${t('errors.validation')} ${error.message}` : error.message;
      case 'rate_limited':
        return t('errors.rateLimited');
      default:
        return t('errors.generic', { message: error.message });
    }
  }
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
}

export function notifyError(t: TFunction, error: unknown) {
  notifications.show({ title: t('errors.title'), message: errorMessage(t, error), color: 'red' });
}

export function notifySuccess(message: string) {
  notifications.show({ message, color: 'teal' });
}
