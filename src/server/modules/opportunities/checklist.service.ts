import type { ChecklistTickInput, StageChecklist } from '../../../domain/opportunities/checklist.schema.js';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, invalidField, stale } from '../../platform/errors.js';
import { findStage } from '../pipelines/pipelines.repo.js';
import { appendStream } from '../stream/stream.repo.js';
import { checklistTicks, deleteChecklistTick, insertChecklistTick } from './checklist.repo.js';
import { updateOpportunityRow } from './opportunities.repo.js';
import { getVisibleOpportunity, opportunityForChange } from './opportunities.service.js';

/**
 * The checklist of a deal's current stage (decision 019): the stage's items as the admin lists them now, each
 * with the deal's tick (who, when). The gate that reads it is `assertMayLeave` (opportunity-stages.ts).
 */

async function stageOf(conn: Conn, stageId: string) {
  const stage = await findStage(conn, stageId);
  // the deal's stage row always exists (stages are retired, never deleted)
  if (!stage) throw new AppError('internal', `Stage ${stageId} is missing`);
  return stage;
}

async function checklistState(
  conn: Conn,
  o: { id: string; version: number; stageId: string },
  stage: { id: string; name: string; kind: string; checklist: string[] },
): Promise<StageChecklist> {
  const ticks = new Map((await checklistTicks(conn, o.id, stage.id)).map((t) => [t.item, t]));
  const items = stage.checklist.map((item, index) => {
    const tick = ticks.get(item);
    return {
      index,
      item,
      done: tick !== undefined,
      doneBy: tick ? { id: tick.tickedById, name: tick.tickedByName ?? '' } : null,
      doneAt: tick ? new Date(tick.tickedAt).toISOString() : null,
    };
  });
  return {
    opportunityId: o.id,
    version: o.version,
    stageId: stage.id,
    stage: { id: stage.id, name: stage.name, kind: stage.kind as StageChecklist['stage']['kind'] },
    items,
    done: items.filter((i) => i.done).length,
    total: items.length,
  };
}

export async function getChecklist(db: Db, actor: Actor, id: string): Promise<StageChecklist> {
  const o = await getVisibleOpportunity(db, actor, id);
  return checklistState(db, o, await stageOf(db, o.stageId));
}

/**
 * Ticks or unticks item `index` of the current stage's checklist. Writers of the deal only (404 when invisible,
 * 403 when read-only); If-Match on the deal's version (412). A real change bumps the version and writes a
 * `checklist` Stream entry in the same transaction; asking for the state an item already has changes nothing.
 */
export async function setChecklistItem(
  db: Db,
  actor: Actor,
  id: string,
  index: number,
  input: ChecklistTickInput,
  ifMatch: number | undefined,
): Promise<StageChecklist> {
  return inTransaction(db, async (tx) => {
    const current = await opportunityForChange(tx, actor, id, ifMatch);
    const stage = await stageOf(tx, current.stageId);
    const item = stage.checklist[index];
    if (item === undefined) {
      const n = stage.checklist.length;
      throw invalidField(
        'index',
        n === 0
          ? `the stage "${stage.name}" has no checklist`
          : `the stage "${stage.name}" has ${n} checklist item(s): 0–${n - 1}`,
      );
    }
    if (input.item !== undefined && input.item.trim() !== item) {
      throw new AppError(
        'conflict',
        `The checklist of "${stage.name}" has changed: item ${index} is now "${item}". Reload it and try again.`,
        [{ field: 'item', message: `item ${index} is "${item}"` }],
      );
    }
    const wasDone = (await checklistTicks(tx, id, stage.id)).some((t) => t.item === item);
    if (wasDone === input.done) return checklistState(tx, current, stage);

    const at = now();
    if (input.done)
      await insertChecklistTick(tx, { opportunityId: id, stageId: stage.id, item, tickedBy: actor.id, tickedAt: at });
    else await deleteChecklistTick(tx, id, stage.id, item);
    if (!(await updateOpportunityRow(tx, id, current.version, { updatedAt: at }))) throw stale();
    await appendStream(tx, {
      entityType: 'opportunity',
      entityId: id,
      type: 'checklist',
      actorId: actor.id,
      data: { stage: { id: stage.id, name: stage.name }, item, index, done: input.done },
    });
    return checklistState(tx, { ...current, version: current.version + 1 }, stage);
  });
}
