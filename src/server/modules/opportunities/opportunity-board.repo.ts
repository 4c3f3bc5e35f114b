import { sql } from 'kysely';
import type { Actor } from '../../access/actor.js';
import type { Conn } from '../../platform/db.js';
import { keysetCondition, keysetOrder, keysetPage, type SortSpec, sortKeyValue } from '../../platform/keyset.js';
import {
  type OpportunityFilter,
  type OpportunityRow,
  opportunityConditions,
  selectOpportunities,
  type Valuation,
} from './opportunities.repo.js';

/** Cards in a column: the latest arrivals in the stage first. */
const CARD_ORDER: SortSpec = { expr: sql`o.stage_entered_at`, idExpr: sql`o.id`, dir: 'desc', kind: 'timestamp' };

export type StageTotals = {
  stageId: string;
  count: number;
  sum: string | null;
  weightedSum: string | null;
  /** deals of a foreign currency without a rate on or before their valuation day (left out of the sums) */
  unvalued: number;
};

/** A deal's valuation day: open deals are valued at `asOf`, closed ones on the day they closed. */
const valuationDay = (v: Valuation) =>
  sql`(CASE WHEN o.status = 'open' THEN ${v.asOf}::date ELSE (o.closed_at AT TIME ZONE 'UTC')::date END)`;

function boardWhere(actor: Actor, pipelineId: string, filter: Partial<OpportunityFilter> & { closedSince?: string }) {
  return sql.join([sql<boolean>`o.pipeline_id = ${pipelineId}`, ...opportunityConditions(actor, filter)], sql` AND `);
}

/**
 * Count, base-currency sum and probability-weighted sum per stage, over exactly the deals the actor may see
 * (the read scope is one of the conditions). Each deal is converted and weighted to the cent first, then summed
 * (the column's sum is the sum of its cards). One pass over the deals with a hash aggregate; the rate lookup is a
 * lateral index probe that PostgreSQL memoizes per (currency, valuation day), so 20k deals cost a few hundred
 * probes, not 20k. (Same rule as amountBaseSql; decision 016.)
 */
export async function boardTotals(
  conn: Conn,
  actor: Actor,
  pipelineId: string,
  filter: Partial<OpportunityFilter> & { closedSince?: string },
  v: Valuation,
): Promise<StageTotals[]> {
  const amountBase = sql`(CASE WHEN o.currency = ${v.base} THEN o.amount ELSE round(o.amount * fx.rate, 2) END)`;
  const result = await sql<StageTotals>`
    SELECT o.stage_id, count(*)::int AS count, sum(${amountBase}) AS sum,
           sum(round(${amountBase} * coalesce(o.probability_override, s.probability) / 100, 2)) AS weighted_sum,
           count(*) FILTER (WHERE o.currency <> ${v.base} AND fx.rate IS NULL)::int AS unvalued
    FROM opportunities o
    JOIN pipeline_stages s ON s.id = o.stage_id
    LEFT JOIN LATERAL (
      SELECT r.rate FROM exchange_rates r
      WHERE o.currency <> ${v.base} AND r.currency = o.currency AND r.date <= ${valuationDay(v)}
      ORDER BY r.date DESC LIMIT 1) fx ON true
    WHERE ${boardWhere(actor, pipelineId, filter)}
    GROUP BY o.stage_id`.execute(conn);
  return result.rows;
}

/** The currencies of the board's deals that have no rate on or before their valuation day (asked only when some do). */
export async function currenciesWithoutRate(
  conn: Conn,
  actor: Actor,
  pipelineId: string,
  filter: Partial<OpportunityFilter> & { closedSince?: string },
  v: Valuation,
): Promise<string[]> {
  const result = await sql<{ currency: string }>`
    SELECT DISTINCT o.currency FROM opportunities o
    WHERE ${boardWhere(actor, pipelineId, filter)} AND o.currency <> ${v.base}
      AND NOT EXISTS (SELECT 1 FROM exchange_rates r WHERE r.currency = o.currency AND r.date <= ${valuationDay(v)})
    ORDER BY o.currency`.execute(conn);
  return result.rows.map((r) => r.currency);
}

type CardPage = { rows: OpportunityRow[]; nextCursor: string | null };

/**
 * The first page of cards of every active stage in one round trip: a lateral top-N per stage straight off the
 * (stage_id, stage_entered_at, id) index, then the joins for those rows only.
 */
export async function firstCardsPerStage(
  conn: Conn,
  actor: Actor,
  pipelineId: string,
  filter: Partial<OpportunityFilter> & { closedSince?: string },
  limit: number,
  v: Valuation,
): Promise<Map<string, CardPage>> {
  const conditions = opportunityConditions(actor, filter);
  const pageIds = conn
    .selectFrom('pipelineStages as st')
    .innerJoinLateral(
      (eb) => {
        let q = eb.selectFrom('opportunities as o').select('o.id').whereRef('o.stageId', '=', 'st.id');
        q = q.where('o.pipelineId', '=', pipelineId);
        for (const condition of conditions) q = q.where(condition);
        return q
          .orderBy(keysetOrder(CARD_ORDER))
          .limit(limit + 1)
          .as('p');
      },
      (join) => join.onTrue(),
    )
    .select('p.id')
    .where('st.pipelineId', '=', pipelineId)
    .where('st.retiredAt', 'is', null);
  const rows = (await selectOpportunities(conn, v)
    .select(CARD_ORDER.expr.as('sortKey'))
    .where('o.id', 'in', pageIds)
    .orderBy('o.stageId')
    .orderBy(keysetOrder(CARD_ORDER))
    .execute()) as Array<OpportunityRow & { sortKey: unknown }>;
  const byStage = new Map<string, Array<OpportunityRow & { sortKey: unknown }>>();
  for (const row of rows) {
    const stageRows = byStage.get(row.stageId);
    if (stageRows) stageRows.push(row);
    else byStage.set(row.stageId, [row]);
  }
  return new Map([...byStage].map(([stageId, stageRows]) => [stageId, keysetPage(stageRows, limit, sortKeyValue)]));
}

export async function columnCards(
  conn: Conn,
  actor: Actor,
  pipelineId: string,
  stageId: string,
  filter: Partial<OpportunityFilter>,
  page: { limit: number; cursor?: string },
  v: Valuation,
): Promise<{ rows: OpportunityRow[]; nextCursor: string | null }> {
  // The page of ids first, straight off the (stage_id, stage_entered_at, id) index; the joins run for those rows only.
  let ids = conn
    .selectFrom('opportunities as o')
    .select('o.id')
    .where('o.pipelineId', '=', pipelineId)
    .where('o.stageId', '=', stageId);
  for (const condition of opportunityConditions(actor, filter)) ids = ids.where(condition);
  const after = keysetCondition(CARD_ORDER, page.cursor);
  if (after) ids = ids.where(after);
  const pageIds = ids.orderBy(keysetOrder(CARD_ORDER)).limit(page.limit + 1);
  const q = selectOpportunities(conn, v).select(CARD_ORDER.expr.as('sortKey')).where('o.id', 'in', pageIds);
  const rows = (await q.orderBy(keysetOrder(CARD_ORDER)).execute()) as Array<OpportunityRow & { sortKey: unknown }>;
  return keysetPage(rows, page.limit, sortKeyValue);
}
