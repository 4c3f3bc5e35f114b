import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db.js';
import { checkLeadSlaBreaches } from '../leads/lead-sla-breach.js';
import { notificationHub } from './notification-hub.js';
import { deliverNotificationEmails } from './notification-mailer.js';

type Log = { info(msg: string): void; warn(msg: string): void; error(obj: unknown, msg?: string): void };

export type NotificationWorker = { tick(): Promise<void>; stop(): Promise<void> };

/**
 * The background side of notifications that `stride serve` runs: every `intervalMs` it announces first-contact SLA
 * breaches and sends due notification emails (first tries and retries); a committed notification that wants an
 * email wakes it at once through the LISTEN channel. Several nodes may run it: both steps claim rows with
 * FOR UPDATE SKIP LOCKED, so nothing is announced or sent twice.
 */
export function startNotificationWorker(opts: {
  database: Database;
  config: Config;
  log: Log;
  intervalMs?: number;
}): NotificationWorker {
  const { database, config, log } = opts;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let unsubscribe: (() => void) | undefined;

  async function round() {
    try {
      const breached = await checkLeadSlaBreaches(database.db);
      if (breached) log.info(`${breached} lead(s) breached the first-contact SLA`);
    } catch (err) {
      log.error({ err }, 'notification worker: SLA check failed');
    }
    try {
      for (let i = 0; i < 10 && !stopped; i++) {
        const { sent, failed } = await deliverNotificationEmails(database.db, config);
        if (failed) log.warn(`notification emails: ${failed} failed (kept on the notification, retried later)`);
        if (sent + failed === 0) break;
      }
    } catch (err) {
      log.error({ err }, 'notification worker: email delivery failed');
    }
  }

  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = round().finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        void tick();
      }
    });
    return running;
  };

  const timer = setInterval(() => void tick(), opts.intervalMs ?? 60_000);
  timer.unref();
  if (config.smtpUrl)
    notificationHub(database, log)
      .subscribe((event) => {
        if (event.email) void tick();
      })
      .then((off) => {
        unsubscribe = off;
      })
      .catch((err) => log.warn(`notification worker: live email wake-up unavailable (${(err as Error).message}); polling`));
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe?.();
      await running;
    },
  };
}
