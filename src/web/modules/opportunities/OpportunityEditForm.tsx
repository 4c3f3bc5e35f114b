import { useTranslation } from 'react-i18next';
import { type Opportunity, opportunityUpdateInput } from '../../../domain/opportunities/opportunity.schema.js';
import { notifySuccess } from '../../app/notify.js';
import { RecordEditForm, useReloadRecord } from '../../ui/records/RecordEditForm.js';
import { useRecordEditor } from '../../ui/useRecordEditor.js';
import { fetchOpportunity, opportunityKeys, updateOpportunity, usePipelines, useRefreshOpportunity } from './api.js';
import { OpportunityEditFields } from './OpportunityEditFields.js';
import { type OpportunityFormValues, opportunityPatch, opportunityToValues } from './opportunityForm.js';
import { useOpportunityFormDisplay } from './useOpportunityFormDisplay.js';
import './i18n.js';

/** Edits a deal against the version it was opened on (PATCH + If-Match); a 412 opens the conflict dialog. */
export function OpportunityEditForm({ opportunity, onDone }: { opportunity: Opportunity; onDone: () => void }) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const refresh = useRefreshOpportunity();
  const pipelines = usePipelines().data ?? [];
  const formatValue = useOpportunityFormDisplay(opportunity, pipelines);
  const reload = useReloadRecord(opportunityKeys.detail(opportunity.id), { resource: 'opportunities', id: opportunity.id });
  const editor = useRecordEditor<Opportunity, OpportunityFormValues>({
    record: opportunity,
    toValues: opportunityToValues,
    toPatch: opportunityPatch,
    validate: (patch) => opportunityUpdateInput.safeParse(patch),
    save: (patch, version) => updateOpportunity(opportunity.id, patch, version),
    fetchLatest: () => fetchOpportunity(opportunity.id),
    onSaved: (saved) => {
      refresh(saved);
      notifySuccess(tc('common.saved'));
      onDone();
    },
  });

  return (
    <RecordEditForm label={t('detail.editTitle')} editor={editor} formatValue={formatValue} onCancel={onDone} reload={reload}>
      <OpportunityEditFields form={editor.form} opportunity={opportunity} pipelines={pipelines} />
    </RecordEditForm>
  );
}
