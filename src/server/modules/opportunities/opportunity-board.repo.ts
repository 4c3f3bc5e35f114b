import { sql } from 'kysely';
import type { Actor } from '../../access/actor.js';
import type { Conn } from '../../platform/db.js';
import { keysetCondition, keysetOrder, keysetPage, type SortSpec, sortKeyValue } from '../../platform/keyset.js';
import {
  amountBaseSql,
  type OpportunityFilter,
  type OpportunityRow,
  opportunityConditions,
  probabilitySql,
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
 */
export async function boardTotals(
  conn: Conn,
  actor: Actor,
  pipelineId: string,
  filter: Partial<OpportunityFilter>,
  v: Valuation,
): Promise<StageTotals[]> {
  let inner = conn
    .selectFrom('opportunities as o')
    .innerJoin('pipelineStages as s', 's.id', 'o.stageId')
    .select(['o.stageId', 'o.currency', amountBaseSql(v).as('ab'), probabilitySql.as('prob')])
    .where('o.pipelineId', '=', pipelineId);
  for (const condition of opportunityConditions(actor, filter)) inner = inner.where(condition);
  const rows = await conn
    .selectFrom(inner.as('x'))
    .select([
      'x.stageId',
      sql<number>`count(*)`.as('count'),
      sql<string | null>`sum(x.ab)`.as('sum'),
      sql<string | null>`sum(round(x.ab * x.prob / 100, 2))`.as('weightedSum'),
      sql<string[] | null>`array_agg(DISTINCT x.currency) FILTER (WHERE x.ab IS NULL)`.as('missing'),
    ])
    .groupBy('x.stageId')
    .execute();
  return rows as StageTotals[];
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
  let q = selectOpportunities(conn, v)
    .select(CARD_ORDER.expr.as('sortKey'))
    .where('o.pipelineId', '=', pipelineId)
    .where('o.stageId', '=', stageId);
  for (const condition of opportunityConditions(actor, filter)) q = q.where(condition);
  const after = keysetCondition(CARD_ORDER, page.cursor);
  if (after) q = q.where(after);
  const rows = (await q
    .orderBy(keysetOrder(CARD_ORDER))
    .limit(page.limit + 1)
    .execute()) as Array<OpportunityRow & { sortKey: unknown }>;
  return keysetPage(rows, page.limit, sortKeyValue);
}
