import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import {
  type ActivityPlan,
  type ActivityPlanCreate,
  type ActivityPlanListQuery,
  type ActivityPlanUpdate,
  type ApplyPlanInput,
  type PlanItem,
  type PlanItemInput,
  type PlanProgress,
  planItemState,
} from '../../../domain/activity-plans/activity-plan.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertAdmin, canRead, type OwnedEntity } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordMetaOf } from '../../platform/record-meta.js';
import { createActivityInTx } from '../activities/activities.service.js';
import { loadRelated, requireVisibleRelated } from '../activities/related-records.js';
import { diffFields } from '../stream/diff.js';
import { restoreRecord, type SoftDeletable, softDeleteRecord } from '../stream/soft-delete.js';
import { appendStream } from '../stream/stream.repo.js';
import { requireActiveUser } from '../users/users.lookup.js';
import {
  applicationsOf,
  countOpenItems,
  findPlan,
  insertApplication,
  insertPlan,
  listPlanRows,
  type PlanRow,
  updatePlanRow,
} from './activity-plans.repo.js';

/**
 * Activity plans: admins define them; any sales user may read them and apply one to a record they can see.
 * Every change to a plan is in the plan's own Stream; applying one writes to the record's Stream.
 */

function toPlan(r: PlanRow): ActivityPlan {
  return {
    ...recordMetaOf(r),
    name: r.name,
    description: r.description,
    active: r.active,
    items: r.items as PlanItem[],
    deletedAt: r.deletedAt ? r.deletedAt.toISOString() : null,
  };
}

export async function getPlan(conn: Conn, _actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<ActivityPlan> {
  const row = await findPlan(conn, id);
  if (!row || (row.deletedAt && !opts.deleted)) throw notFound('Activity plan');
  return toPlan(row);
}

export async function listPlans(db: Db, _actor: Actor, query: ActivityPlanListQuery) {
  const c = decodeCursor(query.cursor);
  const rows = await listPlanRows(db, {
    active: query.active === undefined ? undefined : query.active === 'true',
    deleted: query.deleted,
    limit: query.limit,
    after: c ? { name: String(c.v), id: c.id } : undefined,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(toPlan),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ v: last.name.toLowerCase(), id: last.id }) : null,
  };
}

/** Gives new items ids (existing ones keep theirs) and checks named owners. */
async function normalizeItems(conn: Conn, items: PlanItemInput[], existing: PlanItem[] = []): Promise<PlanItem[]> {
  const known = new Set(existing.map((i) => i.id));
  const seen = new Set<string>();
  const out: PlanItem[] = [];
  for (const [index, item] of items.entries()) {
    if (item.owner.kind === 'user') await requireActiveUser(conn, item.owner.userId, `items.${index}.owner.userId`);
    const id = item.id && known.has(item.id) && !seen.has(item.id) ? item.id : newId();
    seen.add(id);
    out.push({ ...item, id, description: item.description ?? null });
  }
  return out;
}

export async function createPlan(db: Db, actor: Actor, input: ActivityPlanCreate): Promise<ActivityPlan> {
  assertAdmin(actor);
  return inTransaction(db, async (tx) => {
    const id = newId();
    const at = now();
    const items = await normalizeItems(tx, input.items);
    await insertPlan(tx, {
      id,
      name: input.name,
      description: input.description ?? null,
      active: input.active ?? true,
      items: JSON.stringify(items),
      createdAt: at,
      updatedAt: at,
      createdBy: actor.id,
    });
    await appendStream(tx, {
      entityType: 'activity_plan',
      entityId: id,
      type: 'create',
      actorId: actor.id,
      data: { name: input.name, items: items.length },
    });
    return getPlan(tx, actor, id);
  });
}

export async function updatePlan(
  db: Db,
  actor: Actor,
  id: string,
  input: ActivityPlanUpdate,
  ifMatch: number | undefined,
): Promise<ActivityPlan> {
  assertAdmin(actor);
  return inTransaction(db, async (tx) => {
    const current = await getPlan(tx, actor, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    const items = input.items ? await normalizeItems(tx, input.items, current.items) : undefined;
    const after = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description ?? null } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(items ? { items } : {}),
    };
    const changes = diffFields(current as unknown as Record<string, unknown>, after, ['name', 'description', 'active', 'items']);
    if (changes.length === 0) return current;
    const ok = await updatePlanRow(tx, id, current.version, {
      ...after,
      items: items ? JSON.stringify(items) : undefined,
      updatedAt: now(),
    });
    if (!ok) throw stale();
    // The item list is summarised (count) rather than diffed item by item: the Stream stays readable.
    const summary = changes.map((c) =>
      c.field === 'items' ? { field: 'items', old: (c.old as unknown[]).length, new: (c.new as unknown[]).length } : c,
    );
    await appendStream(tx, {
      entityType: 'activity_plan',
      entityId: id,
      type: 'update',
      actorId: actor.id,
      data: { changes: summary },
    });
    return getPlan(tx, actor, id);
  });
}

const SOFT_DELETE: SoftDeletable = { entityType: 'activity_plan', update: updatePlanRow };

export async function deletePlan(db: Db, actor: Actor, id: string, ifMatch: number | undefined): Promise<void> {
  assertAdmin(actor);
  await inTransaction(db, async (tx) => {
    const current = await getPlan(tx, actor, id);
    await softDeleteRecord(tx, actor, SOFT_DELETE, current, ifMatch);
  });
}

