import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import { now } from '../../platform/clock.js';
import type { OpportunityContactRow, OpportunityRow } from './opportunities.repo.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const DAY_MS = 86_400_000;

/** Whole days since `since` on the application clock. */
export function daysSince(since: Date | string): number {
  return Math.max(0, Math.floor((now().getTime() - new Date(since).getTime()) / DAY_MS));
}

export function toOpportunity(r: OpportunityRow, contacts: OpportunityContactRow[], baseCurrency: string): Opportunity {
  return {
    id: r.id,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    createdBy: r.createdBy,
    name: r.name,
    accountId: r.accountId,
    account: r.accountName ? { id: r.accountId, name: r.accountName } : null,
    primaryContactId: r.primaryContactId,
    primaryContact: r.primaryContactId && r.primaryContactName ? { id: r.primaryContactId, name: r.primaryContactName } : null,
    contacts: contacts
      .filter((c) => c.opportunityId === r.id)
      .map((c) => ({ contactId: c.contactId, name: c.name, role: c.role as Opportunity['contacts'][number]['role'] })),
    pipelineId: r.pipelineId,
    pipeline: { id: r.pipelineId, name: r.pipelineName },
    stageId: r.stageId,
    stage: {
      id: r.stageId,
      name: r.stageName,
      kind: r.stageKind as Opportunity['stage']['kind'],
      probability: r.stageProbability,
    },
    stageEnteredAt: iso(r.stageEnteredAt),
    daysInStage: daysSince(r.stageEnteredAt),
    amount: r.amount,
    currency: r.currency,
    amountBase: r.amountBase,
    baseCurrency,
    probability: r.probability,
    probabilityOverridden: r.probabilityOverride !== null,
    expectedCloseDate: r.expectedCloseDate,
    ownerId: r.ownerId,
    owner: r.ownerName ? { id: r.ownerId, name: r.ownerName } : null,
    forecastCategory: r.forecastCategory as Opportunity['forecastCategory'],
    nextStep: r.nextStep,
    description: r.description,
    source: r.source,
    leadId: r.leadId,
    status: r.status as Opportunity['status'],
    lostReason: r.lostReason as Opportunity['lostReason'],
    closeNote: r.closeNote,
    closedAt: r.closedAt ? iso(r.closedAt) : null,
    deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
    approvalStatus: r.approvalStatus as Opportunity['approvalStatus'],
    onHold: r.onHold,
    stalled: r.stalledReason !== null,
    stalledReason: r.stalledReason as Opportunity['stalledReason'],
  };
}

/** The flat, comparable shape used for field diffs in the Stream (stage moves get their own `status` entry). */
export function opportunityDiffShape(o: Opportunity) {
  return {
    name: o.name,
    accountId: o.accountId,
    primaryContactId: o.primaryContactId,
    contacts: o.contacts
      .map((c) => ({ contactId: c.contactId, role: c.role }))
      .sort((a, b) => a.contactId.localeCompare(b.contactId)),
    amount: o.amount,
    currency: o.currency,
    probability: o.probabilityOverridden ? o.probability : null,
    expectedCloseDate: o.expectedCloseDate,
    ownerId: o.ownerId,
    forecastCategory: o.forecastCategory,
    nextStep: o.nextStep,
    description: o.description,
    source: o.source,
  };
}
export type OpportunityDiffShape = ReturnType<typeof opportunityDiffShape>;
export const OPPORTUNITY_DIFF_FIELDS = [
  'name',
  'accountId',
  'primaryContactId',
  'contacts',
  'amount',
  'currency',
  'probability',
  'expectedCloseDate',
  'ownerId',
  'forecastCategory',
  'nextStep',
  'description',
  'source',
] as const satisfies ReadonlyArray<keyof OpportunityDiffShape>;
