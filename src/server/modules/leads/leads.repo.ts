import { type Insertable, type RawBuilder, type Selectable, sql, type Updateable } from 'kysely';
import { foldText } from '../../../domain/common/text.js';
import type { LeadListQuery } from '../../../domain/leads/lead.schema.js';
import type { Actor } from '../../access/actor.js';
import { readScope } from '../../access/policy.js';
import type { Conn } from '../../platform/db.js';
import type { LeadsTable } from '../../platform/db-types.js';
import { countWhere, keysetListPage, type SortChoice, sortSpecOf } from '../../platform/keyset.js';
import { likePattern } from '../../platform/search.js';
import { updateIfVersion } from '../../platform/versioned.js';

export type LeadRow = Selectable<LeadsTable> & { ownerName: string | null };
export type LeadValues = Insertable<LeadsTable>;

export function leadSearchText(l: {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  email: string | null;
  phone: string | null;
  registrationNumber: string | null;
  city: string | null;
  campaign: string | null;
}): string {
  return foldText(
    [l.firstName, l.lastName, l.company, l.email, l.phone, l.registrationNumber, l.city, l.campaign].filter(Boolean).join(' '),
  );
}

function selectLeads(conn: Conn) {
  return conn.selectFrom('leads as l').leftJoin('users as o', 'o.id', 'l.ownerId').selectAll('l').select('o.name as ownerName');
}

export async function findLead(conn: Conn, id: string): Promise<LeadRow | undefined> {
  return selectLeads(conn).where('l.id', '=', id).executeTakeFirst();
}

export async function insertLead(conn: Conn, values: LeadValues): Promise<void> {
  await conn.insertInto('leads').values(values).execute();
}

export function updateLeadRow(conn: Conn, id: string, expectedVersion: number, patch: Updateable<LeadsTable>): Promise<boolean> {
  return updateIfVersion(conn, 'leads', id, expectedVersion, patch);
}

const SORTS = {
  createdAt: { expr: sql`l.created_at`, kind: 'timestamp' },
  updatedAt: { expr: sql`l.updated_at`, kind: 'timestamp' },
  score: { expr: sql`coalesce(l.score, -1)`, kind: 'number' },
  firstContactDueAt: { expr: sql`l.first_contact_due_at`, kind: 'timestamp' },
} satisfies Record<string, SortChoice>;

export type LeadFilter = Omit<LeadListQuery, 'sort' | 'cursor' | 'limit'>;

/** Conditions of a lead list; the access scope (owner or receiving team) always comes first. */
function leadConditions(actor: Actor, query: LeadFilter, at: Date): RawBuilder<boolean>[] {
  const conditions = [
    readScope(actor, 'lead', 'l.ownerId', 'l.teamId'),
    query.deleted ? sql<boolean>`l.deleted_at IS NOT NULL` : sql<boolean>`l.deleted_at IS NULL`,
  ];
  if (query.status) conditions.push(sql<boolean>`l.status = ${query.status}`);
  if (query.source) conditions.push(sql<boolean>`l.source = ${query.source}`);
  if (query.ownerId) conditions.push(sql<boolean>`l.owner_id = ${query.ownerId}`);
  if (query.teamId) conditions.push(sql<boolean>`l.team_id = ${query.teamId}`);
  if (query.minScore !== undefined) conditions.push(sql<boolean>`l.score >= ${query.minScore}`);
  if (query.q) conditions.push(sql<boolean>`l.search_text LIKE ${likePattern(query.q)}`);
  switch (query.view) {
    case 'mine':
      conditions.push(sql<boolean>`l.owner_id = ${actor.id}`);
      break;
    case 'unassigned':
      conditions.push(sql<boolean>`l.owner_id IS NULL AND l.status NOT IN ('converted', 'dead')`);
      break;
    case 'new_today':
      conditions.push(sql<boolean>`l.created_at >= date_trunc('day', ${at}::timestamptz)`);
      break;
    case 'sla_breached':
      conditions.push(
        sql<boolean>`l.first_contacted_at IS NULL AND l.first_contact_due_at < ${at} AND l.status IN ('new', 'assigned', 'in_process')`,
      );
      break;
    case 'recycled_due':
      conditions.push(sql<boolean>`l.status = 'recycled' AND l.recontact_on <= ${at}::date`);
      break;
  }
  return conditions;
}

export async function listLeadRows(conn: Conn, actor: Actor, query: LeadListQuery, at: Date) {
  const spec = sortSpecOf(SORTS, query.sort, 'createdAt', sql`l.id`);
  const select = selectLeads(conn).select(spec.expr.as('sortKey'));
  return keysetListPage(select, spec, leadConditions(actor, query, at), query);
}

export async function countLeadRows(conn: Conn, actor: Actor, query: LeadFilter, at: Date): Promise<number> {
  return countWhere(conn.selectFrom('leads as l'), leadConditions(actor, query, at));
}
