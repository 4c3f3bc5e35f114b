import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity, ActivityStatus } from '../../../domain/activities/activity.schema.js';
import { isApiError } from '../../app/api/client.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { useSetStatus } from './api.js';

export type OutcomeRequest = { activity: Activity; status: ActivityStatus } | null;

/**
 * Closing an activity (held, not held, completed, cancelled) asks for outcome notes — they go into the related
 * record's Stream. The PATCH carries the version the user saw: a concurrent change is reported, not overwritten.
 */
export function OutcomeModal({ request, onClose }: { request: OutcomeRequest; onClose: () => void }) {
  const { t } = useTranslation('activities');
  const { t: tc } = useTranslation();
  const setStatus = useSetStatus();
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setNotes(request?.activity.outcome ?? '');
    setError(null);
  }, [request]);

  const submit = () => {
    if (!request) return;
    const outcome = notes.trim() === '' ? null : notes.trim();
    setStatus.mutate(
      { activity: request.activity, status: request.status, outcome },
      {
        onSuccess: () => {
          notifySuccess(t(`outcome.done_${request.status}`));
          onClose();
        },
        onError: (e) => {
          if (isApiError(e, 'precondition_failed')) {
            notifications.show({ color: 'orange', message: t('conflict') });
            onClose();
          } else setError(errorMessage(tc, e));
        },
      },
    );
  };

  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      title={<Text fw={600}>{request ? t(`outcome.title_${request.status}`) : ''}</Text>}
      centered
    >
      {request && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack>
            <Text size="sm" fw={500}>
              {request.activity.subject}
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Textarea
              label={t('outcome.notes')}
              placeholder={t('outcome.notesPlaceholder')}
              autosize
              minRows={3}
              maxRows={10}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {tc('common.cancel')}
              </Button>
              <Button type="submit" loading={setStatus.isPending}>
                {t('outcome.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
