import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Lead, leadUpdateInput } from '../../../domain/leads/lead.schema.js';
import { notifySuccess } from '../../app/notify.js';
import type { FormValues } from '../../ui/forms.js';
import { useRecordEditor } from '../../ui/useRecordEditor.js';
import { fetchLead, refreshLead, updateLead } from './api.js';

/**
 * The lead, or one part of it (details, BANT, score factors), edited against the version it was opened on; a save
 * refreshes the lead, its lists and its Stream.
 */
export function useLeadEditor<V extends FormValues>(
  lead: Lead,
  toValues: (lead: Lead) => V,
  toPatch: (changed: Array<keyof V & string>, values: V) => Record<string, unknown>,
  onSaved?: () => void,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useRecordEditor<Lead, V>({
    record: lead,
    toValues,
    toPatch,
    validate: (patch) => leadUpdateInput.safeParse(patch),
    save: (patch, version) => updateLead(lead.id, patch, version),
    fetchLatest: () => fetchLead(lead.id),
    onSaved: (saved) => {
      refreshLead(queryClient, saved);
      notifySuccess(t('common.saved'));
      onSaved?.();
    },
  });
}
