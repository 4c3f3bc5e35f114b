import { type Kysely, sql, type Updateable } from 'kysely';
import type { Conn } from './db.js';
import type { DB } from './db-types.js';

/** The tables whose rows carry an `id` and an optimistic-locking `version`. */
export type VersionedTable = { [T in keyof DB]: DB[T] extends { id: unknown; version: unknown } ? T : never }[keyof DB];

/**
 * Applies `patch` to row `id` of `table` only if its stored version is still `expectedVersion`, and moves the version
 * on; false when another save came first (the caller answers 412). `UPDATE … WHERE version = $v` lets exactly one of
 * two concurrent saves win.
 */
export async function updateIfVersion<T extends VersionedTable>(
  conn: Conn,
  table: T,
  id: string,
  expectedVersion: number,
  patch: Updateable<DB[T]>,
): Promise<boolean> {
  // Kysely cannot type `set` over a union of tables; the signature above keeps every caller typed for its table.
  const untyped = conn as unknown as Kysely<Record<string, { id: string; version: number }>>;
  const result = await untyped
    .updateTable(table as string)
    .set({ ...(patch as object), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
