import type { CloseInput, Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import { type Db, inTransaction, type Tx } from '../../platform/db.js';
import { AppError, stale } from '../../platform/errors.js';
import { appendStream } from '../stream/stream.repo.js';
import { daysSince } from './opportunities.mapper.js';
import { lastOpenStage, stageHistory, updateOpportunityRow } from './opportunities.repo.js';
import { getVisibleOpportunity, opportunityForChange } from './opportunities.service.js';
import { assertMayEnter, assertMayLeave, enterStage, resolvePipeline, resolveStage, stageOfKind } from './opportunity-stages.js';

/**
 * Closes an open deal as won or lost: it moves to its pipeline's won/lost stage, the reason (required for lost)
 * and note are kept for the win/loss view, and the Stream records the move with the outcome.
 */
export async function closeOpportunity(
  db: Db,
  actor: Actor,
  id: string,
  input: CloseInput,
  ifMatch: number | undefined,
): Promise<Opportunity> {
  return inTransaction(db, (tx) => closeOpportunityInTx(tx, actor, id, input, ifMatch));
}

/** The close inside the caller's transaction (a stalled deal closed as lost records its decision with it). */
export async function closeOpportunityInTx(
  tx: Tx,
  actor: Actor,
  id: string,
  input: CloseInput,
  ifMatch: number | undefined,
): Promise<Opportunity> {
  {
    const current = await opportunityForChange(tx, actor, id, ifMatch);
    if (current.status !== 'open') {
      throw new AppError('invalid_transition', `The opportunity is already ${current.status}`, [
        { field: 'outcome', message: `not allowed while ${current.status}`, from: current.status, to: input.outcome },
      ]);
    }
    const pipeline = await resolvePipeline(tx, actor, current.pipelineId);
    const stage = stageOfKind(pipeline, input.outcome);
    assertMayEnter(stage, 'close', current.approvalStatus);
    await assertMayLeave(tx, pipeline, current.stageId, id, stage);
    const at = now();
    const reason = input.reason ?? null;
    const entry = await enterStage(tx, actor, id, current.stage, stage, at, {
      outcome: input.outcome,
      reason,
      note: input.note ?? null,
      amount: current.amount,
      currency: current.currency,
    });
    const ok = await updateOpportunityRow(tx, id, current.version, {
      stageId: stage.id,
      stageEnteredAt: at,
      status: input.outcome,
      lostReason: input.outcome === 'lost' ? reason : null,
      closeNote: input.note ?? null,
      closedAt: at,
      forecastCategory: input.outcome === 'won' ? 'closed' : 'omitted',
      probabilityOverride: null,
      updatedAt: at,
    });
    if (!ok) throw stale();
    await appendStream(tx, entry);
    return getVisibleOpportunity(tx, actor, id);
  }
}

/** A lost deal goes back to the last open stage it was in (the first open stage if that one was retired). */
export async function reopenOpportunity(db: Db, actor: Actor, id: string, ifMatch: number | undefined): Promise<Opportunity> {
  return inTransaction(db, async (tx) => {
    const current = await opportunityForChange(tx, actor, id, ifMatch);
    if (current.status !== 'lost') {
      throw new AppError(
        'invalid_transition',
        current.status === 'won' ? 'A won opportunity cannot be reopened' : 'The opportunity is open already',
        [{ field: 'status', message: `not allowed from ${current.status}`, from: current.status, to: 'open' }],
      );
    }
    const pipeline = await resolvePipeline(tx, actor, current.pipelineId);
    const last = await lastOpenStage(tx, id);
    const stage = resolveStage(pipeline, last && pipeline.stages.some((s) => s.id === last.id) ? last.id : undefined);
    const at = now();
    const entry = await enterStage(tx, actor, id, current.stage, stage, at, {
      reopened: true,
      previousReason: current.lostReason,
    });
    const ok = await updateOpportunityRow(tx, id, current.version, {
      stageId: stage.id,
      stageEnteredAt: at,
      status: 'open',
      lostReason: null,
      closedAt: null,
      forecastCategory: 'pipeline',
      updatedAt: at,
    });
    if (!ok) throw stale();
    await appendStream(tx, entry);
    return getVisibleOpportunity(tx, actor, id);
  });
}

/** The path a deal took: each stay in a stage with its times and length. */
export async function getStageHistory(db: Db, actor: Actor, id: string) {
  await getVisibleOpportunity(db, actor, id);
  const rows = await stageHistory(db, id);
  return {
    data: rows.map((r) => ({
      stage: {
        id: r.stageId,
        name: r.name,
        kind: r.kind as Opportunity['stage']['kind'],
        probability: r.probability,
        retired: r.retiredAt !== null,
      },
      enteredAt: new Date(r.enteredAt).toISOString(),
      leftAt: r.leftAt ? new Date(r.leftAt).toISOString() : null,
      days: r.leftAt
        ? Math.floor((new Date(r.leftAt).getTime() - new Date(r.enteredAt).getTime()) / 86_400_000)
        : daysSince(r.enteredAt),
      enteredBy: r.enteredBy ? { id: r.enteredBy, name: r.enteredByName ?? '' } : null,
    })),
  };
}
