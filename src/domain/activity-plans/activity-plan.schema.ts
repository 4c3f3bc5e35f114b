import { z } from 'zod';
import { activityStatus, activityType, relatedRef } from '../activities/activity.schema.js';
import { recordMeta, userRef, uuid } from '../common/fields.js';

/**
 * Activity plans (seed 003): an admin-defined, ordered checklist of activities ("discovery call day 0, demo day 5,
 * proposal day 10") that is applied to a record; the record then shows the plan's progress, and a pipeline stage
 * may refuse to let a deal leave it while plan items are open.
 */

/** Who owns an activity the plan creates: the record's owner (default), whoever applies the plan, or a named user. */
export const planItemOwner = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('record_owner') }),
  z.object({ kind: z.literal('applier') }),
  z.object({ kind: z.literal('user'), userId: uuid }),
]);
export type PlanItemOwner = z.infer<typeof planItemOwner>;

export const planItemInput = z.object({
  /** Keep an existing item's id when editing, so applied plans still recognise it. */
  id: uuid.optional(),
  type: activityType,
  subject: z.string().trim().min(1, 'is required').max(300),
  description: z.string().trim().max(5000).nullable().optional(),
  /** Days after the plan is applied (0 = the same day). */
  dueDayOffset: z.number().int().min(0, 'must be 0 or more').max(365, 'must be at most 365'),
  owner: planItemOwner.default({ kind: 'record_owner' }),
});
export type PlanItemInput = z.output<typeof planItemInput>;

export const planItem = planItemInput.required({ id: true }).extend({ description: z.string().nullable() });
export type PlanItem = z.infer<typeof planItem>;

const fields = {
  name: z.string().trim().min(1, 'is required').max(200),
  description: z.string().trim().max(5000).nullable().optional(),
  active: z.boolean().optional(),
  items: z.array(planItemInput).min(1, 'needs at least one item').max(50, 'at most 50 items'),
};

export const activityPlanCreateInput = z.object(fields);
export type ActivityPlanCreate = z.output<typeof activityPlanCreateInput>;
export const activityPlanUpdateInput = z.object(fields).partial();
export type ActivityPlanUpdate = z.output<typeof activityPlanUpdateInput>;

export const activityPlan = z.object({
  ...recordMeta,
  name: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  items: z.array(planItem),
  deletedAt: z.string().nullable(),
});
export type ActivityPlan = z.infer<typeof activityPlan>;

export const activityPlanListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(500).optional(),
  active: z.enum(['true', 'false']).optional(),
  deleted: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type ActivityPlanListQuery = z.output<typeof activityPlanListQuery>;

export const isoDateTime = z.string().datetime({ offset: true, message: 'must be an ISO date-time, e.g. 2026-11-27T09:00:00Z' });

export const applyPlanInput = z.object({
  relatedTo: relatedRef,
  /** Day 0 of the plan (default: now); meetings and calls start at this time of day. */
  startAt: isoDateTime.optional(),
});
export type ApplyPlanInput = z.output<typeof applyPlanInput>;

export const planProgressItem = z.object({
  itemId: z.string(),
  position: z.number().int(),
  activityId: z.string(),
  type: activityType,
  subject: z.string(),
  status: activityStatus,
  at: z.string().nullable(),
  deleted: z.boolean(),
});

export const planProgress = z.object({
  applicationId: z.string(),
  planId: z.string(),
  planName: z.string(),
  appliedAt: z.string(),
  appliedBy: userRef.nullable(),
  /** held or completed */
  done: z.number().int(),
  /** cancelled (or the activity was deleted): closed without being done */
  skipped: z.number().int(),
  /** still planned or not held: what a stage gate waits for */
  open: z.number().int(),
  total: z.number().int(),
  items: z.array(planProgressItem),
});
export type PlanProgress = z.infer<typeof planProgress>;

export const planProgressQuery = z.object({ relatedType: relatedRef.shape.type, relatedId: uuid });

/** An item counts as done when held or completed; cancelled is closed without being done. */
export function planItemState(status: string, deleted: boolean): 'done' | 'skipped' | 'open' {
  if (deleted || status === 'cancelled') return 'skipped';
  if (status === 'held' || status === 'completed') return 'done';
  return 'open';
}
