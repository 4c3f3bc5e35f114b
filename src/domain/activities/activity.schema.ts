import { z } from 'zod';
import { listQueryBase, optionalText, recordMeta, userRef, uuid } from '../common/fields.js';

export const ACTIVITY_TYPES = ['meeting', 'call', 'email', 'task'] as const;
export const ACTIVITY_STATUSES = ['planned', 'held', 'not_held', 'completed', 'cancelled'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const activityType = z.enum(ACTIVITY_TYPES);
export const activityStatus = z.enum(ACTIVITY_STATUSES);

/** Which outcomes fit which kind of activity: a meeting is held or not; a task is completed. */
export const STATUSES_BY_TYPE: Record<ActivityType, readonly ActivityStatus[]> = {
  meeting: ['planned', 'held', 'not_held', 'cancelled'],
  call: ['planned', 'held', 'not_held', 'cancelled'],
  email: ['planned', 'completed', 'cancelled'],
  task: ['planned', 'completed', 'cancelled'],
};

/** A logged call, a sent email or a held meeting on a lead is its first contact (issue 3). */
export function countsAsContact(type: ActivityType, status: ActivityStatus): boolean {
  return (
    (type === 'call' && status === 'held') ||
    (type === 'meeting' && status === 'held') ||
    (type === 'email' && status === 'completed')
  );
}

export const RELATED_TYPES = ['lead', 'contact', 'account', 'opportunity'] as const;
export const relatedRef = z.object({ type: z.enum(RELATED_TYPES), id: uuid });
export type RelatedRef = z.infer<typeof relatedRef>;

const isoDateTime = z.string().datetime({ offset: true, message: 'must be an ISO date-time, e.g. 2026-11-27T10:00:00Z' });
export const participantInput = z.object({ type: z.enum(['user', 'contact', 'lead']), id: uuid });

const fields = {
  type: activityType,
  subject: z.string().trim().min(1, 'is required').max(300),
  description: optionalText(20_000),
  status: activityStatus.optional(),
  startsAt: isoDateTime.nullable().optional(),
  endsAt: isoDateTime.nullable().optional(),
  dueAt: isoDateTime.nullable().optional(),
  location: optionalText(300),
  videoUrl: z.string().trim().url('is not a valid URL').max(500).nullable().optional(),
  outcome: optionalText(20_000),
  reminderAt: isoDateTime.nullable().optional(),
  relatedTo: relatedRef.nullable().optional(),
  ownerId: uuid.optional(),
  participants: z.array(participantInput).max(100).optional(),
  /** meetings: email iCalendar invitations to the contact/lead participants (issue 5, calendar interoperability) */
  sendInvitations: z.boolean().optional(),
};

function checkTimes(v: { startsAt?: string | null; endsAt?: string | null }, ctx: z.RefinementCtx) {
  if (v.startsAt && v.endsAt && new Date(v.endsAt) < new Date(v.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must not be before startsAt' });
  }
}

export const activityCreateInput = z.object(fields).superRefine((v, ctx) => {
  checkTimes(v, ctx);
  if (v.status && !STATUSES_BY_TYPE[v.type].includes(v.status)) {
    ctx.addIssue({ code: 'custom', path: ['status'], message: `a ${v.type} cannot be ${v.status}` });
  }
  if ((v.type === 'meeting' || v.type === 'call') && !v.startsAt && v.status !== 'held') {
    ctx.addIssue({ code: 'custom', path: ['startsAt'], message: `is required for a planned ${v.type}` });
  }
});
export type ActivityCreate = z.output<typeof activityCreateInput>;

export const activityUpdateInput = z.object(fields).omit({ type: true }).partial().superRefine(checkTimes);
export type ActivityUpdate = z.output<typeof activityUpdateInput>;

export const activity = z.object({
  ...recordMeta,
  type: activityType,
  subject: z.string(),
  description: z.string().nullable(),
  status: activityStatus,
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  at: z.string().nullable(),
  location: z.string().nullable(),
  videoUrl: z.string().nullable(),
  outcome: z.string().nullable(),
  reminderAt: z.string().nullable(),
  relatedTo: z.object({ type: z.enum(RELATED_TYPES), id: z.string(), name: z.string().nullable() }).nullable(),
  ownerId: z.string(),
  owner: userRef.nullable(),
  participants: z.array(z.object({ type: z.string(), id: z.string(), name: z.string().nullable() })),
  completedAt: z.string().nullable(),
  overdue: z.boolean(),
  deletedAt: z.string().nullable(),
  sendInvitations: z.boolean(),
});
export type Activity = z.infer<typeof activity>;

export const ACTIVITY_SORTS = ['at', '-at', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export const activityListQuery = listQueryBase.extend({
  sort: z.enum(ACTIVITY_SORTS).default('at'),
  type: activityType.optional(),
  status: activityStatus.optional(),
  ownerId: uuid.optional(),
  relatedType: z.enum(RELATED_TYPES).optional(),
  relatedId: uuid.optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});
export type ActivityListQuery = z.output<typeof activityListQuery>;

export const myDayQuery = z.object({
  date: z.string().date('must be a date YYYY-MM-DD').optional(),
  tz: z.string().max(64).default('Europe/Prague'),
});
