import { z } from 'zod';
import { userRef } from '../common/fields.js';
import type { Stage } from '../pipelines/pipeline.schema.js';

/**
 * Stage checklists (issue 4, decision 019): the items an admin lists on a stage are the stage's exit criteria.
 * Each deal has its own ticks per stage, matched by the item's text; a deal moves FORWARD out of a stage (to a
 * later open stage, or closed as won) only when every item of that stage is ticked. Backwards, to lost and to
 * another pipeline it always may go.
 */

export const checklistItem = z.object({
  /** Position in the stage's checklist: the `{index}` of PUT …/checklist/{index}. */
  index: z.number().int(),
  item: z.string(),
  done: z.boolean(),
  doneBy: userRef.nullable(),
  doneAt: z.string().nullable(),
});
export type ChecklistItem = z.infer<typeof checklistItem>;

/** The checklist of the deal's current stage. */
export const stageChecklist = z.object({
  opportunityId: z.string(),
  /** The opportunity's version: send it as If-Match when ticking (ticking changes the deal, so it moves on). */
  version: z.number().int(),
  stageId: z.string(),
  stage: z.object({ id: z.string(), name: z.string(), kind: z.enum(['open', 'won', 'lost']) }),
  items: z.array(checklistItem),
  done: z.number().int(),
  total: z.number().int(),
});
export type StageChecklist = z.infer<typeof stageChecklist>;

export const checklistItemParams = z.object({
  id: z.string().uuid('is not a valid id'),
  index: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(99),
});

export const checklistTickInput = z.object({
  done: z.boolean(),
  /** Optional guard: the item's text as the client saw it; a different item at that index (the checklist changed) → 409. */
  item: z.string().max(200).optional(),
});
export type ChecklistTickInput = z.infer<typeof checklistTickInput>;

/** The items of `checklist` not ticked (ticks of items no longer on the list do not count). */
export function openChecklistItems(checklist: readonly string[], ticked: ReadonlySet<string>): string[] {
  return checklist.filter((item) => !ticked.has(item));
}

/**
 * Whether going from `from` to `to` moves the deal forward in `stages` (its pipeline's active stages): to the won
 * stage, or to an open stage further along. Lost, earlier stages and stages of another pipeline are not forward.
 */
export function isForwardMove(
  stages: ReadonlyArray<Pick<Stage, 'id' | 'kind' | 'position'>>,
  from: Pick<Stage, 'id' | 'kind' | 'position'>,
  to: Pick<Stage, 'id' | 'kind' | 'position'>,
): boolean {
  if (from.kind !== 'open' || to.id === from.id || !stages.some((s) => s.id === to.id)) return false;
  if (to.kind === 'won') return true;
  return to.kind === 'open' && to.position > from.position;
}
