import { type Lead, type LeadCreate, type LeadListQuery, type LeadUpdate, leadName } from '../../../domain/leads/lead.schema.js';
import { explainScore } from '../../../domain/leads/lead.score.js';
import type { Actor } from '../../access/actor.js';
import { assertCanAssign, assertCanCreate, assertReadable, assertWritable } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pickDefined } from '../../platform/objects.js';
import { notifyAssignment } from '../notifications/notification-producers.js';
import { diffFields } from '../stream/diff.js';
import { updateEntries } from '../stream/entries.js';
import { restoreRecord, type SoftDeletable, softDeleteRecord } from '../stream/soft-delete.js';
import { appendStream, type NewStreamEntry } from '../stream/stream.repo.js';
import { requireActiveUser, requireTeam } from '../users/users.lookup.js';
import { LEAD_DIFF_FIELDS, newLeadColumns, toLead } from './leads.mapper.js';
import {
  countLeadRows,
  findLead,
  insertLead,
  type LeadFilter,
  leadSearchText,
  listLeadRows,
  updateLeadRow,
} from './leads.repo.js';
import { nextRoundRobinOwner } from './round-robin.js';
import { getScoreWeights } from './score-weights.js';

export async function getVisibleLead(conn: Conn, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<Lead> {
  const row = assertReadable(actor, 'lead', await findLead(conn, id), 'Lead');
  if (row.deletedAt && !opts.deleted) throw notFound('Lead');
  return toLead(row, await getScoreWeights(conn), now());
}

export async function listLeads(db: Db, actor: Actor, query: LeadListQuery) {
  const at = now();
  const [{ rows, nextCursor }, weights] = await Promise.all([listLeadRows(db, actor, query, at), getScoreWeights(db)]);
  return { data: rows.map((r) => toLead(r, weights, at)), nextCursor };
}

export async function countLeads(db: Db, actor: Actor, query: LeadFilter) {
  return countLeadRows(db, actor, query, now());
}

/**
 * Creates a lead in status `new`; with an owner it is `assigned` at once, and an unowned lead for a receiving team
 * is handed out round-robin. The first-contact clock starts now.
 */
export async function createLead(
  db: Db,
  actor: Actor,
  input: LeadCreate,
  alsoRecord: Array<Omit<NewStreamEntry, 'entityType' | 'entityId' | 'actorId'>> = [],
): Promise<Lead> {
  assertCanCreate(actor, 'lead');
  const id = newId();
  return inTransaction(db, async (tx) => {
    if (input.teamId) await requireTeam(tx, input.teamId);
    // Entered by hand without an owner or a receiving team: the sales user who typed it in works it.
    const ownsByDefault = input.ownerId === undefined && !input.teamId && actor.role !== 'marketing';
    let ownerId = input.ownerId ?? (ownsByDefault ? actor.id : null);
    if (ownerId && ownerId !== actor.id) {
      await requireActiveUser(tx, ownerId);
      assertCanAssign(actor, 'lead', ownerId);
    }
    const roundRobin = !ownerId && input.teamId ? await nextRoundRobinOwner(tx, input.teamId) : null;
    ownerId = ownerId ?? roundRobin;
    const weights = await getScoreWeights(tx);
    const at = now();
    const values = {
      id,
      ...newLeadColumns(input, actor.id, at),
      status: ownerId ? 'assigned' : 'new',
      ownerId,
      teamId: input.teamId ?? null,
    };
    await insertLead(tx, { ...values, score: explainScore(values, weights).score, searchText: leadSearchText(values) });
    const entries: NewStreamEntry[] = [
      {
        entityType: 'lead',
        entityId: id,
        type: 'create',
        actorId: actor.id,
        data: { name: leadName(values), source: values.source },
      },
    ];
    if (ownerId) {
      entries.push({
        entityType: 'lead',
        entityId: id,
        type: 'assign',
        actorId: actor.id,
        data: { from: null, to: ownerId, roundRobin: Boolean(roundRobin) },
      });
      entries.push(assignedStatusEntry(id, actor.id));
    }
    entries.push(...alsoRecord.map((e) => ({ ...e, entityType: 'lead' as const, entityId: id, actorId: actor.id })));
    await appendStream(tx, entries);
    await notifyAssignment(tx, actor, { type: 'lead', id, name: leadName(values) }, ownerId);
    // Returned as created even when the lead went to a queue the creator cannot see (a web form, marketing).
    return toLead((await findLead(tx, id)) as NonNullable<Awaited<ReturnType<typeof findLead>>>, weights, now());
  });
}

/** A new lead that gets an owner is assigned (seed 002: new → assigned). */
function assignedStatusEntry(id: string, actorId: string): NewStreamEntry {
  return { entityType: 'lead', entityId: id, type: 'status', actorId, data: { from: 'new', to: 'assigned' } };
}

function assertEditable(lead: Lead) {
  if (lead.status === 'converted') throw new AppError('invalid_transition', 'A converted lead is read-only');
}

export async function updateLead(
  db: Db,
  actor: Actor,
  id: string,
  input: LeadUpdate,
  ifMatch: number | undefined,
): Promise<Lead> {
  return inTransaction(db, async (tx) => {
    const current = await getVisibleLead(tx, actor, id);
    assertWritable(actor, 'lead', current);
    assertEditable(current);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    if (input.ownerId && input.ownerId !== current.ownerId) {
      await requireActiveUser(tx, input.ownerId);
      assertCanAssign(actor, 'lead', input.ownerId);
    }
    if (input.teamId && input.teamId !== current.teamId) await requireTeam(tx, input.teamId);
    const after = pickDefined(input, LEAD_DIFF_FIELDS);
    const changes = diffFields(current, after, LEAD_DIFF_FIELDS);
    if (changes.length === 0) return current;
    const merged = { ...current, ...after };
    // Giving a new lead an owner assigns it (seed 002: new → assigned).
    const becomesAssigned = current.status === 'new' && Boolean(merged.ownerId);
    const ok = await updateLeadRow(tx, id, current.version, {
      ...after,
      ...(becomesAssigned ? { status: 'assigned' } : {}),
      score: explainScore(merged, await getScoreWeights(tx)).score,
      searchText: leadSearchText(merged),
      updatedAt: now(),
    });
    if (!ok) throw stale();
    const entries = updateEntries('lead', id, actor.id, changes);
    if (becomesAssigned) entries.push(assignedStatusEntry(id, actor.id));
    await appendStream(tx, entries);
    if (changes.some((c) => c.field === 'ownerId'))
      await notifyAssignment(tx, actor, { type: 'lead', id, name: leadName(merged) }, merged.ownerId);
    return getVisibleLead(tx, actor, id);
  });
}

const SOFT_DELETE: SoftDeletable = { entityType: 'lead', update: updateLeadRow };

export async function deleteLead(db: Db, actor: Actor, id: string, ifMatch?: number) {
  await inTransaction(db, async (tx) => {
    const current = await getVisibleLead(tx, actor, id);
    assertWritable(actor, 'lead', current);
    await softDeleteRecord(tx, actor, SOFT_DELETE, current, ifMatch);
  });
}

export async function restoreLead(db: Db, actor: Actor, id: string) {
  return inTransaction(db, async (tx) => {
    const current = await getVisibleLead(tx, actor, id, { deleted: true });
    assertWritable(actor, 'lead', current);
    if (!current.deletedAt) return current;
    await restoreRecord(tx, actor, SOFT_DELETE, current);
    return getVisibleLead(tx, actor, id);
  });
}
