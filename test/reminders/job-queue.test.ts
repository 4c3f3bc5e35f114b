import { describe, expect, it } from 'vitest';
import { advanceClockForTests, now } from '../../src/server/platform/clock.js';
import { inTransaction } from '../../src/server/platform/db.js';
import { backoffMs, cancelJob, createJobRunner, enqueue, PermanentJobError } from '../../src/server/platform/jobs.js';
import { useTestApp } from '../helpers/app.js';

const t = useTestApp();

async function jobRow(id: string) {
  return t.current.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function drain(runner: ReturnType<typeof createJobRunner>) {
  let total = 0;
  for (let i = 0; i < 20; i++) {
    const n = await runner.runDue();
    if (n === 0) return total;
    total += n;
  }
  throw new Error('did not drain');
}

describe('job queue', () => {
  it('enqueues in the caller transaction: a rollback leaves no job', async () => {
    await expect(
      inTransaction(t.current.db, async (tx) => {
        await enqueue(tx, 'test.rollback', { a: 1 });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const rows = await t.current.db.selectFrom('jobs').select('id').where('name', '=', 'test.rollback').execute();
    expect(rows).toHaveLength(0);
  });

  it('runs a job when due, once', async () => {
    const seen: unknown[] = [];
    const runner = createJobRunner({ db: t.current.db });
    runner.work('test.once', async (job) => {
      seen.push(job.payload);
    });
    const id = await inTransaction(t.current.db, (tx) =>
      enqueue(tx, 'test.once', { n: 1 }, { runAt: new Date(now().getTime() + 60_000) }),
    );
    expect(await drain(runner)).toBe(0);
    advanceClockForTests(61_000);
    expect(await drain(runner)).toBe(1);
    expect(await drain(runner)).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
    const row = await jobRow(id);
    expect(row.state).toBe('done');
    expect(row.attempts).toBe(1);
  });

  it('retries a failing handler with backoff, keeps the error, and gives up after maxAttempts', async () => {
    let calls = 0;
    const gaveUp: string[] = [];
    const runner = createJobRunner({ db: t.current.db });
    runner.work(
      'test.flaky',
      async () => {
        calls++;
        throw new Error(`SMTP 451 try ${calls}`);
      },
      { onGiveUp: async (_job, err) => void gaveUp.push(err.message) },
    );
    const id = await enqueue(t.current.db, 'test.flaky', {}, { maxAttempts: 3 });
    await drain(runner);
    let row = await jobRow(id);
    expect(row.state).toBe('queued');
    expect(row.lastError).toBe('SMTP 451 try 1');
    expect(new Date(row.runAt).getTime()).toBeGreaterThanOrEqual(now().getTime() + backoffMs(1) - 1000);
    // not before the backoff
    advanceClockForTests(backoffMs(1) - 5_000);
    expect(await drain(runner)).toBe(0);
    advanceClockForTests(10_000);
    expect(await drain(runner)).toBe(1);
    advanceClockForTests(backoffMs(2) + 1_000);
    expect(await drain(runner)).toBe(1);
    row = await jobRow(id);
    expect(row.state).toBe('failed');
    expect(row.attempts).toBe(3);
    expect(row.lastError).toBe('SMTP 451 try 3');
    expect(gaveUp).toEqual(['SMTP 451 try 3']);
    advanceClockForTests(backoffMs(5));
    expect(await drain(runner)).toBe(0);
  });

  it('a permanent error fails at once', async () => {
    const runner = createJobRunner({ db: t.current.db });
    runner.work('test.permanent', async () => {
      throw new PermanentJobError('not configured');
    });
    const id = await enqueue(t.current.db, 'test.permanent', {});
    await drain(runner);
    const row = await jobRow(id);
    expect(row.state).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBe('not configured');
  });

  it('a singleton key replaces the queued job; cancel removes it', async () => {
    const seen: unknown[] = [];
    const runner = createJobRunner({ db: t.current.db });
    runner.work('test.single', async (job) => void seen.push(job.payload));
    const at = now().getTime();
    const a = await enqueue(t.current.db, 'test.single', { v: 1 }, { singletonKey: 'k', runAt: new Date(at + 60_000) });
    const b = await enqueue(t.current.db, 'test.single', { v: 2 }, { singletonKey: 'k', runAt: new Date(at + 120_000) });
    expect(b).toBe(a);
    advanceClockForTests(90_000);
    expect(await drain(runner)).toBe(0);
    advanceClockForTests(60_000);
    expect(await drain(runner)).toBe(1);
    expect(seen).toEqual([{ v: 2 }]);
    // after it ran, the same key queues a new job
    const c = await enqueue(
      t.current.db,
      'test.single',
      { v: 3 },
      { singletonKey: 'k', runAt: new Date(now().getTime() + 60_000) },
    );
    expect(c).not.toBe(a);
    expect(await cancelJob(t.current.db, 'test.single', 'k')).toBe(1);
    advanceClockForTests(120_000);
    expect(await drain(runner)).toBe(0);
    expect((await jobRow(c)).state).toBe('cancelled');
  });

  it('two runners (two nodes) never run one job twice', async () => {
    const ran: string[] = [];
    const make = () => {
      const r = createJobRunner({ db: t.current.db });
      r.work('test.race', async (job) => {
        ran.push(job.id);
        await new Promise((resolve) => setImmediate(resolve));
      });
      return r;
    };
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await enqueue(t.current.db, 'test.race', { i }));
    const [n1, n2] = await Promise.all([drain(make()), drain(make())]);
    expect(n1 + n2).toBe(20);
    expect(ran.sort()).toEqual([...ids].sort());
  });

  it('a job whose node died is taken again after its lease ran out', async () => {
    const runner = createJobRunner({ db: t.current.db, leaseMs: 60_000 });
    let calls = 0;
    runner.work('test.lease', async () => {
      calls++;
    });
    const id = await enqueue(t.current.db, 'test.lease', {});
    // claimed by a node that died mid-run
    await t.current.db
      .updateTable('jobs')
      .set({ state: 'running', attempts: 1, lockedBy: 'dead', lockedUntil: new Date(now().getTime() + 60_000) })
      .where('id', '=', id)
      .execute();
    expect(await drain(runner)).toBe(0);
    advanceClockForTests(61_000);
    expect(await drain(runner)).toBe(1);
    expect(calls).toBe(1);
    expect((await jobRow(id)).state).toBe('done');
  });
});
