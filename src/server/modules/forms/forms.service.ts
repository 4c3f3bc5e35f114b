import type { Form, FormCreate, FormListQuery, FormUpdate } from '../../../domain/forms/form.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertAdmin } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pickDefined } from '../../platform/objects.js';
import { requireIntakeUser } from '../leads/lead-intake.js';
import { diffFields } from '../stream/diff.js';
import { restoreRecord, type SoftDeletable, softDeleteRecord } from '../stream/soft-delete.js';
import { appendStream } from '../stream/stream.repo.js';
import { requireTeam } from '../users/users.lookup.js';
import { FORM_DIFF_FIELDS, toForm } from './forms.mapper.js';
import { countFormRows, type FormFilter, findForm, insertForm, listFormRows, updateFormRow } from './forms.repo.js';

/**
 * Lead forms are configuration: every signed-in user may list and read them (sales sees where leads come from),
 * only an administrator creates, changes, deletes or restores them. Changes go to the form's own Stream.
 */

export async function getVisibleForm(conn: Conn, _actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<Form> {
  const row = await findForm(conn, id);
  if (!row || (row.deletedAt && !opts.deleted)) throw notFound('Form');
  return toForm(row);
}

export async function listForms(db: Db, _actor: Actor, query: FormListQuery) {
  const { rows, nextCursor } = await listFormRows(db, query);
  return { data: rows.map(toForm), nextCursor };
}

export async function countForms(db: Db, _actor: Actor, query: FormFilter) {
  return countFormRows(db, query);
}

export async function createForm(db: Db, actor: Actor, input: FormCreate): Promise<Form> {
  assertAdmin(actor);
  const id = newId();
  return inTransaction(db, async (tx) => {
    if (input.teamId) await requireTeam(tx, input.teamId);
    const intakeUserId = input.intakeUserId ?? actor.id;
    if (input.intakeUserId) await requireIntakeUser(tx, input.intakeUserId);
    const at = now();
    await insertForm(tx, {
      id,
      name: input.name,
      active: input.active,
      fields: JSON.stringify(input.fields),
      source: input.source,
      campaign: input.campaign ?? null,
      teamId: input.teamId ?? null,
      thankYouMessage: input.thankYouMessage ?? null,
      redirectUrl: input.redirectUrl ?? null,
      allowedOrigins: input.allowedOrigins,
      intakeUserId,
      createdBy: actor.id,
      updatedBy: actor.id,
      createdAt: at,
      updatedAt: at,
    });
    await appendStream(tx, { entityType: 'form', entityId: id, type: 'create', actorId: actor.id, data: { name: input.name } });
    return toForm((await findForm(tx, id)) as NonNullable<Awaited<ReturnType<typeof findForm>>>);
  });
}

export async function updateForm(
  db: Db,
  actor: Actor,
  id: string,
  input: FormUpdate,
  ifMatch: number | undefined,
): Promise<Form> {
  assertAdmin(actor);
  return inTransaction(db, async (tx) => {
    const current = await getVisibleForm(tx, actor, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    if (input.teamId && input.teamId !== current.teamId) await requireTeam(tx, input.teamId);
    if (input.intakeUserId && input.intakeUserId !== current.intakeUserId) await requireIntakeUser(tx, input.intakeUserId);
    const after = pickDefined(input, FORM_DIFF_FIELDS);
    const changes = diffFields(current, after, FORM_DIFF_FIELDS);
    if (changes.length === 0) return current;
    const { fields, ...rest } = after;
    const ok = await updateFormRow(tx, id, current.version, {
      ...rest,
      ...(fields ? { fields: JSON.stringify(fields) } : {}),
      updatedBy: actor.id,
      updatedAt: now(),
    });
    if (!ok) throw stale();
    await appendStream(tx, { entityType: 'form', entityId: id, type: 'update', actorId: actor.id, data: { changes } });
    return getVisibleForm(tx, actor, id);
  });
}

/** A form also records who changed it last. */
const softDeleteForms = (actor: Actor): SoftDeletable => ({
  entityType: 'form',
  update: (tx, id, version, patch) => updateFormRow(tx, id, version, { ...patch, updatedBy: actor.id }),
});

export async function deleteForm(db: Db, actor: Actor, id: string, ifMatch?: number): Promise<void> {
  assertAdmin(actor);
  await inTransaction(db, async (tx) => {
    const current = await getVisibleForm(tx, actor, id);
    await softDeleteRecord(tx, actor, softDeleteForms(actor), current, ifMatch);
  });
}

export async function restoreForm(db: Db, actor: Actor, id: string): Promise<Form> {
  assertAdmin(actor);
  return inTransaction(db, async (tx) => {
    const current = await getVisibleForm(tx, actor, id, { deleted: true });
    if (!current.deletedAt) return current;
    await restoreRecord(tx, actor, softDeleteForms(actor), current);
    return getVisibleForm(tx, actor, id);
  });
}
