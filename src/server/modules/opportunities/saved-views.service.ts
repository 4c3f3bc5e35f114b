import type { Selectable } from 'kysely';
import type { SavedView, SavedViewCreate, SavedViewUpdate } from '../../../domain/opportunities/saved-views.schema.js';
import type { Actor } from '../../access/actor.js';
import { isAdmin } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import type { Conn, Db } from '../../platform/db.js';
import type { SavedViewsTable } from '../../platform/db-types.js';
import { AppError, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';

/**
 * Saved views (issue 4): a named filter/column/sort set for a table or board. Personal views are visible to their
 * owner only; shared views are read by everyone and changed by their owner or an admin. A view holds UI settings,
 * not business data, so it has no Stream (docs/decisions/018); the filters are applied through the resource's own
 * list endpoint and access scope, so sharing a view never shares records.
 */

type Row = Selectable<SavedViewsTable> & { ownerName: string | null };

function selectViews(conn: Conn) {
  return conn
    .selectFrom('savedViews as v')
    .leftJoin('users as u', 'u.id', 'v.ownerId')
    .selectAll('v')
    .select('u.name as ownerName');
}

const mayEdit = (actor: Actor, r: { ownerId: string; shared: boolean }) => r.ownerId === actor.id || (r.shared && isAdmin(actor));

function toView(actor: Actor, r: Row): SavedView {
  return {
    id: r.id,
    version: r.version,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    ownerId: r.ownerId,
    owner: r.ownerName ? { id: r.ownerId, name: r.ownerName } : null,
    name: r.name,
    resource: r.resource as SavedView['resource'],
    view: r.view as SavedView['view'],
    filters: (r.filters ?? {}) as Record<string, unknown>,
    columns: (r.columns ?? []) as string[],
    sort: r.sort,
    shared: r.shared,
    editable: mayEdit(actor, r),
  };
}

async function visibleView(conn: Conn, actor: Actor, id: string): Promise<Row> {
  const row = await selectViews(conn).where('v.id', '=', id).executeTakeFirst();
  if (!row || (!row.shared && row.ownerId !== actor.id)) throw notFound('Saved view');
  return row;
}

export async function listSavedViews(db: Db, actor: Actor, query: { resource?: string }) {
  let q = selectViews(db).where((eb) => eb.or([eb('v.ownerId', '=', actor.id), eb('v.shared', '=', true)]));
  if (query.resource) q = q.where('v.resource', '=', query.resource);
  const rows = await q.orderBy('v.resource').orderBy('v.shared').orderBy('v.name').orderBy('v.id').execute();
  return { data: rows.map((r) => toView(actor, r)) };
}

export async function getSavedView(db: Db, actor: Actor, id: string): Promise<SavedView> {
  return toView(actor, await visibleView(db, actor, id));
}

export async function createSavedView(db: Db, actor: Actor, input: SavedViewCreate): Promise<SavedView> {
  const id = newId();
  const at = now();
  await db
    .insertInto('savedViews')
    .values({
      id,
      ownerId: actor.id,
      name: input.name,
      resource: input.resource,
      view: input.view,
      filters: JSON.stringify(input.filters),
      columns: JSON.stringify(input.columns),
      sort: input.sort ?? null,
      shared: input.shared,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  return getSavedView(db, actor, id);
}

function assertMayEdit(actor: Actor, row: Row) {
  if (!mayEdit(actor, row))
    throw new AppError('forbidden', row.shared ? 'Only its owner or an administrator may change a shared view' : 'Not your view');
}

export async function updateSavedView(
  db: Db,
  actor: Actor,
  id: string,
  input: SavedViewUpdate,
  ifMatch: number | undefined,
): Promise<SavedView> {
  const row = await visibleView(db, actor, id);
  assertMayEdit(actor, row);
  if (ifMatch !== undefined && ifMatch !== row.version) throw stale();
  const res = await db
    .updateTable('savedViews')
    .set((eb) => ({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.view !== undefined ? { view: input.view } : {}),
      ...(input.filters !== undefined ? { filters: JSON.stringify(input.filters) } : {}),
      ...(input.columns !== undefined ? { columns: JSON.stringify(input.columns) } : {}),
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
      ...(input.shared !== undefined ? { shared: input.shared } : {}),
      updatedAt: now(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw stale();
  return getSavedView(db, actor, id);
}

export async function deleteSavedView(db: Db, actor: Actor, id: string, ifMatch: number | undefined): Promise<void> {
  const row = await visibleView(db, actor, id);
  assertMayEdit(actor, row);
  if (ifMatch !== undefined && ifMatch !== row.version) throw stale();
  await db.deleteFrom('savedViews').where('id', '=', id).execute();
}
