import { type Insertable, type RawBuilder, type Selectable, sql, type Updateable } from 'kysely';
import type { ActivityListQuery } from '../../../domain/activities/activity.schema.js';
import { foldText } from '../../../domain/common/text.js';
import type { Actor } from '../../access/actor.js';
import { readScope } from '../../access/policy.js';
import type { Conn } from '../../platform/db.js';
import type { ActivitiesTable } from '../../platform/db-types.js';
import { countWhere, keysetListPage, type SortChoice, sortSpecOf } from '../../platform/keyset.js';
import { likePattern } from '../../platform/search.js';
import { updateIfVersion } from '../../platform/versioned.js';

export type ActivityRow = Selectable<ActivitiesTable> & { ownerName: string | null };

export const activitySearchText = (a: { subject: string; description: string | null; location: string | null }) =>
  foldText([a.subject, a.description, a.location].filter(Boolean).join(' '));

function selectActivities(conn: Conn) {
  return conn
    .selectFrom('activities as x')
    .leftJoin('users as o', 'o.id', 'x.ownerId')
    .selectAll('x')
    .select('o.name as ownerName');
}

export async function findActivity(conn: Conn, id: string): Promise<ActivityRow | undefined> {
  return selectActivities(conn).where('x.id', '=', id).executeTakeFirst();
}

export async function insertActivity(conn: Conn, values: Insertable<ActivitiesTable>): Promise<void> {
  await conn.insertInto('activities').values(values).execute();
}

export function updateActivityRow(
  conn: Conn,
  id: string,
  expectedVersion: number,
  patch: Updateable<ActivitiesTable>,
): Promise<boolean> {
  return updateIfVersion(conn, 'activities', id, expectedVersion, patch);
}

export async function setParticipants(conn: Conn, activityId: string, participants: Array<{ type: string; id: string }>) {
  await conn.deleteFrom('activityParticipants').where('activityId', '=', activityId).execute();
  const unique = [...new Map(participants.map((p) => [`${p.type}:${p.id}`, p])).values()];
  if (unique.length) {
    await conn
      .insertInto('activityParticipants')
      .values(unique.map((p) => ({ activityId, participantType: p.type, participantId: p.id })))
      .execute();
  }
}

/** Participants of the given activities with display names (users, contacts, leads). */
export async function participantsOf(conn: Conn, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  // CamelCasePlugin maps result columns to camelCase, so activity_id arrives as activityId.
  const result = await sql<{ activityId: string; type: string; id: string; name: string | null }>`
    SELECT p.activity_id, p.participant_type AS type, p.participant_id AS id,
      coalesce(u.name, nullif(btrim(concat_ws(' ', c.first_name, c.last_name)), ''), nullif(btrim(concat_ws(' ', l.first_name, l.last_name)), ''), l.company, l.email) AS name
    FROM activity_participants p
    LEFT JOIN users u ON p.participant_type = 'user' AND u.id = p.participant_id
    LEFT JOIN contacts c ON p.participant_type = 'contact' AND c.id = p.participant_id
    LEFT JOIN leads l ON p.participant_type = 'lead' AND l.id = p.participant_id
    WHERE p.activity_id = ANY(${activityIds}::uuid[])`.execute(conn);
  return result.rows;
}

const SORTS = {
  // activities without a date sort last (far future)
  at: { expr: sql`coalesce(x.at, 'infinity'::timestamptz)`, kind: 'timestamp' },
  createdAt: { expr: sql`x.created_at`, kind: 'timestamp' },
  updatedAt: { expr: sql`x.updated_at`, kind: 'timestamp' },
} satisfies Record<string, SortChoice>;

export type ActivityFilter = Omit<ActivityListQuery, 'sort' | 'cursor' | 'limit'>;

function activityConditions(actor: Actor, query: ActivityFilter): RawBuilder<boolean>[] {
  const conditions = [
    readScope(actor, 'activity', 'x.ownerId'),
    query.deleted ? sql<boolean>`x.deleted_at IS NOT NULL` : sql<boolean>`x.deleted_at IS NULL`,
  ];
  if (query.type) conditions.push(sql<boolean>`x.type = ${query.type}`);
  if (query.status) conditions.push(sql<boolean>`x.status = ${query.status}`);
  if (query.ownerId) conditions.push(sql<boolean>`x.owner_id = ${query.ownerId}`);
  if (query.relatedType) conditions.push(sql<boolean>`x.related_type = ${query.relatedType}`);
  if (query.relatedId) conditions.push(sql<boolean>`x.related_id = ${query.relatedId}`);
  if (query.from) conditions.push(sql<boolean>`x.at >= ${query.from}::timestamptz`);
  if (query.to) conditions.push(sql<boolean>`x.at < ${query.to}::timestamptz`);
  if (query.q) conditions.push(sql<boolean>`x.search_text LIKE ${likePattern(query.q)}`);
  return conditions;
}

export async function listActivityRows(conn: Conn, actor: Actor, query: ActivityListQuery) {
  const spec = sortSpecOf(SORTS, query.sort, 'at', sql`x.id`);
  const select = selectActivities(conn).select(spec.expr.as('sortKey'));
  return keysetListPage(select, spec, activityConditions(actor, query), query);
}

export async function countActivityRows(conn: Conn, actor: Actor, query: ActivityFilter): Promise<number> {
  return countWhere(conn.selectFrom('activities as x'), activityConditions(actor, query));
}
