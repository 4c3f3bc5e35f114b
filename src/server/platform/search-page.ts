import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Conn } from './db.js';
import { keysetCondition, keysetListPage, keysetOrder, keysetPage, type SortSpec, sortKeyValue } from './keyset.js';
import { likePattern } from './search.js';

/** How many rows, in list order, the first attempt looks through for matches. */
export const SEARCH_WINDOW = 2000;

type SearchedTable = { table: 'accounts' | 'contacts'; alias: 'a' | 'c' };

/**
 * One page of a list that can be searched by `q` (on `search_text`). Without a term it is the plain keyset page;
 * with one, searchPageIds picks the page's ids and `select` (which selects the sort expression as `sortKey`) loads
 * them in list order.
 */
export async function searchableListPage<DB, TB extends keyof DB, O extends { id: string; sortKey: unknown }>(
  conn: Conn,
  select: SelectQueryBuilder<DB, TB, O>,
  opts: SearchedTable & {
    spec: SortSpec;
    /** every condition except the search itself (scope, filters), on `alias` */
    conditions: RawBuilder<boolean>[];
  },
  page: { q?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<{ rows: O[]; nextCursor: string | null }> {
  const { spec } = opts;
  const { limit } = page;
  if (!page.q) return keysetListPage(select, spec, opts.conditions, page);
  const after = keysetCondition(spec, page.cursor);
  const conditions = after ? [...opts.conditions, after] : opts.conditions;
  const ids = await searchPageIds(conn, { ...opts, conditions, pattern: likePattern(page.q), limit });
  if (ids.length === 0) return keysetPage([] as O[], limit, sortKeyValue);
  const rows = await select
    .where(sql<boolean>`${spec.idExpr} IN (${sql.join(ids)})`)
    .orderBy(keysetOrder(spec))
    .limit(limit + 1)
    .execute();
  return keysetPage(rows, limit, sortKeyValue);
}

/**
 * The ids of one page of a searched list (`search_text LIKE pattern`), in list order, plus the look-ahead row.
 *
 * One plan cannot serve every term (measured by `npm run bench` at 100k accounts / 300k contacts):
 * walking the sort index and filtering is instant for a term found everywhere ("gmail", a job title) but
 * reads half the table when the matches bunch up late in the order ("nováková" sorted by last name: 0.5 s);
 * the trigram index is quick for a selective term but slow for a frequent one. PostgreSQL's estimate cannot
 * tell the two apart, so: first look for a full page among the first SEARCH_WINDOW rows in list order
 * (exact whenever it fills the page), and only otherwise collect all matches through the trigram index and
 * sort them — the matches are then few.
 */
export async function searchPageIds(
  conn: Conn,
  opts: SearchedTable & {
    spec: SortSpec;
    /** every condition except the search itself (scope, filters, keyset cursor), on `alias` */
    conditions: RawBuilder<boolean>[];
    pattern: string;
    limit: number;
  },
): Promise<string[]> {
  const from = sql`${sql.table(opts.table)} AS ${sql.raw(opts.alias)}`;
  const where = opts.conditions.length ? sql.join(opts.conditions, sql` AND `) : sql`true`;
  const id = sql.raw(`${opts.alias}.id`);
  const searchText = sql.raw(`${opts.alias}.search_text`);
  const dir = sql.raw(opts.spec.dir === 'asc' ? 'ASC' : 'DESC');
  const take = opts.limit + 1;

  const windowed = await sql<{ id: string }>`
    SELECT w.id FROM (
      SELECT ${id} AS id, ${searchText} AS search_text, ${opts.spec.expr} AS sort_key
        FROM ${from} WHERE ${where} ORDER BY ${keysetOrder(opts.spec)} LIMIT ${SEARCH_WINDOW}
    ) AS w
    WHERE w.search_text LIKE ${opts.pattern}
    ORDER BY w.sort_key ${dir}, w.id ${dir} LIMIT ${take}`.execute(conn);
  if (windowed.rows.length === take) return windowed.rows.map((r) => r.id);

  // OFFSET 0 keeps the planner from walking the sort index again: all matches first, then the top of them.
  const matched = await sql<{ id: string }>`
    SELECT m.id FROM (
      SELECT ${id} AS id, ${opts.spec.expr} AS sort_key FROM ${from}
       WHERE ${where} AND ${searchText} LIKE ${opts.pattern} OFFSET 0
    ) AS m
    ORDER BY m.sort_key ${dir}, m.id ${dir} LIMIT ${take}`.execute(conn);
  return matched.rows.map((r) => r.id);
}
