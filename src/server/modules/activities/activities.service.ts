import {
  type Activity,
  type ActivityCreate,
  type ActivityListQuery,
  type ActivityUpdate,
  STATUSES_BY_TYPE,
} from '../../../domain/activities/activity.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertCanAssign, assertCanCreate, assertReadable, assertWritable } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction, type Tx } from '../../platform/db.js';
import { invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { afterActivityChange } from '../calendar/activity-hooks.js';
import { diffFields } from '../stream/diff.js';
import { restoreRecord, type SoftDeletable, softDeleteRecord } from '../stream/soft-delete.js';
import { appendStream, type NewStreamEntry } from '../stream/stream.repo.js';
import { requireActiveUser } from '../users/users.lookup.js';
import { toActivities } from './activities.mapper.js';
import {
  type ActivityFilter,
  activitySearchText,
  countActivityRows,
  findActivity,
  insertActivity,
  listActivityRows,
  setParticipants,
  updateActivityRow,
} from './activities.repo.js';
import { onActivityOutcome } from './activity-outcome.js';
import { requireVisibleRelated } from './related-records.js';

export async function getVisibleActivity(
  conn: Conn,
  actor: Actor,
  id: string,
  opts: { deleted?: boolean } = {},
): Promise<Activity> {
  const row = assertReadable(actor, 'activity', await findActivity(conn, id), 'Activity');
  if (row.deletedAt && !opts.deleted) throw notFound('Activity');
  return (await toActivities(conn, [row], now()))[0] as Activity;
}

export async function listActivities(db: Db, actor: Actor, query: ActivityListQuery) {
  const { rows, nextCursor } = await listActivityRows(db, actor, query);
  return { data: await toActivities(db, rows, now()), nextCursor };
}

export async function countActivities(db: Db, actor: Actor, query: ActivityFilter) {
  return countActivityRows(db, actor, query);
}

const date = (v: string | null | undefined) => (v ? new Date(v) : null);

/**
 * Creates an activity — from a record's page (seed 000's CreateRelated: a `create_related` entry on that record) or
 * on its own. An activity logged as already held/completed counts at once (e.g. first contact of a lead).
 */
export async function createActivity(db: Db, actor: Actor, input: ActivityCreate): Promise<Activity> {
  return inTransaction(db, (tx) => createActivityInTx(tx, actor, input));
}

export async function createActivityInTx(tx: Tx, actor: Actor, input: ActivityCreate): Promise<Activity> {
  assertCanCreate(actor, 'activity');
  const ownerId = input.ownerId ?? actor.id;
  if (ownerId !== actor.id) {
    await requireActiveUser(tx, ownerId);
    assertCanAssign(actor, 'activity', ownerId);
  }
  const related = input.relatedTo ? await requireVisibleRelated(tx, actor, input.relatedTo) : null;
  const id = newId();
  const at = now();
  const status = input.status ?? 'planned';
  const values = {
    id,
    type: input.type,
    subject: input.subject,
    description: input.description ?? null,
    status,
    startsAt: date(input.startsAt),
    endsAt: date(input.endsAt),
    dueAt: date(input.dueAt),
    location: input.location ?? null,
    videoUrl: input.videoUrl ?? null,
    outcome: input.outcome ?? null,
    reminderAt: date(input.reminderAt),
    relatedType: related?.type ?? null,
    relatedId: related?.id ?? null,
    ownerId,
    sendInvitations: input.sendInvitations ?? false,
    completedAt: status === 'planned' ? null : at,
    createdBy: actor.id,
    createdAt: at,
    updatedAt: at,
  };
  await insertActivity(tx, { ...values, searchText: activitySearchText(values) });
  if (input.participants) await setParticipants(tx, id, input.participants);
  const record = { type: 'activity', id, name: input.subject, activityType: input.type };
  const entries: NewStreamEntry[] = [
    {
      entityType: 'activity',
      entityId: id,
      type: 'create',
      actorId: actor.id,
      data: { name: input.subject, activityType: input.type },
    },
  ];
  if (related)
    entries.push({
      entityType: related.type,
      entityId: related.id,
      type: 'create_related',
      actorId: actor.id,
      data: { relation: 'activities', record, status },
    });
  await appendStream(tx, entries);
  if (related && status !== 'planned')
    await onActivityOutcome(
      tx,
      actor,
      { id, type: input.type, subject: input.subject, status, outcome: values.outcome },
      related,
      at,
    );
  const created = await getVisibleActivity(tx, actor, id);
  await afterActivityChange(tx, null, created);
  return created;
}

export async function updateActivity(
  db: Db,
  actor: Actor,
  id: string,
  input: ActivityUpdate,
  ifMatch: number | undefined,
): Promise<Activity> {
  return inTransaction(db, async (tx) => {
    const current = await getVisibleActivity(tx, actor, id);
    assertWritable(actor, 'activity', current);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    if (input.status && !STATUSES_BY_TYPE[current.type].includes(input.status))
      throw invalidField('status', `a ${current.type} cannot be ${input.status}`);
    if (input.ownerId && input.ownerId !== current.ownerId) {
      await requireActiveUser(tx, input.ownerId);
      assertCanAssign(actor, 'activity', input.ownerId);
    }
    const related = input.relatedTo ? await requireVisibleRelated(tx, actor, input.relatedTo) : undefined;
    const fields = [
      'subject',
      'description',
      'status',
      'startsAt',
      'endsAt',
      'dueAt',
      'location',
      'videoUrl',
      'outcome',
      'reminderAt',
      'ownerId',
      'sendInvitations',
    ] as const;
    const after: Partial<Record<(typeof fields)[number], unknown>> = {};
    for (const f of fields)
      if (input[f] !== undefined)
        after[f] = input[f] === null ? null : f.endsWith('At') ? new Date(input[f] as string).toISOString() : input[f];
    const changes = diffFields(current as unknown as Record<string, unknown>, after, fields);
    const relatedChanged = input.relatedTo !== undefined && (input.relatedTo?.id ?? null) !== (current.relatedTo?.id ?? null);
    if (changes.length === 0 && !relatedChanged && !input.participants) return current;
    const merged = { ...current, ...after } as Activity;
    const at = now();
    const becameDone = current.status === 'planned' && merged.status !== 'planned';
    const ok = await updateActivityRow(tx, id, current.version, {
      ...(after as object),
      startsAt: date(merged.startsAt),
      endsAt: date(merged.endsAt),
      dueAt: date(merged.dueAt),
      reminderAt: date(merged.reminderAt),
      ...(relatedChanged ? { relatedType: related?.type ?? null, relatedId: related?.id ?? null } : {}),
      completedAt: merged.status === 'planned' ? null : current.completedAt ? new Date(current.completedAt) : at,
      searchText: activitySearchText(merged),
      updatedAt: at,
    });
    if (!ok) throw stale();
    if (input.participants) await setParticipants(tx, id, input.participants);
    const entries: NewStreamEntry[] = [
      { entityType: 'activity', entityId: id, type: 'update', actorId: actor.id, data: { changes } },
    ];
    const record = { type: 'activity', id, name: merged.subject, activityType: current.type };
    if (relatedChanged && current.relatedTo)
      entries.push({
        entityType: current.relatedTo.type,
        entityId: current.relatedTo.id,
        type: 'unrelate',
        actorId: actor.id,
        data: { relation: 'activities', record },
      });
    if (relatedChanged && related)
      entries.push({
        entityType: related.type,
        entityId: related.id,
        type: 'relate',
        actorId: actor.id,
        data: { relation: 'activities', record },
      });
    await appendStream(tx, entries);
    const target =
      related ?? (current.relatedTo && !relatedChanged ? { type: current.relatedTo.type, id: current.relatedTo.id } : null);
    if (becameDone && target)
      await onActivityOutcome(
        tx,
        actor,
        { id, type: current.type, subject: merged.subject, status: merged.status, outcome: merged.outcome },
        target,
        at,
      );
    const updated = await getVisibleActivity(tx, actor, id);
    await afterActivityChange(tx, current, updated);
    return updated;
  });
}

const SOFT_DELETE: SoftDeletable = { entityType: 'activity', update: updateActivityRow };

export async function deleteActivity(db: Db, actor: Actor, id: string, ifMatch?: number) {
  await inTransaction(db, async (tx) => {
    const current = await getVisibleActivity(tx, actor, id);
    assertWritable(actor, 'activity', current);
    await softDeleteRecord(tx, actor, SOFT_DELETE, current, ifMatch);
    await afterActivityChange(tx, current, await getVisibleActivity(tx, actor, id, { deleted: true }));
  });
}

export async function restoreActivity(db: Db, actor: Actor, id: string) {
  return inTransaction(db, async (tx) => {
    const current = await getVisibleActivity(tx, actor, id, { deleted: true });
    assertWritable(actor, 'activity', current);
    if (!current.deletedAt) return current;
    await restoreRecord(tx, actor, SOFT_DELETE, current);
    const restored = await getVisibleActivity(tx, actor, id);
    await afterActivityChange(tx, current, restored);
    return restored;
  });
}
