import { type RawBuilder, sql } from 'kysely';
import { type CursorValue, decodeCursor, encodeCursor, invalidCursor } from './cursor.js';

/**
 * Keyset paging on (sort expression, id). Sort values are strings (lower-cased names) or ISO timestamps
 * (stored with millisecond precision so they round-trip through the cursor exactly).
 */
export type SortSpec = {
  /** SQL expression sorted on, e.g. sql`lower(a.name)` */
  expr: RawBuilder<unknown>;
  idExpr: RawBuilder<unknown>;
  dir: 'asc' | 'desc';
  kind: 'text' | 'timestamp' | 'number';
};

export function parseSort(sort: string): { field: string; dir: 'asc' | 'desc' } {
  return sort.startsWith('-') ? { field: sort.slice(1), dir: 'desc' } : { field: sort, dir: 'asc' };
}

export function keysetCondition(spec: SortSpec, cursor: string | undefined): RawBuilder<boolean> | undefined {
  const c = decodeCursor(cursor);
  if (!c) return undefined;
  // A forged value must not reach the ::timestamptz / ::bigint casts (a database error would be a 500).
  if (spec.kind === 'timestamp' && (typeof c.v !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(c.v) || Number.isNaN(Date.parse(c.v))))
    throw invalidCursor();
  if (spec.kind === 'number' && !Number.isSafeInteger(Number(c.v))) throw invalidCursor();
  const value =
    spec.kind === 'timestamp'
      ? sql`${String(c.v)}::timestamptz`
      : spec.kind === 'number'
        ? sql`${Number(c.v)}::bigint`
        : sql`${String(c.v)}`;
  return spec.dir === 'asc'
    ? sql<boolean>`(${spec.expr}, ${spec.idExpr}) > (${value}, ${c.id}::uuid)`
    : sql<boolean>`(${spec.expr}, ${spec.idExpr}) < (${value}, ${c.id}::uuid)`;
}

export function keysetOrder(spec: SortSpec): RawBuilder<unknown> {
  return spec.dir === 'asc' ? sql`${spec.expr} asc, ${spec.idExpr} asc` : sql`${spec.expr} desc, ${spec.idExpr} desc`;
}

/** Trims the look-ahead row and makes the next cursor from the last row kept. */
export function keysetPage<R extends { id: string }>(
  rows: R[],
  limit: number,
  sortValueOf: (row: R) => CursorValue['v'],
): { rows: R[]; nextCursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    rows: pageRows,
    nextCursor: rows.length > limit && last ? encodeCursor({ v: sortValueOf(last), id: last.id }) : null,
  };
}

/** The cursor value of a row's selected `sortKey` (dates as ISO strings). */
export function sortKeyValue(row: { sortKey: unknown }): string {
  return row.sortKey instanceof Date ? row.sortKey.toISOString() : String(row.sortKey);
}
