import { now } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { syncMailbox } from './mailbox-sync.js';
import { dueMailboxIds } from './mailboxes.repo.js';

type Log = { info(msg: string): void; warn(msg: string): void; error(obj: unknown, msg?: string): void };

export type MailboxPoller = {
  /** One round: syncs every due mailbox, one after another. Never throws. */
  tick(): Promise<void>;
  /** Stops the timer and waits for a running sync to finish. */
  stop(): Promise<void>;
};

/**
 * The in-process poller `stride serve` runs: every `intervalMs` it syncs the active mailboxes whose poll interval
 * has passed. Several app nodes may run it: each sync takes the mailbox's lease first, so no mailbox is synced by
 * two nodes at once, and a node that died leaves a lease that simply expires.
 */
export function startMailboxPoller(opts: { db: Db; dataDir: string; log: Log; intervalMs?: number }): MailboxPoller {
  const intervalMs = opts.intervalMs ?? 30_000;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function round() {
    let ids: string[];
    try {
      ids = await dueMailboxIds(opts.db, now());
    } catch (err) {
      opts.log.error({ err }, 'mailbox poller: cannot list mailboxes');
      return;
    }
    for (const id of ids) {
      if (stopped) return;
      try {
        const result = await syncMailbox(opts.db, opts.dataDir, id, { shouldStop: () => stopped });
        if (!result.ok) opts.log.warn(`mailbox ${id}: sync failed: ${result.error}`);
        else if (result.processed) opts.log.info(`mailbox ${id}: ${result.processed} message(s) taken in`);
      } catch (err) {
        // A lease held by another node (conflict) is normal; anything else is logged, and the next round retries.
        if ((err as { code?: string }).code !== 'conflict') opts.log.error({ err }, `mailbox ${id}: sync crashed`);
      }
    }
  }

  const tick = () => {
    if (stopped) return Promise.resolve();
    // One round at a time: a slow server delays the next round instead of overlapping it.
    running ??= round().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
