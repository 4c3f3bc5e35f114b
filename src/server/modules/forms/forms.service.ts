import type { Form, FormCreate, FormListQuery, FormUpdate } from '../../../domain/forms/form.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertAdmin, canCreate } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pickDefined } from '../../platform/objects.js';
import { loadActor } from '../auth/actor.loader.js';
import { diffFields } from '../stream/diff.js';
import { appendStream } from '../stream/stream.repo.js';
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

async function checkTeam(conn: Conn, teamId: string) {
  const team = await conn.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw invalidField('teamId', 'no such team');
}

/** The intake user must be able to create leads, or every submission would fail. */
async function checkIntakeUser(conn: Conn, userId: string) {
  const intake = await loadActor(conn, userId);
  if (!intake) throw invalidField('intakeUserId', 'no such active user');
  if (!canCreate(intake, 'lead')) throw invalidField('intakeUserId', 'this user may not create leads');
}

export async function createForm(db: Db, actor: Actor, input: FormCreate): Promise<Form> {
  assertAdmin(actor);
  const id = newId();
  return inTransaction(db, async (tx) => {
    if (input.teamId) await checkTeam(tx, input.teamId);
    const intakeUserId = input.intakeUserId ?? actor.id;
    if (input.intakeUserId) await checkIntakeUser(tx, input.intakeUserId);
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
    if (input.teamId && input.teamId !== current.teamId) await checkTeam(tx, input.teamId);
    if (input.intakeUserId && input.intakeUserId !== current.intakeUserId) await checkIntakeUser(tx, input.intakeUserId);
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

export async function deleteForm(db: Db, actor: Actor, id: string, ifMatch?: number): Promise<void> {
  assertAdmin(actor);
  await inTransaction(db, async (tx) => {
    const current = await getVisibleForm(tx, actor, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    if (!(await updateFormRow(tx, id, current.version, { deletedAt: now(), updatedAt: now(), updatedBy: actor.id })))
      throw stale();
    await appendStream(tx, { entityType: 'form', entityId: id, type: 'delete', actorId: actor.id });
  });
}

export async function restoreForm(db: Db, actor: Actor, id: string): Promise<Form> {
  assertAdmin(actor);
  return inTransaction(db, async (tx) => {
    const current = await getVisibleForm(tx, actor, id, { deleted: true });
    if (!current.deletedAt) return current;
    if (!(await updateFormRow(tx, id, current.version, { deletedAt: null, updatedAt: now(), updatedBy: actor.id })))
      throw stale();
    await appendStream(tx, { entityType: 'form', entityId: id, type: 'restore', actorId: actor.id });
    return getVisibleForm(tx, actor, id);
  });
}
