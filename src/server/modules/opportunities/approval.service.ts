import { Decimal } from 'decimal.js';
import { notificationTitles } from '../../../domain/notifications/messages.js';
import {
  APPROVER_ROLES,
  type ApprovalDecisionInput,
  type ApprovalState,
  type Assessment,
  highestRisk,
} from '../../../domain/opportunities/approval.schema.js';
import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, stale } from '../../platform/errors.js';
import { notify, recordLink } from '../notifications/notify.js';
import { getPipeline } from '../pipelines/pipelines.service.js';
import { appendStream } from '../stream/stream.repo.js';
import { updateOpportunityRow } from './opportunities.repo.js';
import { getVisibleOpportunity, opportunityForChange } from './opportunities.service.js';

/**
 * Management approval (seed 004 steps 5–6): the owner records an opportunity-and-risk assessment and asks for a
 * decision; a sales director or admin approves or rejects it with a comment. Only an approved deal may enter a
 * stage marked "requires approval" (opportunity-stages.ts). Every step is a Stream entry (`approval`) written in
 * the transaction of the change; the people concerned are notified in the same transaction.
 */

export function canDecideApproval(actor: Actor): boolean {
  return (APPROVER_ROLES as readonly string[]).includes(actor.role);
}

type ApprovalRow = {
  id: string;
  version: number;
  pipelineId: string;
  assessment: unknown;
  approvalStatus: string;
  approvalRequestedAt: Date | null;
  approvalDecidedAt: Date | null;
  approvalComment: string | null;
  requestedById: string | null;
  requestedByName: string | null;
  decidedById: string | null;
  decidedByName: string | null;
};

