import { isForwardMove, openChecklistItems } from '../../../domain/opportunities/checklist.schema.js';
import type { Pipeline, Stage } from '../../../domain/pipelines/pipeline.schema.js';
import { firstOpenStage } from '../../../domain/pipelines/pipeline.schema.js';
import type { Actor } from '../../access/actor.js';
import type { Conn, Tx } from '../../platform/db.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { planItemsOpen } from '../activity-plans/activity-plans.service.js';
import { findPipeline } from '../pipelines/pipelines.repo.js';
import { defaultPipeline, getPipeline } from '../pipelines/pipelines.service.js';
import type { NewStreamEntry } from '../stream/stream.repo.js';
import { checklistTicks } from './checklist.repo.js';
import { closeStageStay, openStageStay } from './opportunities.repo.js';

/** The pipeline a deal goes into: the named one (400 when unknown) or the default. */
export async function resolvePipeline(conn: Conn, actor: Actor, pipelineId: string | undefined): Promise<Pipeline> {
  if (!pipelineId) return defaultPipeline(conn);
  const row = await findPipeline(conn, pipelineId);
  if (!row || row.deletedAt) throw invalidField('pipelineId', 'no such pipeline');
  return getPipeline(conn, actor, pipelineId);
}

/** The stage named (must be an active stage of the pipeline), or the pipeline's first open stage. */
export function resolveStage(pipeline: Pipeline, stageId: string | undefined): Stage {
  if (stageId) {
    const stage = pipeline.stages.find((s) => s.id === stageId);
    if (!stage) throw invalidField('stageId', `is not an active stage of the pipeline "${pipeline.name}"`);
    return stage;
  }
  const first = firstOpenStage(pipeline.stages);
  if (!first) throw new AppError('conflict', `The pipeline "${pipeline.name}" has no open stage`);
  return first;
}

export function stageOfKind(pipeline: Pipeline, kind: 'won' | 'lost'): Stage {
  const stage = pipeline.stages.find((s) => s.kind === kind);
  if (!stage) throw new AppError('conflict', `The pipeline "${pipeline.name}" has no ${kind} stage`);
  return stage;
}

/**
 * The gates of moving into a stage by drag or PATCH: won/lost stages are reached through close (which asks for
 * the reason), and a stage that requires management approval is entered only when the deal's latest approval
 * decision is "approved" (approval.service.ts). Closing as lost is never gated: a rejected deal may be closed.
 * A refusal's `message` is for API clients (it names the endpoint to call); its detail carries `gate` and the
 * stage's name (`stage`), from which the web UI words the refusal in the user's language (web refusal.ts).
 */
export function assertMayEnter(stage: Stage, via: 'move' | 'close', approvalStatus = 'none'): void {
  if (via === 'move' && stage.kind !== 'open') {
    throw new AppError(
      'invalid_transition',
      `"${stage.name}" is a ${stage.kind} stage: close the opportunity (POST …/close) instead`,
      [
        {
          field: 'stageId',
          message: `use close with outcome ${stage.kind}`,
          to: stage.id,
          gate: 'closed_stage',
          kind: stage.kind,
          stage: stage.name,
        },
      ],
    );
  }
  if (stage.requiresApproval && stage.kind !== 'lost' && approvalStatus !== 'approved') {
    const state =
      approvalStatus === 'requested'
        ? 'the approval request is still waiting for a decision'
        : approvalStatus === 'rejected'
          ? 'management rejected the approval request'
          : 'request approval first (POST …/approval-request)';
    throw new AppError(
      'invalid_transition',
      `"${stage.name}" requires management approval before an opportunity may enter it: ${state}`,
      [{ field: 'stageId', message: 'requires approval', to: stage.id, gate: 'approval', approvalStatus, stage: stage.name }],
    );
  }
}

/**
 * The gates of leaving a stage (`pipeline` is the deal's current pipeline, `to` may belong to another one):
 * - plan (issue 5): a stage marked `requiresPlanDone` is left (to another stage, or closed as won) only when the
 *   activity-plan items applied to the deal are all done;
 * - checklist (decision 019): a deal moves FORWARD (a later open stage, or closed as won) only when every item of
 *   the stage's checklist is ticked for it. Backwards, to lost and to another pipeline it always may go.
 * Closing as lost is never gated.
 */
export async function assertMayLeave(
  tx: Tx,
  pipeline: Pipeline,
  fromStageId: string,
  opportunityId: string,
  to: Stage,
): Promise<void> {
  const from = pipeline.stages.find((s) => s.id === fromStageId);
  if (!from || to.id === from.id || to.kind === 'lost') return;
  if (from.requiresPlanDone) {
    const open = await planItemsOpen(tx, { type: 'opportunity', id: opportunityId });
    if (open > 0) {
      throw new AppError(
        'invalid_transition',
        `"${from.name}" requires the deal's activity plan to be done first: ${open} item(s) still open`,
        [
          {
            field: 'stageId',
            message: 'activity plan items still open',
            from: from.id,
            to: to.id,
            gate: 'plan',
            openItems: open,
            stage: from.name,
          },
        ],
      );
    }
  }
  if (from.checklist.length > 0 && isForwardMove(pipeline.stages, from, to)) {
    const ticked = new Set((await checklistTicks(tx, opportunityId, from.id)).map((t) => t.item));
    const open = openChecklistItems(from.checklist, ticked);
    if (open.length > 0) {
      throw new AppError(
        'invalid_transition',
        `Tick the checklist of "${from.name}" before moving the deal forward — still open: ${open.map((i) => `"${i}"`).join(', ')}`,
        [
          {
            field: 'stageId',
            message: `checklist items of "${from.name}" still open: ${open.join('; ')}`,
            from: from.id,
            to: to.id,
            gate: 'checklist',
            openItems: open,
            stage: from.name,
          },
        ],
      );
    }
  }
}

type StageLike = { id: string; name: string };

/** Ends the stay in the current stage and starts one in `to`; returns the `status` Stream entry of the move. */
export async function enterStage(
  tx: Tx,
  actor: Actor,
  opportunityId: string,
  from: StageLike | null,
  to: StageLike,
  at: Date,
  extra: Record<string, unknown> = {},
): Promise<NewStreamEntry> {
  if (from) await closeStageStay(tx, opportunityId, at);
  await openStageStay(tx, { id: newId(), opportunityId, stageId: to.id, enteredAt: at, enteredBy: actor.id });
  return {
    entityType: 'opportunity',
    entityId: opportunityId,
    type: 'status',
    actorId: actor.id,
    data: { from: from ? { id: from.id, name: from.name } : null, to: { id: to.id, name: to.name }, ...extra },
  };
}
