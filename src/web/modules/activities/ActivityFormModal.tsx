import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Activity, activityCreateInput, activityUpdateInput } from '../../../domain/activities/activity.schema.js';
import { isApiError } from '../../app/api/client.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { ConflictModal } from '../../ui/ConflictModal.js';
import { detailsToErrors, issuesToErrors } from '../../ui/forms.js';
import { useRecordEditor } from '../../ui/useRecordEditor.js';
import { ActivityFormFields } from './ActivityFormFields.js';
import {
  type ActivityDefaults,
  type ActivityFormValues,
  activityFieldAliases,
  activityPatch,
  activityToValues,
  initialValues,
  refKey,
  toCreateInput,
} from './activityForm.js';
import { activityKeys, fetchActivity, refreshAfterChange, updateActivity, useCreateActivity } from './api.js';

export type ActivityFormRequest =
  | { mode: 'create'; defaults: ActivityDefaults; title?: string }
  | { mode: 'edit'; activity: Activity }
  | null;

/** One modal for scheduling/logging a new activity and for editing one (If-Match, shared conflict dialog). */
export function ActivityFormModal({
  request,
  onClose,
  onCreated,
}: {
  request: ActivityFormRequest;
  onClose: () => void;
  onCreated?: (activity: Activity) => void;
}) {
  const { t } = useTranslation('activities');
  const title = !request ? '' : request.mode === 'edit' ? t('form.editTitle') : (request.title ?? t('form.newTitle'));
  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      title={<Text fw={600}>{title}</Text>}
      size="lg"
      closeOnClickOutside={false}
    >
      {request?.mode === 'create' && (
        <CreateForm defaults={request.defaults} title={title} onClose={onClose} onCreated={onCreated} />
      )}
      {request?.mode === 'edit' && <EditForm key={request.activity.id} activity={request.activity} onClose={onClose} />}
    </Modal>
  );
}

function CreateForm({
  defaults,
  title,
  onClose,
  onCreated,
}: {
  defaults: ActivityDefaults;
  title: string;
  onClose: () => void;
  onCreated?: (activity: Activity) => void;
}) {
  const { t } = useTranslation('activities');
  const { t: tc } = useTranslation();
  const create = useCreateActivity();
  const form = useForm<ActivityFormValues>({ mode: 'controlled', initialValues: initialValues(defaults) });
  const knownLabels = defaults.related?.name ? { [refKey(defaults.related)]: defaults.related.name } : {};

  const submit = form.onSubmit((values) => {
    const input = toCreateInput(values);
    const check = activityCreateInput.safeParse(input);
    if (!check.success) return form.setErrors(issuesToErrors(check.error.issues, activityFieldAliases));
    create.mutate(input, {
      onSuccess: (activity) => {
        notifySuccess(t('form.created'));
        onCreated?.(activity);
        onClose();
      },
      onError: (e) => {
        if (isApiError(e, 'validation_failed') && e.details.length)
          form.setErrors(detailsToErrors(e.details, activityFieldAliases));
      },
    });
  });

  return (
    <form noValidate aria-label={title} onSubmit={submit}>
      <Stack>
        {create.error && !(isApiError(create.error, 'validation_failed') && create.error.details.length) && (
          <Alert color="red" role="alert">
            {errorMessage(tc, create.error)}
          </Alert>
        )}
        <ActivityFormFields
          form={form}
          mode="create"
          lockedRelated={defaults.related ? { type: defaults.related.type, name: defaults.related.name ?? null } : null}
          knownLabels={knownLabels}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {tc('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditForm({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const { t } = useTranslation('activities');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const editor = useRecordEditor<Activity, ActivityFormValues>({
    record: activity,
    toValues: activityToValues,
    toPatch: (changed, values) => activityPatch(changed, values),
    validate: (patch) => activityUpdateInput.safeParse(patch),
    save: (patch, version) => updateActivity(activity.id, patch, version),
    fetchLatest: () => fetchActivity(activity.id),
    fieldAliases: activityFieldAliases,
    onSaved: (saved) => {
      queryClient.setQueryData(activityKeys.detail(saved.id), saved);
      refreshAfterChange(queryClient, saved);
      notifySuccess(t('form.saved'));
      onClose();
    },
  });
  const knownLabels: Record<string, string> = {};
  for (const p of activity.participants) if (p.name) knownLabels[refKey(p)] = p.name;
  if (activity.relatedTo?.name) knownLabels[refKey(activity.relatedTo)] = activity.relatedTo.name;
  const display = (field: string, value: unknown) => {
    if (Array.isArray(value)) return value.map((v) => knownLabels[String(v)] ?? String(v)).join(', ');
    if (field === 'related') return knownLabels[String(value)] ?? String(value ?? '');
    return String(value ?? '');
  };

  return (
    <form
      noValidate
      aria-label={t('form.editTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void editor.submit();
      }}
    >
      <Stack>
        {editor.formError != null && (
          <Alert color="red" role="alert">
            {errorMessage(tc, editor.formError)}
          </Alert>
        )}
        <ActivityFormFields form={editor.form} mode="edit" knownLabels={knownLabels} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {tc('common.cancel')}
          </Button>
          <Button type="submit" loading={editor.saving}>
            {tc('common.save')}
          </Button>
        </Group>
      </Stack>
      <ConflictModal
        conflict={editor.conflict}
        mine={editor.currentValues}
        display={display}
        onReapply={() => {
          editor.reapply();
          refreshAfterChange(queryClient, activity);
          notifySuccess(tc('conflict.reapplied'));
        }}
        onDiscard={() => {
          editor.discard();
          refreshAfterChange(queryClient, activity);
          onClose();
        }}
      />
    </form>
  );
}
