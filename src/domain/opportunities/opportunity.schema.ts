import { z } from 'zod';
import { listQueryBase, optionalText, recordMeta, recordRef, requiredText, userRef, uuid } from '../common/fields.js';
import { leadSource } from '../leads/lead.schema.js';
import { isoDate } from '../money/exchange-rate.schema.js';
import { currencyCode, moneyAmount } from '../money/money.js';

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export const opportunityStatus = z.enum(OPPORTUNITY_STATUSES);
export type OpportunityStatus = z.infer<typeof opportunityStatus>;

export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export const forecastCategory = z.enum(FORECAST_CATEGORIES);

export const LOST_REASONS = ['price', 'competition', 'timing', 'fit', 'no_decision', 'other'] as const;
export const lostReason = z.enum(LOST_REASONS);

export const CONTACT_ROLES = [
  'decision_maker',
  'economic_buyer',
  'technical_buyer',
  'influencer',
  'champion',
  'user',
  'other',
] as const;
export const contactRole = z.enum(CONTACT_ROLES);

const contactLinks = z
  .array(z.object({ contactId: uuid, role: contactRole }))
  .max(50)
  .refine((list) => new Set(list.map((c) => c.contactId)).size === list.length, 'a contact appears twice');

const optionalDate = isoDate
  .nullable()
  .optional()
  .or(z.literal('').transform(() => null));

const opportunityFields = {
  name: requiredText(200),
  accountId: uuid,
  primaryContactId: uuid.nullable().optional(),
  /** Further contacts with their role in the deal; on PATCH the list replaces the current one. */
  contacts: contactLinks.optional(),
  pipelineId: uuid.optional(),
  stageId: uuid.optional(),
  amount: moneyAmount,
  currency: currencyCode,
  /** Overrides the stage's probability; null on PATCH goes back to the stage's. */
  probability: z.number().int().min(0).max(100).nullable().optional(),
  expectedCloseDate: optionalDate,
  ownerId: uuid.optional(),
  forecastCategory: forecastCategory.optional(),
  nextStep: optionalText(500),
  description: optionalText(10_000),
  source: leadSource.nullable().optional(),
};

export const opportunityCreateInput = z.object(opportunityFields);
export type OpportunityCreateInput = z.input<typeof opportunityCreateInput>;
export type OpportunityCreate = z.output<typeof opportunityCreateInput>;

/** Status, close data and the lead link change only through close/reopen/convert. */
export const opportunityUpdateInput = z.object(opportunityFields).partial();
export type OpportunityUpdate = z.output<typeof opportunityUpdateInput>;

export const stageRef = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['open', 'won', 'lost']),
  probability: z.number().int(),
});

export const opportunity = z.object({
  ...recordMeta,
  name: z.string(),
  accountId: z.string(),
  account: recordRef.nullable(),
  primaryContactId: z.string().nullable(),
  primaryContact: recordRef.nullable(),
  contacts: z.array(z.object({ contactId: z.string(), name: z.string(), role: contactRole })),
  pipelineId: z.string(),
  pipeline: recordRef,
  stageId: z.string(),
  stage: stageRef,
  stageEnteredAt: z.string(),
  daysInStage: z.number().int(),
  amount: z.string(),
  currency: z.string(),
  /** The amount in the base currency at the rate of the valuation day (today for open deals, the close day for closed ones); null when no rate is known. */
  amountBase: z.string().nullable(),
  baseCurrency: z.string(),
  probability: z.number().int(),
  probabilityOverridden: z.boolean(),
  expectedCloseDate: z.string().nullable(),
  ownerId: z.string(),
  owner: userRef.nullable(),
  forecastCategory,
  nextStep: z.string().nullable(),
  description: z.string().nullable(),
  source: z.string().nullable(),
  leadId: z.string().nullable(),
  status: opportunityStatus,
  lostReason: lostReason.nullable(),
  closeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  /** Management approval (seed 004): a stage that requires approval is entered only when `approved`. */
  approvalStatus: z.enum(['none', 'requested', 'approved', 'rejected']),
  /** Put on hold while stalled (seed 002): never reported as stalled until it moves on. */
  onHold: z.boolean(),
  /** Matches the stalled-deal rules now (open deals only); the reason says which rule. */
  stalled: z.boolean(),
  stalledReason: z.enum(['no_activity', 'too_long_in_stage']).nullable(),
});
export type Opportunity = z.infer<typeof opportunity>;

