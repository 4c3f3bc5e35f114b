import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
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

/** A sortable field of a list: the SQL expression and the kind of its values. */
export type SortChoice = Pick<SortSpec, 'expr' | 'kind'>;

/** The SortSpec for a list's `sort` parameter ("name", "-createdAt"); a field the list does not offer sorts by `fallback`. */
export function sortSpecOf<K extends string>(
  choices: Record<K, SortChoice>,
  sort: string,
  fallback: K,
  idExpr: RawBuilder<unknown>,
): SortSpec {
  const { field, dir } = parseSort(sort);
  const choice = (choices as Partial<Record<string, SortChoice>>)[field] ?? choices[fallback];
  return { expr: choice.expr, idExpr, dir, kind: choice.kind };
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

/**
 * One page of a list: `select` (which selects the sort expression as `sortKey`) narrowed by `conditions` and the
 * cursor, in sort order, with one look-ahead row that tells whether a next page exists.
 */
export async function keysetListPage<DB, TB extends keyof DB, O extends { id: string; sortKey: unknown }>(
  select: SelectQueryBuilder<DB, TB, O>,
  spec: SortSpec,
  conditions: RawBuilder<boolean>[],
  page: { cursor?: string | undefined; limit: number },
): Promise<{ rows: O[]; nextCursor: string | null }> {
  let q = select;
  for (const condition of conditions) q = q.where(condition);
  const after = keysetCondition(spec, page.cursor);
  if (after) q = q.where(after);
  const rows = await q
    .orderBy(keysetOrder(spec))
    .limit(page.limit + 1)
    .execute();
  return keysetPage(rows, page.limit, sortKeyValue);
}

/** How many rows of `from` meet all `conditions` (the count beside a list, with the list's own conditions). */
export async function countWhere<DB, TB extends keyof DB>(
  from: SelectQueryBuilder<DB, TB, object>,
  conditions: RawBuilder<boolean>[],
): Promise<number> {
  let q = from.select(sql<number>`count(*)`.as('n'));
  for (const condition of conditions) q = q.where(condition);
  const row = (await q.executeTakeFirstOrThrow()) as { n: number };
  return row.n;
}
