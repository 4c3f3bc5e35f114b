import { type Insertable, type RawBuilder, sql, type Updateable } from 'kysely';
import type { OpportunityListQuery } from '../../../domain/opportunities/opportunity.schema.js';
import type { Actor } from '../../access/actor.js';
import { readScope } from '../../access/policy.js';
import type { Conn } from '../../platform/db.js';
import type { OpportunitiesTable } from '../../platform/db-types.js';
import { keysetCondition, keysetOrder, keysetPage, parseSort, type SortSpec, sortKeyValue } from '../../platform/keyset.js';
import { likePattern } from '../../platform/search.js';
import { type StallContext, stalledReasonSql } from './stalled.repo.js';

/** How amounts become base-currency amounts in SQL: the base currency and the day open deals are valued at. */
export type Valuation = { base: string; asOf: string /** set: rows carry `stalledReason` */; stall?: StallContext };

/**
 * amount × the rate in force on the valuation day (open deals: `asOf`; closed deals: their close day), rounded
 * half up to the cent per deal. Null when no rate is known on or before that day. numeric throughout — exact.
 */
export function amountBaseSql(v: Valuation): RawBuilder<string | null> {
  return sql<string | null>`(CASE WHEN o.currency = ${v.base} THEN o.amount ELSE round(o.amount * (
    SELECT r.rate FROM exchange_rates r
    WHERE r.currency = o.currency
      AND r.date <= (CASE WHEN o.status = 'open' THEN ${v.asOf}::date ELSE (o.closed_at AT TIME ZONE 'UTC')::date END)
    ORDER BY r.date DESC LIMIT 1), 2) END)`;
}

export const probabilitySql = sql<number>`coalesce(o.probability_override, s.probability)`;

export function selectOpportunities(conn: Conn, v: Valuation) {
  return conn
    .selectFrom('opportunities as o')
    .innerJoin('pipelineStages as s', 's.id', 'o.stageId')
    .innerJoin('pipelines as p', 'p.id', 'o.pipelineId')
    .leftJoin('accounts as a', 'a.id', 'o.accountId')
    .leftJoin('contacts as c', 'c.id', 'o.primaryContactId')
    .leftJoin('users as u', 'u.id', 'o.ownerId')
    .selectAll('o')
    .select([
      'a.name as accountName',
      sql<string | null>`nullif(concat_ws(' ', c.first_name, c.last_name), '')`.as('primaryContactName'),
      'u.name as ownerName',
      'p.name as pipelineName',
      's.name as stageName',
      's.kind as stageKind',
      's.probability as stageProbability',
      probabilitySql.as('probability'),
      amountBaseSql(v).as('amountBase'),
      (v.stall ? stalledReasonSql(v.stall) : sql<string | null>`NULL::text`).as('stalledReason'),
    ]);
}

export type OpportunityRow = Awaited<ReturnType<ReturnType<typeof selectOpportunities>['executeTakeFirstOrThrow']>>;

export async function findOpportunity(conn: Conn, id: string, v: Valuation): Promise<OpportunityRow | undefined> {
  return selectOpportunities(conn, v).where('o.id', '=', id).executeTakeFirst();
}