export const OPPORTUNITY_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;

/** Filters shared by the table and the board. */
export const opportunityFilters = {
  ownerId: uuid.optional(),
  teamId: uuid.optional(),
  closeFrom: isoDate.optional(),
  closeTo: isoDate.optional(),
  forecastCategory: forecastCategory.optional(),
  q: z.string().trim().max(200).optional(),
  /** true: only open deals that match the stalled-deal rules now (false: only those that do not) */
  stalled: z.enum(['true', 'false']).optional(),
};

export const opportunityListQuery = listQueryBase.extend({
  ...opportunityFilters,
  sort: z.enum(OPPORTUNITY_SORTS).default('-updatedAt'),
  pipelineId: uuid.optional(),
  stageId: uuid.optional(),
  status: opportunityStatus.optional(),
  accountId: uuid.optional(),
});
export type OpportunityListQuery = z.output<typeof opportunityListQuery>;

export const closeInput = z
  .object({
    outcome: z.enum(['won', 'lost']),
    reason: lostReason.optional(),
    note: optionalText(5_000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'lost' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when the deal is lost' });
  });
export type CloseInput = z.output<typeof closeInput>;

export const stageHistoryEntry = z.object({
  stage: stageRef.extend({ retired: z.boolean() }),
  enteredAt: z.string(),
  leftAt: z.string().nullable(),
  /** Whole days spent in the stage (until now for the current one). */
  days: z.number().int(),
  enteredBy: userRef.nullable(),
});

/** A board card: what the kanban shows without opening the deal. */
export const boardCard = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  account: recordRef.nullable(),
  amount: z.string(),
  currency: z.string(),
  amountBase: z.string().nullable(),
  expectedCloseDate: z.string().nullable(),
  owner: userRef.nullable(),
  daysInStage: z.number().int(),
  probability: z.number().int(),
  status: opportunityStatus,
  forecastCategory,
  stalled: z.boolean(),
  stalledReason: z.enum(['no_activity', 'too_long_in_stage']).nullable(),
  approvalStatus: z.enum(['none', 'requested', 'approved', 'rejected']),
});
export type BoardCard = z.infer<typeof boardCard>;

export const boardColumn = z.object({
  stage: stageRef.extend({ requiresApproval: z.boolean(), position: z.number().int() }),
  count: z.number().int(),
  /** Sum of the visible deals in the base currency (decimal string). */
  sum: z.string(),
  weightedSum: z.string(),
  cards: z.array(boardCard),
  nextCursor: z.string().nullable(),
});

export const board = z.object({
  pipeline: recordRef,
  baseCurrency: z.string(),
  /** The day open deals are valued at (closed deals: their close day). */
  asOf: z.string(),
  columns: z.array(boardColumn),
  /** Currencies without a rate on or before the valuation day: their deals are counted but not summed. */
  missingRates: z.array(z.string()),
});

export const boardQuery = z.object({
  ...opportunityFilters,
  asOf: isoDate.optional(),
  /**
   * Won/lost columns show deals closed on or after this day (default: 90 days before today) — a pipeline's closed
   * history grows without end and would dominate the board's cost; open stages are not affected.
   */
  closedSince: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type BoardQuery = z.output<typeof boardQuery>;

export const boardColumnQuery = boardQuery.extend({ cursor: z.string().max(500).optional() });
export type BoardColumnQuery = z.output<typeof boardColumnQuery>;
