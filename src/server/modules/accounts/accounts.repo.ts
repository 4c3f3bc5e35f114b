import { type Insertable, type RawBuilder, type Selectable, sql, type Updateable } from 'kysely';
import type { AccountListQuery } from '../../../domain/accounts/account.schema.js';
import { foldText } from '../../../domain/common/text.js';
import type { Actor } from '../../access/actor.js';
import { readScope } from '../../access/policy.js';
import type { Conn } from '../../platform/db.js';
import type { AccountsTable } from '../../platform/db-types.js';
import { countWhere, type SortChoice, sortSpecOf } from '../../platform/keyset.js';
import { likePattern } from '../../platform/search.js';
import { searchableListPage } from '../../platform/search-page.js';
import { updateIfVersion } from '../../platform/versioned.js';

export type AccountRow = Selectable<AccountsTable> & { ownerName: string | null; parentName: string | null };
export type AccountValues = Insertable<AccountsTable>;

export function accountSearchText(a: {
  name: string;
  registrationNumber: string | null;
  vatNumber: string | null;
  billingCity: string | null;
  email: string | null;
  website: string | null;
}): string {
  return foldText([a.name, a.registrationNumber, a.vatNumber, a.billingCity, a.email, a.website].filter(Boolean).join(' '));
}

function selectAccounts(conn: Conn) {
  return conn
    .selectFrom('accounts as a')
    .leftJoin('users as o', 'o.id', 'a.ownerId')
    .leftJoin('accounts as p', 'p.id', 'a.parentId')
    .selectAll('a')
    .select(['o.name as ownerName', 'p.name as parentName']);
}

export async function findAccount(conn: Conn, id: string): Promise<AccountRow | undefined> {
  return (await selectAccounts(conn).where('a.id', '=', id).executeTakeFirst()) as AccountRow | undefined;
}

export async function insertAccount(conn: Conn, values: AccountValues): Promise<void> {
  await conn.insertInto('accounts').values(values).execute();
}

/** Applies `patch` only if the stored version is still `expectedVersion`; returns false when stale. */
export function updateAccountRow(
  conn: Conn,
  id: string,
  expectedVersion: number,
  patch: Updateable<AccountsTable>,
): Promise<boolean> {
  return updateIfVersion(conn, 'accounts', id, expectedVersion, patch);
}

const SORTS = {
  name: { expr: sql`lower(a.name)`, kind: 'text' },
  createdAt: { expr: sql`a.created_at`, kind: 'timestamp' },
  updatedAt: { expr: sql`a.updated_at`, kind: 'timestamp' },
} satisfies Record<string, SortChoice>;

export async function listAccountRows(conn: Conn, actor: Actor, query: AccountListQuery) {
  const spec = sortSpecOf(SORTS, query.sort, 'name', sql`a.id`);
  const select = selectAccounts(conn).select(spec.expr.as('sortKey'));
  const conditions = accountConditions(actor, { ...query, q: undefined });
  return searchableListPage(conn, select, { table: 'accounts', alias: 'a', spec, conditions }, query);
}

export type AccountFilter = Omit<AccountListQuery, 'sort' | 'cursor' | 'limit'>;

/** The conditions of a filtered account list; the access scope is always the first. Lists, counts and exports share them. */
function accountConditions(actor: Actor, query: AccountFilter): RawBuilder<boolean>[] {
  const conditions = [
    readScope(actor, 'account', 'a.ownerId'),
    query.deleted ? sql<boolean>`a.deleted_at IS NOT NULL` : sql<boolean>`a.deleted_at IS NULL`,
  ];
  if (query.type) conditions.push(sql<boolean>`a.type = ${query.type}`);
  if (query.ownerId) conditions.push(sql<boolean>`a.owner_id = ${query.ownerId}`);
  if (query.industry) conditions.push(sql<boolean>`lower(a.industry) = ${query.industry.toLowerCase()}`);
  if (query.parentId) conditions.push(sql<boolean>`a.parent_id = ${query.parentId}`);
  if (query.q) conditions.push(sql<boolean>`a.search_text LIKE ${likePattern(query.q)}`);
  return conditions;
}

export async function countAccountRows(conn: Conn, actor: Actor, query: AccountFilter): Promise<number> {
  return countWhere(conn.selectFrom('accounts as a'), accountConditions(actor, query));
}

/** Would making `parentId` the parent of `id` close a loop? */
export async function wouldCreateCycle(conn: Conn, id: string, parentId: string): Promise<boolean> {
  if (id === parentId) return true;
  const result = await sql<{ found: boolean }>`
    WITH RECURSIVE chain(id, depth) AS (
      SELECT parent_id, 1 FROM accounts WHERE id = ${parentId}
      UNION ALL
      SELECT a.parent_id, c.depth + 1 FROM accounts a JOIN chain c ON a.id = c.id WHERE c.depth < 100
    )
    SELECT EXISTS (SELECT 1 FROM chain WHERE id = ${id}) AS found`.execute(conn);
  return Boolean(result.rows[0]?.found);
}