/** The row locked for a change (concurrent stage moves of one deal queue up instead of interleaving). */
export async function lockOpportunity(conn: Conn, id: string) {
  return conn.selectFrom('opportunities').select(['id', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertOpportunity(conn: Conn, values: Insertable<OpportunitiesTable>) {
  await conn.insertInto('opportunities').values(values).execute();
}

export async function updateOpportunityRow(
  conn: Conn,
  id: string,
  expectedVersion: number,
  patch: Updateable<OpportunitiesTable>,
): Promise<boolean> {
  const result = await conn
    .updateTable('opportunities')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type OpportunityContactRow = { opportunityId: string; contactId: string; role: string; name: string };

export async function contactsOf(conn: Conn, opportunityIds: string[]): Promise<OpportunityContactRow[]> {
  if (opportunityIds.length === 0) return [];
  return conn
    .selectFrom('opportunityContacts as oc')
    .innerJoin('contacts as c', 'c.id', 'oc.contactId')
    .select(['oc.opportunityId', 'oc.contactId', 'oc.role', sql<string>`concat_ws(' ', c.first_name, c.last_name)`.as('name')])
    .where('oc.opportunityId', 'in', opportunityIds)
    .orderBy('oc.opportunityId')
    .orderBy('c.lastName')
    .execute();
}

export async function replaceContacts(conn: Conn, opportunityId: string, links: Array<{ contactId: string; role: string }>) {
  await conn.deleteFrom('opportunityContacts').where('opportunityId', '=', opportunityId).execute();
  if (links.length)
    await conn
      .insertInto('opportunityContacts')
      .values(links.map((l) => ({ opportunityId, ...l })))
      .execute();
}

export async function openStageStay(
  conn: Conn,
  h: { id: string; opportunityId: string; stageId: string; enteredAt: Date; enteredBy: string | null },
) {
  await conn
    .insertInto('opportunityStageHistory')
    .values({ ...h, leftAt: null })
    .execute();
}

export async function closeStageStay(conn: Conn, opportunityId: string, at: Date) {
  await conn
    .updateTable('opportunityStageHistory')
    .set({ leftAt: at })
    .where('opportunityId', '=', opportunityId)
    .where('leftAt', 'is', null)
    .execute();
}

export async function stageHistory(conn: Conn, opportunityId: string) {
  return conn
    .selectFrom('opportunityStageHistory as h')
    .innerJoin('pipelineStages as s', 's.id', 'h.stageId')
    .leftJoin('users as u', 'u.id', 'h.enteredBy')
    .select([
      'h.enteredAt',
      'h.leftAt',
      'h.enteredBy',
      'u.name as enteredByName',
      's.id as stageId',
      's.name',
      's.kind',
      's.probability',
      's.retiredAt',
    ])
    .where('h.opportunityId', '=', opportunityId)
    .orderBy('h.enteredAt')
    .orderBy('h.id')
    .execute();
}

/** The last open stage a deal was in (where a reopened deal goes back to). */
export async function lastOpenStage(conn: Conn, opportunityId: string) {
  return conn
    .selectFrom('opportunityStageHistory as h')
    .innerJoin('pipelineStages as s', 's.id', 'h.stageId')
    .select(['s.id', 's.retiredAt'])
    .where('h.opportunityId', '=', opportunityId)
    .where('s.kind', '=', 'open')
    .orderBy('h.enteredAt', 'desc')
    .orderBy('h.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export type OpportunityFilter = Omit<OpportunityListQuery, 'sort' | 'cursor' | 'limit'>;

/**
 * The conditions of every opportunity list, count, board column and board total; the access scope is always
 * the first, so a deal the actor may not open never shows up or counts anywhere.
 */
export function opportunityConditions(
  actor: Actor,
  /** `stall`: the rules the `stalled` filter is measured against (the board hands them over with its filter) */
  f: Partial<OpportunityFilter> & { closedSince?: string; stall?: StallContext },
  stall: StallContext | undefined = f.stall,
): RawBuilder<boolean>[] {
  const conditions = [
    readScope(actor, 'opportunity', 'o.ownerId'),
    f.deleted ? sql<boolean>`o.deleted_at IS NOT NULL` : sql<boolean>`o.deleted_at IS NULL`,
  ];
  if (f.pipelineId) conditions.push(sql<boolean>`o.pipeline_id = ${f.pipelineId}`);
  if (f.stageId) conditions.push(sql<boolean>`o.stage_id = ${f.stageId}`);
  if (f.status) conditions.push(sql<boolean>`o.status = ${f.status}`);
  if (f.accountId) conditions.push(sql<boolean>`o.account_id = ${f.accountId}`);
  if (f.ownerId) conditions.push(sql<boolean>`o.owner_id = ${f.ownerId}`);
  if (f.teamId) {
    conditions.push(
      sql<boolean>`o.owner_id IN (SELECT tm.user_id FROM team_members tm WHERE tm.team_id = ${f.teamId} UNION SELECT t.lead_id FROM teams t WHERE t.id = ${f.teamId} AND t.lead_id IS NOT NULL)`,
    );
  }
  if (f.closeFrom) conditions.push(sql<boolean>`o.expected_close_date >= ${f.closeFrom}::date`);
  if (f.closeTo) conditions.push(sql<boolean>`o.expected_close_date <= ${f.closeTo}::date`);
  if (f.forecastCategory) conditions.push(sql<boolean>`o.forecast_category = ${f.forecastCategory}`);
  // the board's won/lost columns: recent closes only (open deals are unaffected). Each arm repeats the partial
  // indexes' predicates (migration 0015) so PostgreSQL can BitmapOr them instead of reading the closed history.
  if (f.closedSince)
    conditions.push(
      sql<boolean>`((o.status = 'open' AND o.deleted_at IS NULL) OR (o.status <> 'open' AND o.deleted_at IS NULL AND o.closed_at >= ${f.closedSince}::date))`,
    );
  if (f.stalled && stall) {
    const reason = stalledReasonSql(stall);
    conditions.push(f.stalled === 'true' ? sql<boolean>`${reason} IS NOT NULL` : sql<boolean>`${reason} IS NULL`);
  }
  if (f.q) {
    const pattern = likePattern(f.q);
    // matching accounts are found once (trigram index) and hashed, not probed per deal
    conditions.push(
      sql<boolean>`(o.search_text LIKE ${pattern} OR o.account_id IN (SELECT sa.id FROM accounts sa WHERE sa.search_text LIKE ${pattern}))`,
    );
  }
  return conditions;
}

const SORTS: Record<string, Pick<SortSpec, 'expr' | 'kind'>> = {
  name: { expr: sql`lower(o.name)`, kind: 'text' },
  createdAt: { expr: sql`o.created_at`, kind: 'timestamp' },
  updatedAt: { expr: sql`o.updated_at`, kind: 'timestamp' },
};

export async function listOpportunityRows(conn: Conn, actor: Actor, query: OpportunityListQuery, v: Valuation) {
  const { field, dir } = parseSort(query.sort);
  const sort = SORTS[field] ?? (SORTS.updatedAt as (typeof SORTS)[string]);
  const spec: SortSpec = { expr: sort.expr, idExpr: sql`o.id`, dir, kind: sort.kind };
  let q = selectOpportunities(conn, v).select(sort.expr.as('sortKey'));
  for (const condition of opportunityConditions(actor, query, v.stall)) q = q.where(condition);
  const after = keysetCondition(spec, query.cursor);
  if (after) q = q.where(after);
  const rows = (await q
    .orderBy(keysetOrder(spec))
    .limit(query.limit + 1)
    .execute()) as Array<OpportunityRow & { sortKey: unknown }>;
  return keysetPage(rows, query.limit, sortKeyValue);
}

export async function countOpportunityRows(
  conn: Conn,
  actor: Actor,
  f: OpportunityFilter,
  stall?: StallContext,
): Promise<number> {
  let q = conn.selectFrom('opportunities as o').select(sql<number>`count(*)`.as('n'));
  for (const condition of opportunityConditions(actor, f, stall)) q = q.where(condition);
  return (await q.executeTakeFirstOrThrow()).n;
}
