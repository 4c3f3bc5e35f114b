import { useTranslation } from 'react-i18next';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { RecordEditForm, useReloadRecord } from '../../ui/records/RecordEditForm.js';
import { leadKeys } from './api.js';
import { LeadFormFields } from './LeadFormFields.js';
import { leadPatch, leadToValues } from './leadForm.js';
import { useLeadEditor } from './useLeadEditor.js';
import { useLeadValueFormatter } from './useLeadValueFormatter.js';

/** Edits the lead's fields against the version it was opened on; a 412 opens the conflict dialog. */
export function LeadEditForm({ lead, onDone }: { lead: Lead; onDone: () => void }) {
  const { t } = useTranslation();
  const formatValue = useLeadValueFormatter();
  const reload = useReloadRecord(leadKeys.detail(lead.id), { resource: 'leads', id: lead.id });
  const editor = useLeadEditor(lead, leadToValues, leadPatch, onDone);

  return (
    <RecordEditForm label={t('leads.editTitle')} editor={editor} formatValue={formatValue} onCancel={onDone} reload={reload}>
      <LeadFormFields form={editor.form} />
    </RecordEditForm>
  );
}
