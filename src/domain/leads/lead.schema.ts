import { z } from 'zod';
import {
  countryCode,
  listQueryBase,
  optionalEmail,
  optionalPhone,
  optionalRegistrationNumber,
  optionalText,
  optionalWebsite,
  recordMeta,
  userRef,
  uuid,
} from '../common/fields.js';
import { isoDate } from '../money/exchange-rate.schema.js';
import { currencyCode, moneyAmount } from '../money/money.js';
import { LEAD_STATUSES } from './lead.lifecycle.js';
import { SCORE_FACTORS } from './lead.score.js';

export const LEAD_SOURCES = ['web_form', 'email', 'referral', 'trade_show', 'cold_call', 'import', 'partner', 'other'] as const;
export const leadSource = z.enum(LEAD_SOURCES);
export const leadStatus = z.enum(LEAD_STATUSES);
export const yesNoUnknown = z.enum(['yes', 'no', 'unknown']);
export const timeline = z.enum(['urgent', 'mid_term', 'unclear']);
const factorPoints = z.number().int().min(1).max(5).nullable().optional();

const leadFields = {
  firstName: optionalText(100),
  lastName: optionalText(100),
  company: optionalText(200),
  title: optionalText(120),
  email: optionalEmail,
  phone: optionalPhone,
  website: optionalWebsite,
  registrationNumber: optionalRegistrationNumber,
  city: optionalText(100),
  country: countryCode.nullable().optional(),
  description: optionalText(10_000),
  source: leadSource,
  campaign: optionalText(120),
  ownerId: uuid.nullable().optional(),
  teamId: uuid.nullable().optional(),
  budget: yesNoUnknown.optional(),
  authority: yesNoUnknown.optional(),
  need: yesNoUnknown.optional(),
  timeline: timeline.optional(),
  companySize: factorPoints,
  industryFit: factorPoints,
  engagement: factorPoints,
  icpFit: factorPoints,
};

const identifiable = (v: { lastName?: string | null; company?: string | null; email?: string | null }) =>
  Boolean(v.lastName || v.company || v.email);

export const leadCreateInput = z
  .object({ ...leadFields, source: leadSource.default('other') })
  .refine(identifiable, { message: 'a lead needs a last name, a company or an email', path: ['lastName'] });
export type LeadCreate = z.output<typeof leadCreateInput>;

export const leadUpdateInput = z.object(leadFields).partial();
export type LeadUpdate = z.output<typeof leadUpdateInput>;

export const leadTransitionInput = z
  .object({
    status: z.enum(['in_process', 'recycled', 'dead']),
    reason: optionalText(500),
    recontactOn: z.string().date('must be a date YYYY-MM-DD').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'dead' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required to mark a lead dead' });
    if (v.status === 'recycled' && !v.recontactOn)
      ctx.addIssue({ code: 'custom', path: ['recontactOn'], message: 'is required to recycle a lead' });
  });
export type LeadTransition = z.output<typeof leadTransitionInput>;

export const scoreExplanation = z.object({
  score: z.number().nullable(),
  factors: z.array(
    z.object({ factor: z.enum(SCORE_FACTORS), points: z.number().nullable(), weight: z.number(), contribution: z.number() }),
  ),
});

export const lead = z.object({
  ...recordMeta,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  name: z.string(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  description: z.string().nullable(),
  source: leadSource,
  campaign: z.string().nullable(),
  status: leadStatus,
  statusReason: z.string().nullable(),
  recontactOn: z.string().nullable(),
  ownerId: z.string().nullable(),
  owner: userRef.nullable(),
  teamId: z.string().nullable(),
  budget: yesNoUnknown,
  authority: yesNoUnknown,
  need: yesNoUnknown,
  timeline,
  companySize: z.number().nullable(),
  industryFit: z.number().nullable(),
  engagement: z.number().nullable(),
  icpFit: z.number().nullable(),
  score: z.number().nullable(),
  scoreExplanation,
  firstContactDueAt: z.string(),
  firstContactedAt: z.string().nullable(),
  slaBreached: z.boolean(),
  convertedAt: z.string().nullable(),
  convertedAccountId: z.string().nullable(),
  convertedContactId: z.string().nullable(),
  deletedAt: z.string().nullable(),
});
export type Lead = z.infer<typeof lead>;

export const LEAD_SORTS = [
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'score',
  '-score',
  'firstContactDueAt',
  '-firstContactDueAt',
] as const;
export const LEAD_VIEWS = ['mine', 'unassigned', 'new_today', 'sla_breached', 'recycled_due'] as const;

export const leadListQuery = listQueryBase.extend({
  sort: z.enum(LEAD_SORTS).default('-createdAt'),
  status: leadStatus.optional(),
  source: leadSource.optional(),
  ownerId: uuid.optional(),
  teamId: uuid.optional(),
  view: z.enum(LEAD_VIEWS).optional(),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
});
export type LeadListQuery = z.output<typeof leadListQuery>;

export function leadName(l: {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  email: string | null;
}): string {
  const person = [l.firstName, l.lastName].filter(Boolean).join(' ');
  return person || l.company || l.email || '—';
}

/** First contact is due this long after a lead arrives (seed 002: "First contact < 24h"). */
export const FIRST_CONTACT_SLA_HOURS = 24;

/** Lead fields a merge can take from the other lead (see common/merge.ts). */
export const MERGEABLE_LEAD_FIELDS = [
  'firstName',
  'lastName',
  'company',
  'title',
  'email',
  'phone',
  'website',
  'registrationNumber',
  'city',
  'country',
  'description',
  'campaign',
  'ownerId',
  'budget',
  'authority',
  'need',
  'timeline',
  'companySize',
  'industryFit',
  'engagement',
  'icpFit',
] as const;
export { type MergeInput, mergeInput } from '../common/merge.js';

/** Conversion: an existing account/contact (e.g. one the duplicate check suggests) or a new one from the lead. */
const convertTarget = z.union([z.object({ id: uuid }), z.object({ create: z.literal(true) })]);
export const convertInput = z.object({
  account: convertTarget.default({ create: true }),
  contact: convertTarget.default({ create: true }),
  /** Optionally an opportunity, created in the first open stage of the pipeline (the default one when omitted). */
  opportunity: z
    .object({
      name: z.string().trim().min(1, 'is required').max(200),
      amount: moneyAmount,
      currency: currencyCode,
      closeDate: isoDate.nullable().optional(),
      pipelineId: uuid.optional(),
    })
    .optional(),
});
export type ConvertInput = z.output<typeof convertInput>;
