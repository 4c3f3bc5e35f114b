import { Decimal } from 'decimal.js';
import type { BoardCard, BoardColumnQuery, BoardQuery } from '../../../domain/opportunities/opportunity.schema.js';
import type { Stage } from '../../../domain/pipelines/pipeline.schema.js';
import type { Actor } from '../../access/actor.js';
import type { Db } from '../../platform/db.js';
import { invalidField } from '../../platform/errors.js';
import { today } from '../exchange-rates/exchange-rates.service.js';
import { getPipeline } from '../pipelines/pipelines.service.js';
import { daysSince } from './opportunities.mapper.js';
import type { OpportunityRow, Valuation } from './opportunities.repo.js';
import { valuation } from './opportunities.service.js';

function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

import {
  boardTotals,
  columnCards,
  currenciesWithoutRate,
  firstCardsPerStage,
  type StageTotals,
} from './opportunity-board.repo.js';

const money = (v: string | null | undefined) => new Decimal(v ?? 0).toFixed(2);

function toCard(r: OpportunityRow): BoardCard {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    account: r.accountName ? { id: r.accountId, name: r.accountName } : null,
    amount: r.amount,
    currency: r.currency,
    amountBase: r.amountBase,
    expectedCloseDate: r.expectedCloseDate,
    owner: r.ownerName ? { id: r.ownerId, name: r.ownerName } : null,
    daysInStage: daysSince(r.stageEnteredAt),
    probability: r.probability,
    status: r.status as BoardCard['status'],
    forecastCategory: r.forecastCategory as BoardCard['forecastCategory'],
    stalled: r.stalledReason !== null,
    stalledReason: r.stalledReason as BoardCard['stalledReason'],
    approvalStatus: r.approvalStatus as BoardCard['approvalStatus'],
  };
}

/** How far back the won/lost columns reach when the request does not say (closedSince). */
export const CLOSED_COLUMN_DAYS = 90;

/** The board's filters; `stalled` is measured against the valuation's stall rules and clock (same as the list). */
function filterOf(q: BoardQuery, v: Valuation) {
  if (q.closeFrom && q.closeTo && q.closeFrom > q.closeTo) throw invalidField('closeTo', 'is before closeFrom');
  return {
    closedSince: q.closedSince ?? addDays(today(), -CLOSED_COLUMN_DAYS),
    ownerId: q.ownerId,
    teamId: q.teamId,
    closeFrom: q.closeFrom,
    closeTo: q.closeTo,
    forecastCategory: q.forecastCategory,
    q: q.q,
    stalled: q.stalled,
    stall: v.stall,
  };
}

function column(stage: Stage, totals: StageTotals | undefined, cards: { rows: OpportunityRow[]; nextCursor: string | null }) {
  return {
    stage: {
      id: stage.id,
      name: stage.name,
      kind: stage.kind,
      probability: stage.probability,
      requiresApproval: stage.requiresApproval,
      position: stage.position,
    },
    count: totals?.count ?? 0,
    sum: money(totals?.sum),
    weightedSum: money(totals?.weightedSum),
    cards: cards.rows.map(toCard),
    nextCursor: cards.nextCursor,
  };
}

/**
 * The kanban of one pipeline: per active stage the count, base-currency sum and weighted sum of the deals the
 * actor may see (same filters), and the first page of cards; further cards load per column.
 */
export async function getBoard(db: Db, actor: Actor, pipelineId: string, query: BoardQuery) {
  const pipeline = await getPipeline(db, actor, pipelineId);
  const v: Valuation = await valuation(db, query.asOf);
  const filter = filterOf(query, v);
  // Two independent reads: on PostgreSQL they run side by side on two pooled connections.
  const [totalRows, cards] = await Promise.all([
    boardTotals(db, actor, pipeline.id, filter, v),
    firstCardsPerStage(db, actor, pipeline.id, filter, query.limit, v),
  ]);
  const totals = new Map(totalRows.map((t) => [t.stageId, t]));
  const noCards = { rows: [], nextCursor: null };
  const unvalued = totalRows.some((t) => t.unvalued > 0);
  return {
    pipeline: { id: pipeline.id, name: pipeline.name },
    baseCurrency: v.base,
    asOf: v.asOf,
    columns: pipeline.stages.map((stage) => column(stage, totals.get(stage.id), cards.get(stage.id) ?? noCards)),
    missingRates: unvalued ? await currenciesWithoutRate(db, actor, pipeline.id, filter, v) : [],
  };
}

/** One column of the board, for lazy loading (`cursor` from the previous page of that column). */
export async function getBoardColumn(db: Db, actor: Actor, pipelineId: string, stageId: string, query: BoardColumnQuery) {
  const pipeline = await getPipeline(db, actor, pipelineId);
  const stage = pipeline.stages.find((s) => s.id === stageId);
  if (!stage) throw invalidField('stageId', 'is not an active stage of this pipeline');
  const v = await valuation(db, query.asOf);
  const filter = filterOf(query, v);
  const totals = (await boardTotals(db, actor, pipeline.id, { ...filter, stageId }, v))[0];
  const cards = await columnCards(db, actor, pipeline.id, stage.id, filter, { limit: query.limit, cursor: query.cursor }, v);
  return column(stage, totals, cards);
}
