import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import { textOrNull } from '../../ui/forms.js';

/** Flat form values of the edit form; contacts travel as "contactId|role" strings (one per linked contact). */
export type OpportunityFormValues = {
  name: string;
  accountId: string;
  primaryContactId: string;
  contacts: string[];
  pipelineId: string;
  stageId: string;
  amount: string;
  currency: string;
  /** '' = the stage's default */
  probability: string;
  expectedCloseDate: string;
  forecastCategory: string;
  nextStep: string;
  description: string;
  ownerId: string;
};

export function opportunityToValues(o: Opportunity): OpportunityFormValues {
  return {
    name: o.name,
    accountId: o.accountId,
    primaryContactId: o.primaryContactId ?? '',
    contacts: o.contacts.map((c) => `${c.contactId}|${c.role}`),
    pipelineId: o.pipelineId,
    stageId: o.stageId,
    amount: o.amount,
    currency: o.currency,
    probability: o.probabilityOverridden ? String(o.probability) : '',
    expectedCloseDate: o.expectedCloseDate ?? '',
    forecastCategory: o.forecastCategory,
    nextStep: o.nextStep ?? '',
    description: o.description ?? '',
    ownerId: o.ownerId,
  };
}

export function opportunityPatch(changed: Array<keyof OpportunityFormValues>, v: OpportunityFormValues): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const k of changed) {
    switch (k) {
      case 'contacts':
        patch.contacts = v.contacts
          .filter((s) => !s.startsWith('|'))
          .map((s) => {
            const [contactId, role] = s.split('|');
            return { contactId, role };
          });
        break;
      case 'probability':
        patch.probability = v.probability === '' ? null : Number(v.probability);
        break;
      case 'primaryContactId':
        patch.primaryContactId = v.primaryContactId || null;
        break;
      case 'expectedCloseDate':
        patch.expectedCloseDate = v.expectedCloseDate || null;
        break;
      case 'amount':
        patch.amount = v.amount.replace(',', '.').replace(/\s/g, '');
        break;
      case 'nextStep':
      case 'description':
        patch[k] = textOrNull(v[k]);
        break;
      case 'pipelineId':
        patch.pipelineId = v.pipelineId;
        patch.stageId = v.stageId;
        break;
      default:
        patch[k] = v[k];
    }
  }
  return patch;
}
