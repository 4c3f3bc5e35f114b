import { type Insertable, type RawBuilder, sql, type Updateable } from 'kysely';
import { foldText } from '../../../domain/common/text.js';
import type { ContactListQuery } from '../../../domain/contacts/contact.schema.js';
import type { Actor } from '../../access/actor.js';
import { readScope } from '../../access/policy.js';
import type { Conn } from '../../platform/db.js';
import type { ContactsTable } from '../../platform/db-types.js';
import { countWhere, type SortChoice, sortSpecOf } from '../../platform/keyset.js';
import { likePattern } from '../../platform/search.js';
import { searchableListPage } from '../../platform/search-page.js';
import { updateIfVersion } from '../../platform/versioned.js';

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

/** A contact as selectContacts loads it, with the owner's and the account's names. */
export type ContactRow = Awaited<ReturnType<ReturnType<typeof selectContacts>['executeTakeFirstOrThrow']>>;

export async function findContact(conn: Conn, id: string): Promise<ContactRow | undefined> {
  return selectContacts(conn).where('c.id', '=', id).executeTakeFirst();
}

export async function insertContact(conn: Conn, values: ContactValues): Promise<void> {
  await conn.insertInto('contacts').values(values).execute();
}

export function updateContactRow(
  conn: Conn,
  id: string,
  expectedVersion: number,
  patch: Updateable<ContactsTable>,
): Promise<boolean> {
  return updateIfVersion(conn, 'contacts', id, expectedVersion, patch);
}

const SORTS = {
  lastName: { expr: sql`lower(c.last_name)`, kind: 'text' },
  createdAt: { expr: sql`c.created_at`, kind: 'timestamp' },
  updatedAt: { expr: sql`c.updated_at`, kind: 'timestamp' },
} satisfies Record<string, SortChoice>;

export async function listContactRows(conn: Conn, actor: Actor, query: ContactListQuery) {
  const spec = sortSpecOf(SORTS, query.sort, 'lastName', sql`c.id`);
  const select = selectContacts(conn).select(spec.expr.as('sortKey'));
  const conditions = contactConditions(actor, { ...query, q: undefined });
  return searchableListPage(conn, select, { table: 'contacts', alias: 'c', spec, conditions }, query);
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
  return countWhere(conn.selectFrom('contacts as c'), contactConditions(actor, query));
}
