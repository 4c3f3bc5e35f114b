import { sql } from 'kysely';
import { notificationBodies, notificationTitles } from '../../../domain/notifications/messages.js';
import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import type { StallResolutionInput, StallRules } from '../../../domain/opportunities/stalled.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertAdmin } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, stale } from '../../platform/errors.js';
import { createActivityInTx } from '../activities/activities.service.js';
import { notify, recordLink } from '../notifications/notify.js';
import { appendStream } from '../stream/stream.repo.js';
import { updateOpportunityRow } from './opportunities.repo.js';
import { getVisibleOpportunity, opportunityForChange } from './opportunities.service.js';
import { closeOpportunityInTx } from './opportunity-close.service.js';
import { loadStallRules, ruleSql, type StallContext, saveStallRules, stalledReasonSql } from './stalled.repo.js';

const DAY_MS = 86_400_000;

export async function getStallRules(db: Db, _actor: Actor): Promise<StallRules> {
  return loadStallRules(db);
}

export async function putStallRules(db: Db, actor: Actor, rules: StallRules): Promise<StallRules> {
  assertAdmin(actor);
  await inTransaction(db, (tx) => saveStallRules(tx, rules, actor.id));
  return loadStallRules(db);
}

/**
 * Seed 002 "Stagnant opportunity": the owner (or whoever may change the deal) decides and documents why —
 * continue with a new plan (a task for the owner; the time-in-stage rule restarts), put on hold (forecast
 * category omitted, never reported as stalled), or close as lost with the reason. One `stall` Stream entry each,
 * in the transaction of the change; the stall's notification marks are cleared so a new stall is announced again.
 */
export async function resolveStall(
  db: Db,
  actor: Actor,
  id: string,
  input: StallResolutionInput,
  ifMatch: number | undefined,
): Promise<Opportunity> {
  return inTransaction(db, async (tx) => {
    const current = await opportunityForChange(tx, actor, id, ifMatch);
    if (current.status !== 'open')
      throw new AppError('invalid_transition', `The opportunity is ${current.status}: only open deals stall`, [
        { field: 'action', message: `not allowed while ${current.status}` },
      ]);
    const at = now();
    const clearMarks = { stallNotifiedAt: null, stallEscalatedAt: null };
    const was = { stalled: current.stalled, reason: current.stalledReason };
    if (input.action === 'continue') {
      const task = await createActivityInTx(tx, actor, {
        type: 'task',
        subject: `Plan: ${input.plan.length > 120 ? `${input.plan.slice(0, 119)}…` : input.plan}`,
        description: input.plan,
        dueAt: input.dueAt ?? new Date(at.getTime() + 3 * DAY_MS).toISOString(),
        relatedTo: { type: 'opportunity', id },
        ownerId: current.ownerId,
        location: null,
        outcome: null,
      });
      const fresh = await getVisibleOpportunity(tx, actor, id);
      const ok = await updateOpportunityRow(tx, id, fresh.version, {
        ...clearMarks,
        onHold: false,
        stallResetAt: at,
        nextStep: input.plan.slice(0, 500),
        updatedAt: at,
      });
      if (!ok) throw stale();
      await appendStream(tx, {
        entityType: 'opportunity',
        entityId: id,
        type: 'stall',
        actorId: actor.id,
        data: { action: 'continue', plan: input.plan, task: { type: 'activity', id: task.id, name: task.subject }, was },
      });
    } else if (input.action === 'on_hold') {
      const ok = await updateOpportunityRow(tx, id, current.version, {
        ...clearMarks,
        onHold: true,
        forecastCategory: 'omitted',
        updatedAt: at,
      });
      if (!ok) throw stale();
      await appendStream(tx, {
        entityType: 'opportunity',
        entityId: id,
        type: 'stall',
        actorId: actor.id,
        data: {
          action: 'on_hold',
          reason: input.reason,
          forecastCategory: { from: current.forecastCategory, to: 'omitted' },
          was,
        },
      });
    } else {
      await closeOpportunityInTx(tx, actor, id, { outcome: 'lost', reason: input.reason, note: input.note ?? null }, undefined);
      await tx.updateTable('opportunities').set(clearMarks).where('id', '=', id).execute();
      await appendStream(tx, {
        entityType: 'opportunity',
        entityId: id,
        type: 'stall',
        actorId: actor.id,
        data: { action: 'close_lost', reason: input.reason, note: input.note ?? null, was },
      });
    }
    return getVisibleOpportunity(tx, actor, id);
  });
}

/** The team leads of the owner's teams (not the owner). */
async function teamLeadsOf(conn: Conn, ownerId: string): Promise<string[]> {
  const rows = await conn
    .selectFrom('teams as t')
    .innerJoin('teamMembers as m', 'm.teamId', 't.id')
    .select('t.leadId')
    .distinct()
    .where('m.userId', '=', ownerId)
    .where('t.leadId', 'is not', null)
    .where('t.leadId', '<>', ownerId)
    .execute();
  return rows.map((r) => r.leadId as string);
}

