import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { ImportListQuery } from '../../../domain/imports/import.schema.js';
import type { Actor } from '../../access/actor.js';
import { isAdmin } from '../../access/policy.js';
import type { Conn } from '../../platform/db.js';
import type { ImportsTable } from '../../platform/db-types.js';
import { keysetCondition, keysetOrder, keysetPage, type SortSpec, sortKeyValue } from '../../platform/keyset.js';

export type ImportRow = Selectable<ImportsTable>;

export async function insertImport(conn: Conn, values: Insertable<ImportsTable>): Promise<void> {
  await conn.insertInto('imports').values(values).execute();
}

export async function findImport(conn: Conn, id: string): Promise<ImportRow | undefined> {
  return conn.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateImportRow(
  conn: Conn,
  id: string,
  patch: Updateable<ImportsTable>,
  expectedVersion?: number,
): Promise<boolean> {
  let q = conn
    .updateTable('imports')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Own imports; an administrator sees everyone's. Newest first. */
export async function listImportRows(conn: Conn, actor: Actor, query: ImportListQuery) {
  const spec: SortSpec = { expr: sql`i.created_at`, idExpr: sql`i.id`, dir: 'desc', kind: 'timestamp' };
  let q = conn.selectFrom('imports as i').selectAll('i').select(spec.expr.as('sortKey'));
  if (!isAdmin(actor)) q = q.where('i.createdBy', '=', actor.id);
  if (query.status) q = q.where('i.status', '=', query.status);
  const after = keysetCondition(spec, query.cursor);
  if (after) q = q.where(after);
  const rows: Array<ImportRow & { sortKey: unknown }> = await q
    .orderBy(keysetOrder(spec))
    .limit(query.limit + 1)
    .execute();
  return keysetPage(rows, query.limit, sortKeyValue);
}

export async function rejectedRowsPage(conn: Conn, importId: string, afterRow: number, limit: number) {
  return conn
    .selectFrom('importRejectedRows')
    .select(['rowNumber', 'reason', 'cells'])
    .where('importId', '=', importId)
    .where('rowNumber', '>', afterRow)
    .orderBy('rowNumber')
    .limit(limit)
    .execute();
}

export async function findRememberedMapping(conn: Conn, headerKey: string) {
  return conn.selectFrom('importMappings').select(['mapping']).where('headerKey', '=', headerKey).executeTakeFirst();
}

export async function rememberMapping(
  conn: Conn,
  headerKey: string,
  headers: string[],
  mapping: Record<string, string>,
  userId: string,
  at: Date,
) {
  await conn
    .insertInto('importMappings')
    .values({ headerKey, headers: JSON.stringify(headers), mapping: JSON.stringify(mapping), updatedAt: at, updatedBy: userId })
    .onConflict((oc) =>
      oc
        .column('headerKey')
        .doUpdateSet({ headers: JSON.stringify(headers), mapping: JSON.stringify(mapping), updatedAt: at, updatedBy: userId }),
    )
    .execute();
}
