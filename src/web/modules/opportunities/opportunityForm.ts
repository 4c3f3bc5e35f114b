import type { Opportunity, OpportunityCreateInput } from '../../../domain/opportunities/opportunity.schema.js';
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

/** The create dialog's fields: a new deal starts in its pipeline's first open stage. */
export type OpportunityCreateValues = Pick<
  OpportunityFormValues,
  'name' | 'accountId' | 'pipelineId' | 'amount' | 'currency' | 'expectedCloseDate' | 'ownerId'
>;

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

/** An amount as typed ("1 250,50") as the API's decimal string ("1250.50"). */
const decimalInput = (amount: string) => amount.replace(',', '.').replace(/\s/g, '');

/** One form field's value as the API takes it (and as the deal's Stream shows it). */
export function opportunityInputValue(field: string, value: unknown): unknown {
  switch (field) {
    case 'contacts':
      return (value as string[])
        .filter((s) => !s.startsWith('|'))
        .map((s) => {
          const [contactId, role] = s.split('|');
          return { contactId, role };
        });
    case 'probability':
      return value === '' ? null : Number(value);
    case 'primaryContactId':
    case 'expectedCloseDate':
      return value || null;
    case 'amount':
      return decimalInput(value as string);
    case 'nextStep':
    case 'description':
      return textOrNull(value as string);
    default:
      return value;
  }
}

export function opportunityPatch(changed: Array<keyof OpportunityFormValues>, v: OpportunityFormValues): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const k of changed) patch[k] = opportunityInputValue(k, v[k]);
  // a deal moved to another pipeline lands in a stage of that pipeline
  if (changed.includes('pipelineId')) patch.stageId = v.stageId;
  return patch;
}

/** The create body; without a pipeline chosen, `defaultPipeline` (the page's or the default one). */
export function opportunityCreatePayload(v: OpportunityCreateValues, defaultPipeline: string): OpportunityCreateInput {
  return {
    name: v.name,
    accountId: v.accountId,
    pipelineId: v.pipelineId || defaultPipeline || undefined,
    amount: decimalInput(v.amount),
    currency: v.currency,
    expectedCloseDate: v.expectedCloseDate || null,
    ownerId: v.ownerId || undefined,
  };
}