export async function restorePlan(db: Db, actor: Actor, id: string): Promise<ActivityPlan> {
  assertAdmin(actor);
  return inTransaction(db, async (tx) => {
    const current = await getPlan(tx, actor, id, { deleted: true });
    if (!current.deletedAt) return current;
    await restoreRecord(tx, actor, SOFT_DELETE, current);
    return getPlan(tx, actor, id);
  });
}

const DAY_MS = 86_400_000;
const DURATION_MS = { meeting: 60 * 60_000, call: 30 * 60_000 } as const;

/**
 * Applies a plan to a record the actor can see: creates one activity per item (through the activities module, so
 * each gets its own `create_related` entry and the usual permission checks), records which activity came from which
 * item, and writes an `create_related` (relation `activity_plans`) entry on the record — all in one transaction.
 */
export async function applyPlan(db: Db, actor: Actor, planId: string, input: ApplyPlanInput): Promise<PlanProgress> {
  return inTransaction(db, async (tx) => {
    const plan = await getPlan(tx, actor, planId);
    const related = await requireVisibleRelated(tx, actor, input.relatedTo);
    if (!plan.active) throw new AppError('invalid_transition', `The activity plan "${plan.name}" is inactive`);
    const base = input.startAt ? new Date(input.startAt) : now();
    const applicationId = newId();
    const created: Array<{ itemId: string; position: number; activityId: string }> = [];
    for (const [position, item] of plan.items.entries()) {
      const ownerId =
        item.owner.kind === 'user' ? item.owner.userId : item.owner.kind === 'applier' ? actor.id : (related.ownerId ?? actor.id);
      const when = new Date(base.getTime() + item.dueDayOffset * DAY_MS);
      const timed = item.type === 'meeting' || item.type === 'call';
      const activity = await createActivityInTx(tx, actor, {
        type: item.type,
        subject: item.subject,
        description: item.description ?? null,
        location: null,
        outcome: null,
        status: 'planned',
        startsAt: timed ? when.toISOString() : null,
        endsAt: timed ? new Date(when.getTime() + DURATION_MS[item.type as 'meeting' | 'call']).toISOString() : null,
        dueAt: timed ? null : when.toISOString(),
        relatedTo: { type: related.type, id: related.id },
        ownerId,
      });
      created.push({ itemId: item.id, position, activityId: activity.id });
    }
    const at = now();
    await insertApplication(
      tx,
      {
        id: applicationId,
        planId: plan.id,
        planName: plan.name,
        relatedType: related.type,
        relatedId: related.id,
        appliedBy: actor.id,
        appliedAt: at,
      },
      created,
    );
    await appendStream(tx, {
      entityType: related.type,
      entityId: related.id,
      type: 'create_related',
      actorId: actor.id,
      data: {
        relation: 'activity_plans',
        record: { type: 'activity_plan', id: plan.id, name: plan.name },
        applicationId,
        items: created.length,
      },
    });
    const progress = await progressOf(tx, actor, { type: related.type, id: related.id });
    return progress.find((p) => p.applicationId === applicationId) as PlanProgress;
  });
}

async function progressOf(conn: Conn, actor: Actor, ref: RelatedRef): Promise<PlanProgress[]> {
  const rows = await applicationsOf(conn, ref);
  const byApp = new Map<string, PlanProgress>();
  for (const r of rows) {
    let p = byApp.get(r.applicationId);
    if (!p) {
      p = {
        applicationId: r.applicationId,
        planId: r.planId,
        planName: r.planName,
        appliedAt: r.appliedAt.toISOString(),
        appliedBy: r.appliedBy ? { id: r.appliedBy, name: r.appliedByName ?? '' } : null,
        done: 0,
        skipped: 0,
        open: 0,
        total: 0,
        items: [],
      };
      byApp.set(r.applicationId, p);
    }
    p[planItemState(r.status, r.deletedAt !== null)] += 1;
    p.total += 1;
    // Counts cover every item; the item details only those activities the actor may open (same rule as lists).
    if (canRead(actor, 'activity', { ownerId: r.ownerId }))
      p.items.push({
        itemId: r.itemId,
        position: r.position,
        activityId: r.activityId,
        type: r.type as PlanProgress['items'][number]['type'],
        subject: r.subject,
        status: r.status as PlanProgress['items'][number]['status'],
        at: r.at ? new Date(r.at).toISOString() : null,
        deleted: r.deletedAt !== null,
      });
  }
  return [...byApp.values()];
}

/** Progress of every plan applied to a record the actor can see (404 otherwise). */
export async function planProgress(db: Db, actor: Actor, ref: RelatedRef): Promise<{ data: PlanProgress[] }> {
  const record = await loadRelated(db, ref);
  if (!record || !canRead(actor, ref.type as OwnedEntity, record))
    throw notFound(ref.type.charAt(0).toUpperCase() + ref.type.slice(1));
  return { data: await progressOf(db, actor, ref) };
}

/**
 * The stage-gate hook for pipelines: how many items of the plans applied to a record (or of one plan) are still
 * open. A stage configured to require its plan done calls this in the move's transaction and refuses when > 0.
 */
export async function planItemsOpen(conn: Conn, relatedRef: RelatedRef, planId?: string): Promise<number> {
  return countOpenItems(conn, relatedRef, planId);
}
