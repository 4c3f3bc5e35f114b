import { FIRST_CONTACT_SLA_HOURS, type Lead, type LeadCreate, leadName } from '../../../domain/leads/lead.schema.js';
import { explainScore, type ScoreWeights } from '../../../domain/leads/lead.score.js';
import { iso, recordMetaOf } from '../../platform/record-meta.js';
import type { LeadRow } from './leads.repo.js';

/** A lead as the API shows it; `slaBreached` is judged at `at` (the first-contact clock). */
export function toLead(r: LeadRow, weights: ScoreWeights, at: Date): Lead {
  const waiting = ['new', 'assigned', 'in_process'].includes(r.status);
  return {
    ...recordMetaOf(r),
    firstName: r.firstName,
    lastName: r.lastName,
    name: leadName(r),
    company: r.company,
    title: r.title,
    email: r.email,
    phone: r.phone,
    website: r.website,
    registrationNumber: r.registrationNumber,
    city: r.city,
    country: r.country,
    description: r.description,
    source: r.source as Lead['source'],
    campaign: r.campaign,
    status: r.status as Lead['status'],
    statusReason: r.statusReason,
    recontactOn: r.recontactOn,
    ownerId: r.ownerId,
    owner: r.ownerId && r.ownerName ? { id: r.ownerId, name: r.ownerName } : null,
    teamId: r.teamId,
    budget: r.budget as Lead['budget'],
    authority: r.authority as Lead['authority'],
    need: r.need as Lead['need'],
    timeline: r.timeline as Lead['timeline'],
    companySize: r.companySize,
    industryFit: r.industryFit,
    engagement: r.engagement,
    icpFit: r.icpFit,
    score: r.score,
    scoreExplanation: explainScore(r, weights),
    firstContactDueAt: iso(r.firstContactDueAt),
    firstContactedAt: r.firstContactedAt ? iso(r.firstContactedAt) : null,
    slaBreached: waiting && !r.firstContactedAt && new Date(r.firstContactDueAt).getTime() < at.getTime(),
    convertedAt: r.convertedAt ? iso(r.convertedAt) : null,
    convertedAccountId: r.convertedAccountId,
    convertedContactId: r.convertedContactId,
    deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
  };
}

/**
 * The columns of a new lead that come from what was entered (by hand, a form, a mailbox, an import), unset ones
 * empty or unknown; the first-contact clock starts at `at`. Status, owner and team are the caller's decision.
 */
export function newLeadColumns(input: LeadCreate, actorId: string, at: Date) {
  return {
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    company: input.company ?? null,
    title: input.title ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    website: input.website ?? null,
    registrationNumber: input.registrationNumber ?? null,
    city: input.city ?? null,
    country: input.country ?? null,
    description: input.description ?? null,
    source: input.source,
    campaign: input.campaign ?? null,
    budget: input.budget ?? 'unknown',
    authority: input.authority ?? 'unknown',
    need: input.need ?? 'unknown',
    timeline: input.timeline ?? 'unclear',
    companySize: input.companySize ?? null,
    industryFit: input.industryFit ?? null,
    engagement: input.engagement ?? null,
    icpFit: input.icpFit ?? null,
    firstContactDueAt: new Date(at.getTime() + FIRST_CONTACT_SLA_HOURS * 3_600_000),
    createdBy: actorId,
    createdAt: at,
    updatedAt: at,
  };
}

export const LEAD_DIFF_FIELDS = [
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
  'source',
  'campaign',
  'ownerId',
  'teamId',
  'budget',
  'authority',
  'need',
  'timeline',
  'companySize',
  'industryFit',
  'engagement',
  'icpFit',
] as const;
