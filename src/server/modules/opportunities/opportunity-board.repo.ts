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
  missing: string[] | null;
};

/**
 * Count, base-currency sum and probability-weighted sum per stage, over exactly the deals the actor may see
 * (the read scope is one of the conditions). Each deal is converted and weighted to the cent first, then summed.
 * The rate lookup runs once per distinct (currency, valuation day) — not once per deal — so a column of 20k
 * deals costs one pass over them plus a handful of index probes. (Same rule as amountBaseSql.)
 */
export async function boardTotals(
  conn: Conn,
  actor: Actor,
  pipelineId: string,
  filter: Partial<OpportunityFilter>,
  v: Valuation,
): Promise<StageTotals[]> {
  const where = sql.join([sql<boolean>`o.pipeline_id = ${pipelineId}`, ...opportunityConditions(actor, filter)], sql` AND `);
  const result = await sql<StageTotals>`
    WITH base AS (
      SELECT o.stage_id, o.currency, o.amount, coalesce(o.probability_override, s.probability) AS prob,
             CASE WHEN o.status = 'open' THEN ${v.asOf}::date ELSE (o.closed_at AT TIME ZONE 'UTC')::date END AS vday
      FROM opportunities o JOIN pipeline_stages s ON s.id = o.stage_id
      WHERE ${where}
    ), fx AS (
      SELECT d.currency, d.vday,
             (SELECT r.rate FROM exchange_rates r WHERE r.currency = d.currency AND r.date <= d.vday ORDER BY r.date DESC LIMIT 1) AS rate
      FROM (SELECT DISTINCT currency, vday FROM base WHERE currency <> ${v.base}) d
    ), conv AS (
      SELECT b.stage_id, b.currency, b.prob,
             CASE WHEN b.currency = ${v.base} THEN b.amount ELSE round(b.amount * fx.rate, 2) END AS ab
      FROM base b LEFT JOIN fx ON fx.currency = b.currency AND fx.vday = b.vday
    )
    SELECT stage_id, count(*) AS count, sum(ab) AS sum, sum(round(ab * prob / 100, 2)) AS weighted_sum,
           array_agg(DISTINCT currency) FILTER (WHERE ab IS NULL) AS missing
    FROM conv GROUP BY stage_id`.execute(conn);
  return result.rows;
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
