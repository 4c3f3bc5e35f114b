import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { now } from './clock.js';
import type { Conn, Db } from './db.js';
import { newId } from './ids.js';

/**
 * The durable background-job queue (docs/decisions/015-job-queue.md): a `jobs` table in the app's own database.
 * - `enqueue(tx, …)` inside the caller's transaction: the job exists exactly when the change that asked for it
 *   committed.
 * - A runner claims one due job at a time with `FOR UPDATE SKIP LOCKED` and a lease (`locked_until`): several
 *   nodes never run a job at the same time, and no transaction is held while the handler works (PGlite has one
 *   connection; handlers talk to SMTP).
 * - A handler that throws is retried with exponential backoff until `maxAttempts`; the last error is kept on the
 *   row. A job whose node died mid-run is taken again when its lease ran out, so handlers must be idempotent
 *   (reminders guard themselves with `reminded_at` in the same transaction as their effect).
 * - `run_at` is compared with the application clock (`now()`), so tests move time instead of sleeping.
 */

export type JobOptions = {
  /** When the job becomes due (default: now). */
  runAt?: Date;
  /**
   * At most one queued job per (name, singletonKey): enqueueing again REPLACES the queued one (payload, runAt,
   * attempts) — how a rescheduled reminder moves its job. A job already running is not touched; the new one queues.
   */
  singletonKey?: string;
  maxAttempts?: number;
};

export type Job<P = Record<string, unknown>> = {
  id: string;
  name: string;
  payload: P;
  singletonKey: string | null;
  /** 1 on the first run. */
  attempts: number;
  maxAttempts: number;
  runAt: Date;
};