async function approvalRow(conn: Conn, id: string): Promise<ApprovalRow> {
  return conn
    .selectFrom('opportunities as o')
    .leftJoin('users as rq', 'rq.id', 'o.approvalRequestedBy')
    .leftJoin('users as dc', 'dc.id', 'o.approvalDecidedBy')
    .select([
      'o.id',
      'o.version',
      'o.pipelineId',
      'o.assessment',
      'o.approvalStatus',
      'o.approvalRequestedAt',
      'o.approvalDecidedAt',
      'o.approvalComment',
      'rq.id as requestedById',
      'rq.name as requestedByName',
      'dc.id as decidedById',
      'dc.name as decidedByName',
    ])
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

async function toState(conn: Conn, actor: Actor, r: ApprovalRow): Promise<ApprovalState> {
  const pipeline = await getPipeline(conn, actor, r.pipelineId);
  const a = r.assessment as Assessment | null;
  return {
    opportunityId: r.id,
    version: r.version,
    assessment: a ? { ...a, expectedValue: new Decimal(a.expectedValue).toFixed(2), highestRisk: highestRisk(a.risks) } : null,
    status: r.approvalStatus as ApprovalState['status'],
    requestedAt: iso(r.approvalRequestedAt),
    requestedBy: r.requestedById ? { id: r.requestedById, name: r.requestedByName ?? '' } : null,
    decidedAt: iso(r.approvalDecidedAt),
    decidedBy: r.decidedById ? { id: r.decidedById, name: r.decidedByName ?? '' } : null,
    comment: r.approvalComment,
    gatedStages: pipeline.stages.filter((s) => s.requiresApproval).map((s) => ({ id: s.id, name: s.name })),
    canDecide: canDecideApproval(actor),
  };
}

export async function getApproval(db: Db, actor: Actor, id: string): Promise<ApprovalState> {
  await getVisibleOpportunity(db, actor, id);
  return toState(db, actor, await approvalRow(db, id));
}

function assertOpen(o: Opportunity, what: string) {
  if (o.status !== 'open')
    throw new AppError('invalid_transition', `The opportunity is ${o.status}: ${what} is for open deals only`, [
      { field: 'status', message: `not allowed while ${o.status}` },
    ]);
}

/** Records (replaces) the assessment; the Stream keeps each version. */
export async function putAssessment(
  db: Db,
  actor: Actor,
  id: string,
  input: Assessment,
  ifMatch: number | undefined,
): Promise<ApprovalState> {
  return inTransaction(db, async (tx) => {
    const current = await opportunityForChange(tx, actor, id, ifMatch);
    const at = now();
    if (!(await updateOpportunityRow(tx, id, current.version, { assessment: JSON.stringify(input), updatedAt: at })))
      throw stale();
    await appendStream(tx, {
      entityType: 'opportunity',
      entityId: id,
      type: 'approval',
      actorId: actor.id,
      data: { action: 'assessment', assessment: input, highestRisk: highestRisk(input.risks) },
    });
    return toState(tx, actor, await approvalRow(tx, id));
  });
}

/** Management users who decide: every active sales director and admin. */
async function approvers(conn: Conn): Promise<string[]> {
  const rows = await conn
    .selectFrom('users')
    .select('id')
    .where('role', 'in', [...APPROVER_ROLES])
    .where('active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

export async function requestApproval(
  db: Db,
  actor: Actor,
  id: string,
  input: { note?: string | null },
  ifMatch: number | undefined,
): Promise<ApprovalState> {
  return inTransaction(db, async (tx) => {
    const current = await opportunityForChange(tx, actor, id, ifMatch);
    assertOpen(current, 'an approval request');
    const row = await approvalRow(tx, id);
    if (!row.assessment)
      throw new AppError('invalid_transition', 'Record the opportunity-and-risk assessment first: management decides on it', [
        { field: 'assessment', message: 'is required before asking for approval' },
      ]);
    if (row.approvalStatus === 'requested')
      throw new AppError('conflict', 'An approval request is already waiting for a decision');
    const at = now();
    const ok = await updateOpportunityRow(tx, id, current.version, {
      approvalStatus: 'requested',
      approvalRequestedAt: at,
      approvalRequestedBy: actor.id,
      approvalDecidedAt: null,
      approvalDecidedBy: null,
      approvalComment: null,
      updatedAt: at,
    });
    if (!ok) throw stale();
    await appendStream(tx, {
      entityType: 'opportunity',
      entityId: id,
      type: 'approval',
      actorId: actor.id,
      data: { action: 'requested', note: input.note ?? null, previous: row.approvalStatus },
    });
    await notify(
      tx,
      (await approvers(tx)).map((userId) => ({
        userId,
        type: 'approval_request' as const,
        title: (locale: string) => notificationTitles.approvalRequest(locale, actor.name, current.name),
        body: input.note ?? `${current.account?.name ?? ''} · ${current.amount} ${current.currency}`,
        link: recordLink('opportunity', id),
        entity: { type: 'opportunity', id },
        actorId: actor.id,
        dedupeKey: `approval_request:${id}:${at.toISOString()}`,
      })),
    );
    return toState(tx, actor, await approvalRow(tx, id));
  });
}

export async function decideApproval(
  db: Db,
  actor: Actor,
  id: string,
  input: ApprovalDecisionInput,
  ifMatch: number | undefined,
): Promise<ApprovalState> {
  return inTransaction(db, async (tx) => {
    // invisible → 404 first; then only management decides
    await getVisibleOpportunity(tx, actor, id);
    if (!canDecideApproval(actor))
      throw new AppError('forbidden', 'Only a sales director or an administrator may approve or reject an opportunity');
    const current = await opportunityForChange(tx, actor, id, ifMatch);
    assertOpen(current, 'an approval decision');
    const row = await approvalRow(tx, id);
    if (row.approvalStatus !== 'requested')
      throw new AppError('invalid_transition', 'No approval request is waiting for a decision', [
        { field: 'decision', message: `the approval is ${row.approvalStatus}` },
      ]);
    const at = now();
    const ok = await updateOpportunityRow(tx, id, current.version, {
      approvalStatus: input.decision,
      approvalDecidedAt: at,
      approvalDecidedBy: actor.id,
      approvalComment: input.comment ?? null,
      updatedAt: at,
    });
    if (!ok) throw stale();
    await appendStream(tx, {
      entityType: 'opportunity',
      entityId: id,
      type: 'approval',
      actorId: actor.id,
      data: { action: input.decision, comment: input.comment ?? null },
    });
    const recipients = new Set([current.ownerId, ...(row.requestedById ? [row.requestedById] : [])]);
    await notify(
      tx,
      [...recipients].map((userId) => ({
        userId,
        type: 'approval_decision' as const,
        title: (locale: string) => notificationTitles.approvalDecision(locale, actor.name, input.decision, current.name),
        body: input.comment ?? null,
        link: recordLink('opportunity', id),
        entity: { type: 'opportunity', id },
        actorId: actor.id,
        dedupeKey: `approval_decision:${id}:${at.toISOString()}`,
      })),
    );
    return toState(tx, actor, await approvalRow(tx, id));
  });
}