type StalledRow = { id: string; name: string; ownerId: string; reason: string };

export type StallCheckResult = { notified: number; escalated: number; cleared: number };

/**
 * One round of the stalled-deal watch: a deal that newly matches the rules notifies its owner once
 * (`stall_notified_at`); one still stalled `escalateAfterDays` after that notifies the owner's team lead(s) once
 * (`stall_escalated_at`); a deal that no longer matches (activity, stage move, hold) has its marks cleared so its
 * next stall is announced again. Rows are claimed with FOR UPDATE SKIP LOCKED: several nodes never notify twice.
 */
export async function checkStalledDeals(db: Db, opts: { limit?: number } = {}): Promise<StallCheckResult> {
  const limit = opts.limit ?? 500;
  return inTransaction(db, async (tx) => {
    const ctx: StallContext = { rules: await loadStallRules(tx), at: now() };
    const reason = stalledReasonSql(ctx);
    const at = sql`${ctx.at.toISOString()}::timestamptz`;

    const cleared = await sql`
      UPDATE opportunities o SET stall_notified_at = NULL, stall_escalated_at = NULL
      WHERE o.id IN (SELECT o.id FROM opportunities o WHERE o.stall_notified_at IS NOT NULL AND ${reason} IS NULL
                     LIMIT ${limit} FOR UPDATE SKIP LOCKED)`.execute(tx);

    const fresh = await sql<StalledRow>`
      SELECT o.id, o.name, o.owner_id, ${reason} AS reason FROM opportunities o
      WHERE o.status = 'open' AND o.deleted_at IS NULL AND NOT o.on_hold AND o.stall_notified_at IS NULL
        AND ${reason} IS NOT NULL
      ORDER BY o.stage_entered_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(tx);
    for (const d of fresh.rows) {
      await notify(tx, {
        userId: d.ownerId,
        type: 'stalled_deal',
        title: (locale) => notificationTitles.stalledDeal(locale, d.name),
        body: (locale) => notificationBodies.stalledDeal(locale, d.reason),
        link: recordLink('opportunity', d.id),
        entity: { type: 'opportunity', id: d.id },
        actorId: null,
        dedupeKey: `stalled_deal:${d.id}:${ctx.at.toISOString()}`,
      });
    }
    if (fresh.rows.length)
      await tx
        .updateTable('opportunities')
        .set({ stallNotifiedAt: ctx.at })
        .where(
          'id',
          'in',
          fresh.rows.map((d) => d.id),
        )
        .execute();

    const escalateDays = ruleSql(ctx.rules, 'escalateAfterDays');
    const due = await sql<StalledRow & { notifiedAt: Date }>`
      SELECT o.id, o.name, o.owner_id, ${reason} AS reason, o.stall_notified_at AS notified_at FROM opportunities o
      WHERE o.stall_notified_at IS NOT NULL AND o.stall_escalated_at IS NULL AND ${escalateDays} IS NOT NULL
        AND o.stall_notified_at <= ${at} - make_interval(days => ${escalateDays}) AND ${reason} IS NOT NULL
      LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(tx);
    for (const d of due.rows) {
      const leads = await teamLeadsOf(tx, d.ownerId);
      await notify(
        tx,
        leads.map((userId) => ({
          userId,
          type: 'stalled_deal' as const,
          title: (locale: string) => notificationTitles.stalledEscalation(locale, d.name),
          body: (locale: string) => notificationBodies.stalledEscalation(locale, new Date(d.notifiedAt)),
          link: recordLink('opportunity', d.id),
          entity: { type: 'opportunity', id: d.id },
          actorId: null,
          dedupeKey: `stalled_deal_escalation:${d.id}:${new Date(d.notifiedAt).toISOString()}`,
        })),
      );
    }
    if (due.rows.length)
      await tx
        .updateTable('opportunities')
        .set({ stallEscalatedAt: ctx.at })
        .where(
          'id',
          'in',
          due.rows.map((d) => d.id),
        )
        .execute();
    return { notified: fresh.rows.length, escalated: due.rows.length, cleared: Number(cleared.numAffectedRows ?? 0) };
  });
}

type Log = { info(msg: string): void; error(obj: unknown, msg?: string): void };

/** The in-process timer `stride serve` runs (like the mailbox poller); safe on several nodes (SKIP LOCKED). */
export function startStalledDealWatch(opts: { db: Db; log: Log; intervalMs?: number }) {
  const intervalMs = opts.intervalMs ?? 15 * 60_000;
  let running: Promise<void> | null = null;
  const tick = async () => {
    if (running) return;
    running = (async () => {
      try {
        const r = await checkStalledDeals(opts.db);
        if (r.notified || r.escalated) opts.log.info(`stalled deals: ${r.notified} notified, ${r.escalated} escalated`);
      } catch (err) {
        opts.log.error({ err }, 'stalled-deal watch failed; the next round retries');
      } finally {
        running = null;
      }
    })();
    await running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
