import { type Lead, leadName } from '../../../domain/leads/lead.schema.js';
import { explainScore, type ScoreWeights } from '../../../domain/leads/lead.score.js';
import type { LeadRow } from './leads.repo.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** A lead as the API shows it; `slaBreached` is judged at `at` (the first-contact clock). */
export function toLead(r: LeadRow, weights: ScoreWeights, at: Date): Lead {
  const waiting = ['new', 'assigned', 'in_process'].includes(r.status);
  return {
    id: r.id,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    createdBy: r.createdBy,
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

export const LEAD_DIFF_FIELDS = [
  'firstName', 'lastName', 'company', 'title', 'email', 'phone', 'website', 'registrationNumber', 'city', 'country',
  'description', 'source', 'campaign', 'ownerId', 'teamId', 'budget', 'authority', 'need', 'timeline', 'companySize',
  'industryFit', 'engagement', 'icpFit',
] as const;
