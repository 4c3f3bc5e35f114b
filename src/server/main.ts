import { bootstrap } from './bootstrap.js';
import { buildApp } from './http/app.js';
import { registerCalendarJobs } from './modules/calendar/calendar.jobs.js';
import { startEmailSender } from './modules/emails/email-sender.js';
import { startMailboxPoller } from './modules/mailboxes/mailbox-poller.js';
import { startNotificationWorker } from './modules/notifications/notification-worker.js';
import { startStalledDealWatch } from './modules/opportunities/stalled.service.js';
import type { Config } from './platform/config.js';
import { createJobRunner } from './platform/jobs.js';
import { openConfiguredDatabase } from './platform/open.js';

/** `stride serve`: open and migrate the database, load first-start data, listen, close cleanly on signals. */
export async function serve(config: Config) {
  const database = await openConfiguredDatabase(config);
  const app = await buildApp({ database, config });
  const hint = await bootstrap(database, config, app.log);
  app.get('/api/v1/meta', { config: { public: true }, schema: { hide: true } }, async () => ({
    demoSignIn: hint,
    database: database.kind,
  }));

  let mailboxPoller: ReturnType<typeof startMailboxPoller> | undefined;
  let notificationWorker: ReturnType<typeof startNotificationWorker> | undefined;
  let stalledWatch: ReturnType<typeof startStalledDealWatch> | undefined;
  // The durable job queue (reminders, invitations): see docs/decisions/015-job-queue.md.
  const jobRunner = createJobRunner({ db: database.db, log: app.log });
  registerCalendarJobs(jobRunner, { db: database.db, config });
  let emailSender: ReturnType<typeof startEmailSender> | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing`);
    try {
      await mailboxPoller?.stop();
      await notificationWorker?.stop();
      await stalledWatch?.stop();
      await jobRunner.stop();
      await emailSender?.stop();
      await app.close();
    } finally {
      await database.close();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  // Sales mailboxes are polled in-process; a per-mailbox lease keeps several nodes from syncing one mailbox twice.
  mailboxPoller = startMailboxPoller({ db: database.db, dataDir: config.dataDir, log: app.log });
  // SLA breach announcements and notification emails (claimed with SKIP LOCKED: safe on several nodes).
  notificationWorker = startNotificationWorker({ database, config, log: app.log });
  jobRunner.start();
  // Stalled deals: owner notified once per stall, team lead after the escalation period (SKIP LOCKED: several nodes).
  stalledWatch = startStalledDealWatch({ db: database.db, log: app.log });
  // The email outbox: claims due emails exclusively (several nodes never send one twice), retries with backoff.
  emailSender = startEmailSender({ db: database.db, smtpUrl: config.smtpUrl, dataDir: config.dataDir, log: app.log });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  console.log(
    `\nStride is running at ${url}  (database: ${database.kind === 'embedded' ? `embedded, ${config.dataDir}` : 'PostgreSQL'})`,
  );
  if (hint) console.log(hint);
  return { app, database };
}
