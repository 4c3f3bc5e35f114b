import { type Insertable, type RawBuilder, sql, type Updateable } from 'kysely';
import { foldText } from '../../../domain/common/text.js';
import type { ContactListQuery } from '../../../domain/contacts/contact.schema.js';
import type { Actor } from '../../access/actor.js';
import { readScope } from '../../access/policy.js';
import type { Conn } from '../../platform/db.js';
import type { ContactsTable } from '../../platform/db-types.js';
import { keysetCondition, keysetOrder, keysetPage, parseSort, type SortSpec, sortKeyValue } from '../../platform/keyset.js';
import { likePattern } from '../../platform/search.js';
import { searchPageIds } from '../../platform/search-page.js';

export type ContactRow = {
  id: string;
  firstName: string | null;
  lastName: string;
  title: string | null;
  emails: string[];
  phones: string[];
  accountId: string | null;
  street: string | null;
  city: string | null;
  postalCode: string | null;
  country: string | null;
  notes: string | null;
  ownerId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  deletedAt: Date | null;
  ownerName: string | null;
  accountName: string | null;
};

export type ContactValues = Insertable<ContactsTable>;

export function contactSearchText(c: {
  firstName: string | null;
  lastName: string;
  title: string | null;
  emails: string[];
  phones: string[];
  city: string | null;
}): string {
  return foldText([c.firstName, c.lastName, c.title, ...c.emails, ...c.phones, c.city].filter(Boolean).join(' '));
}

function selectContacts(conn: Conn) {
  return conn
    .selectFrom('contacts as c')
    .leftJoin('users as o', 'o.id', 'c.ownerId')
    .leftJoin('accounts as a', 'a.id', 'c.accountId')
    .select([
      'c.id',
      'c.firstName',
      'c.lastName',
      'c.title',
      'c.emails',
      'c.phones',
      'c.accountId',
      'c.street',
      'c.city',
      'c.postalCode',
      'c.country',
      'c.notes',
      'c.ownerId',
      'c.version',
      'c.createdAt',
      'c.updatedAt',
      'c.createdBy',
      'c.deletedAt',
      'o.name as ownerName',
      'a.name as accountName',
    ]);
}

export async function findContact(conn: Conn, id: string): Promise<ContactRow | undefined> {
  return (await selectContacts(conn).where('c.id', '=', id).executeTakeFirst()) as ContactRow | undefined;
}

export async function insertContact(conn: Conn, values: ContactValues): Promise<void> {
  await conn.insertInto('contacts').values(values).execute();
}

export async function updateContactRow(
  conn: Conn,
  id: string,
  expectedVersion: number,
  patch: Updateable<ContactsTable>,
): Promise<boolean> {
  const result = await conn
    .updateTable('contacts')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const SORTS: Record<string, Pick<SortSpec, 'expr' | 'kind'>> = {
  lastName: { expr: sql`lower(c.last_name)`, kind: 'text' },
  createdAt: { expr: sql`c.created_at`, kind: 'timestamp' },
  updatedAt: { expr: sql`c.updated_at`, kind: 'timestamp' },
};

export async function listContactRows(conn: Conn, actor: Actor, query: ContactListQuery) {
  const { field, dir } = parseSort(query.sort);
  const sort = SORTS[field] ?? (SORTS.lastName as (typeof SORTS)[string]);
  const spec: SortSpec = { expr: sort.expr, idExpr: sql`c.id`, dir, kind: sort.kind };
  const after = keysetCondition(spec, query.cursor);
  let q = selectContacts(conn).select(sort.expr.as('sortKey'));
  if (query.q) {
    // a search picks the page's ids with a plan that suits the term (see searchPageIds), then loads them
    const conditions = contactConditions(actor, { ...query, q: undefined });
    if (after) conditions.push(after);
    const pattern = likePattern(query.q);
    const ids = await searchPageIds(conn, { table: 'contacts', alias: 'c', spec, conditions, pattern, limit: query.limit });
    if (ids.length === 0) return keysetPage([] as Array<ContactRow & { sortKey: unknown }>, query.limit, sortKeyValue);
    q = q.where('c.id', 'in', ids);
  } else {
    for (const condition of contactConditions(actor, query)) q = q.where(condition);
    if (after) q = q.where(after);
  }
  const rows: Array<ContactRow & { sortKey: unknown }> = await q
    .orderBy(keysetOrder(spec))
    .limit(query.limit + 1)
    .execute();
  return keysetPage(rows, query.limit, sortKeyValue);
}

export type ContactFilter = Omit<ContactListQuery, 'sort' | 'cursor' | 'limit'>;

/** The conditions of a filtered contact list; the access scope is always the first. */
function contactConditions(actor: Actor, query: ContactFilter): RawBuilder<boolean>[] {
  const conditions = [
    readScope(actor, 'contact', 'c.ownerId'),
    query.deleted ? sql<boolean>`c.deleted_at IS NOT NULL` : sql<boolean>`c.deleted_at IS NULL`,
  ];
  if (query.accountId) conditions.push(sql<boolean>`c.account_id = ${query.accountId}`);
  if (query.ownerId) conditions.push(sql<boolean>`c.owner_id = ${query.ownerId}`);
  if (query.q) conditions.push(sql<boolean>`c.search_text LIKE ${likePattern(query.q)}`);
  return conditions;
}

export async function countContactRows(conn: Conn, actor: Actor, query: ContactFilter): Promise<number> {
  let q = conn.selectFrom('contacts as c').select(sql<number>`count(*)`.as('n'));
  for (const condition of contactConditions(actor, query)) q = q.where(condition);
  return (await q.executeTakeFirstOrThrow()).n;
}