/** Thrown by a handler when retrying cannot help (e.g. SMTP is not configured): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export async function enqueue(
  conn: Conn,
  name: string,
  payload: Record<string, unknown>,
  opts: JobOptions = {},
): Promise<string> {
  const at = now();
  const id = newId();
  const runAt = opts.runAt ?? at;
  const maxAttempts = opts.maxAttempts ?? 5;
  const json = JSON.stringify(payload);
  if (!opts.singletonKey) {
    await conn.insertInto('jobs').values({ id, name, payload: json, runAt, maxAttempts, createdAt: at, updatedAt: at }).execute();
    return id;
  }
  const row = await sql<{ id: string }>`
    INSERT INTO jobs (id, name, payload, singleton_key, run_at, max_attempts, created_at, updated_at)
    VALUES (${id}, ${name}, ${json}::jsonb, ${opts.singletonKey}, ${runAt}, ${maxAttempts}, ${at}, ${at})
    ON CONFLICT (name, singleton_key) WHERE singleton_key IS NOT NULL AND state = 'queued'
    DO UPDATE SET payload = EXCLUDED.payload, run_at = EXCLUDED.run_at, max_attempts = EXCLUDED.max_attempts,
      attempts = 0, last_error = NULL, updated_at = EXCLUDED.updated_at
    RETURNING id`.execute(conn);
  return (row.rows[0] as { id: string }).id;
}

/** Cancels the queued job of (name, singletonKey), if any (a running one finishes). Returns how many. */
export async function cancelJob(conn: Conn, name: string, singletonKey: string): Promise<number> {
  const at = now();
  const res = await conn
    .updateTable('jobs')
    .set({ state: 'cancelled', finishedAt: at, updatedAt: at })
    .where('name', '=', name)
    .where('singletonKey', '=', singletonKey)
    .where('state', '=', 'queued')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export type JobHandler<P> = (job: Job<P>) => Promise<void>;
export type WorkOptions<P> = {
  /** Called once when the job gives up (permanent error or attempts used up), e.g. to tell a user. */
  onGiveUp?: (job: Job<P>, error: Error) => Promise<void>;
};

type Logger = { info(msg: string): void; warn(msg: string): void; error(msg: string): void };

export type JobRunner = {
  work<P = Record<string, unknown>>(name: string, handler: JobHandler<P>, opts?: WorkOptions<P>): void;
  start(): void;
  /** Stops polling and waits for the job in progress. */
  stop(): Promise<void>;
  /** Runs due jobs one after another until none is due (or `max` ran); returns how many ran. Used by tests. */
  runDue(max?: number): Promise<number>;
  readonly workerId: string;
};

/** Retry delay after the n-th failed attempt: 30 s, 2 min, 8 min, 32 min, then hourly. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempt - 1), 3_600_000);
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

export function createJobRunner(opts: {
  db: Db;
  log?: Logger;
  pollMs?: number;
  leaseMs?: number;
  /** Finished jobs are kept this long for inspection, then deleted. */
  keepFinishedMs?: number;
}): JobRunner {
  const { db } = opts;
  const pollMs = opts.pollMs ?? 1000;
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  const keepFinishedMs = opts.keepFinishedMs ?? 7 * 24 * 3_600_000;
  const workerId = `${process.pid}-${randomBytes(4).toString('hex')}`;
  // biome-ignore lint/suspicious/noExplicitAny: handlers of different payload types live in one map
  const handlers = new Map<string, { handler: JobHandler<any>; opts: WorkOptions<any> }>();
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let busy = false;
  let lastCleanup = 0;

  async function claim(): Promise<Job | undefined> {
    const names = [...handlers.keys()];
    if (names.length === 0) return undefined;
    const at = now();
    const lease = new Date(at.getTime() + leaseMs);
    // One statement (autocommit): the row lock lives only as long as the claim, the lease protects the run.
    const result = await sql<Job & { payload: Record<string, unknown> }>`
      UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = ${lease}, locked_by = ${workerId},
        updated_at = ${at}
      WHERE id = (
        SELECT id FROM jobs
        WHERE name = ANY(${names}::text[])
          AND ((state = 'queued' AND run_at <= ${at}) OR (state = 'running' AND locked_until < ${at}))
        ORDER BY run_at, id
        FOR UPDATE SKIP LOCKED
        LIMIT 1)
      RETURNING id, name, payload, singleton_key, attempts, max_attempts, run_at`.execute(db);
    return result.rows[0];
  }

  async function finish(job: Job, state: 'done' | 'failed', error?: string) {
    const at = now();
    await db
      .updateTable('jobs')
      .set({ state, finishedAt: at, updatedAt: at, lockedUntil: null, ...(error !== undefined ? { lastError: error } : {}) })
      .where('id', '=', job.id)
      .where('lockedBy', '=', workerId)
      .execute();
  }

  async function retryLater(job: Job, error: string) {
    const at = now();
    const runAt = new Date(at.getTime() + backoffMs(job.attempts));
    // A newer queued job with the same singleton key supersedes this one (it carries the newer payload).
    const res = await sql`
      UPDATE jobs j SET state = 'queued', run_at = ${runAt}, locked_until = NULL, last_error = ${error}, updated_at = ${at}
      WHERE j.id = ${job.id} AND j.locked_by = ${workerId} AND NOT EXISTS (
        SELECT 1 FROM jobs o WHERE o.name = j.name AND o.singleton_key = j.singleton_key AND o.state = 'queued')`.execute(db);
    if (Number(res.numAffectedRows ?? 0) === 0) {
      await db
        .updateTable('jobs')
        .set({ state: 'cancelled', finishedAt: at, updatedAt: at, lockedUntil: null, lastError: `${error} (superseded)` })
        .where('id', '=', job.id)
        .where('lockedBy', '=', workerId)
        .execute();
    }
  }

  async function runOne(): Promise<boolean> {
    const job = await claim();
    if (!job) return false;
    const entry = handlers.get(job.name);
    if (!entry) return true;
    try {
      if (job.attempts > job.maxAttempts) throw new PermanentJobError('the job did not finish within its lease');
      await entry.handler(job);
      await finish(job, 'done');
    } catch (err) {
      const message = errorText(err);
      const giveUp = err instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      opts.log?.warn(`job ${job.name} ${job.id} attempt ${job.attempts} failed${giveUp ? ' (giving up)' : ''}: ${message}`);
      if (!giveUp) {
        await retryLater(job, message);
        return true;
      }
      await finish(job, 'failed', message);
      try {
        await entry.opts.onGiveUp?.(job, err instanceof Error ? err : new Error(message));
      } catch (hookErr) {
        opts.log?.error(`job ${job.name} ${job.id}: reporting the failure failed: ${errorText(hookErr)}`);
      }
    }
    return true;
  }

  async function cleanup() {
    const at = now().getTime();
    if (at - lastCleanup < 3_600_000) return;
    lastCleanup = at;
    await db
      .deleteFrom('jobs')
      .where('state', 'in', ['done', 'cancelled'])
      .where('finishedAt', '<', new Date(at - keepFinishedMs))
      .execute();
  }

  async function runDue(max = 1000): Promise<number> {
    // One pass at a time per runner: a poll tick and a test's runDue never overlap.
    while (busy) await current;
    busy = true;
    const work = (async () => {
      let n = 0;
      while (n < max && (await runOne())) n++;
      await cleanup();
      return n;
    })();
    current = work.catch(() => undefined);
    try {
      return await work;
    } finally {
      busy = false;
    }
  }

  return {
    workerId,
    work(name, handler, workOpts = {}) {
      handlers.set(name, { handler, opts: workOpts });
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (busy) return;
        runDue(50).catch((err) => opts.log?.error(`job runner: ${errorText(err)}`));
      }, pollMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await current;
    },
    runDue,
  };
}
