import { Alert, Button, Group, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Lead, leadUpdateInput } from '../../../domain/leads/lead.schema.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { ConflictModal } from '../../ui/ConflictModal.js';
import { useRecordEditor } from '../../ui/useRecordEditor.js';
import { fetchLead, leadKeys, refreshLead, updateLead } from './api.js';
import { LeadFormFields } from './LeadFormFields.js';
import { type LeadFormValues, leadPatch, leadToValues } from './leadForm.js';
import { useLeadValueFormatter } from './useLeadValueFormatter.js';

/** Edits the lead's fields against the version it was opened on; a 412 opens the conflict dialog. */
export function LeadEditForm({ lead, onDone }: { lead: Lead; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formatValue = useLeadValueFormatter();
  const editor = useRecordEditor<Lead, LeadFormValues>({
    record: lead,
    toValues: leadToValues,
    toPatch: leadPatch,
    validate: (patch) => leadUpdateInput.safeParse(patch),
    save: (patch, version) => updateLead(lead.id, patch, version),
    fetchLatest: () => fetchLead(lead.id),
    onSaved: (saved) => {
      refreshLead(queryClient, saved);
      notifySuccess(t('common.saved'));
      onDone();
    },
  });

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void editor.submit();
      }}
      aria-label={t('leads.editTitle')}
    >
      <Stack>
        {editor.formError != null && (
          <Alert color="red" role="alert">
            {errorMessage(t, editor.formError)}
          </Alert>
        )}
        <LeadFormFields form={editor.form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={editor.saving}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
      <ConflictModal
        conflict={editor.conflict}
        mine={editor.currentValues}
        display={(field, value) => formatValue(field, value)}
        onReapply={() => {
          editor.reapply();
          void queryClient.invalidateQueries({ queryKey: leadKeys.detail(lead.id) });
          void queryClient.invalidateQueries({ queryKey: ['stream', 'leads', lead.id] });
          notifySuccess(t('conflict.reapplied'));
        }}
        onDiscard={() => {
          editor.discard();
          void queryClient.invalidateQueries({ queryKey: leadKeys.detail(lead.id) });
          onDone();
        }}
      />
    </form>
  );
}
