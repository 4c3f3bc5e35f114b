import { randomUUID } from 'node:crypto';
import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import { now } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { createMailTransport, describeSmtpError, MailSendError, type MailTransport } from '../../platform/mail.js';
import { createActivityInTx } from '../activities/activities.service.js';
import { loadActor } from '../auth/actor.loader.js';
import { attachmentFile } from './email-attachments.js';
import { htmlToText } from './email-body.js';
import { appendEmailEntries } from './email-context.js';
import { attachmentsOfEmails, claimDueEmail, type EmailRow, finishAttempt } from './emails.repo.js';
import { onEmailQueued } from './emails.service.js';

type Log = { info(msg: string): void; warn(msg: string): void; error(obj: unknown, msg?: string): void };

/** How long one attempt may hold an email; SMTP timeouts (30 s connect, 60 s socket) end an attempt well before. */
const LEASE_MS = 5 * 60_000;

/** Wait before attempt n+1 after n failed ones: 30 s, 2 min, 8 min, 32 min … (at most 2 h). */
export function defaultBackoffMs(failedAttempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, failedAttempts - 1), 2 * 3_600_000);
}

export type EmailSenderOptions = {
  db: Db;
  smtpUrl: string | undefined;
  dataDir: string;
  log?: Log;
  intervalMs?: number;
  backoffMs?: (failedAttempts: number) => number;
  /** A fixed transport (tests); otherwise one built from smtpUrl. */
  transport?: MailTransport;
  smtpTimeoutMs?: number;
};

export type EmailSender = {
  /** Sends every due email once (one after another); returns how many attempts were made. Never throws. */
  tick(): Promise<number>;
  stop(): Promise<void>;
};

const silent: Log = { info() {}, warn() {}, error() {} };

/** The body parts of an email as it goes out: an HTML email carries a text rendering besides. */
function bodyParts(row: EmailRow): { text: string; html: string | null } {
  return row.format === 'html' ? { text: htmlToText(row.body), html: row.body } : { text: row.body, html: null };
}

/** What the Stream keeps of a sent email: the whole message as it went out. */
export function sentEntryData(
  row: EmailRow,
  attachments: Array<{ id: string; fileName: string; contentType: string; size: number }>,
  at: Date,
) {
  return {
    emailId: row.id,
    from: row.fromAddress,
    replyTo: row.replyTo,
    to: row.toAddresses,
    cc: row.ccAddresses,
    subject: row.subject,
    format: row.format,
    body: row.body,
    ...bodyParts(row),
    messageId: row.messageId,
    attachments,
    templateId: row.templateId,
    sentAt: at.toISOString(),
  };
}

/**
 * Records a sent email in one transaction: the email marked sent (only while this attempt holds its lease), the
 * `email_sent` entries on the record (and its account), and a completed `email` activity (first contact of a lead).
 */
async function recordSent(
  tx: Tx,
  row: EmailRow,
  token: string,
  at: Date,
  response: string,
  withActivity: boolean,
): Promise<boolean> {
  const marked = await finishAttempt(tx, row.id, token, {
    status: 'sent',
    at,
    sentAt: at,
    lastError: null,
    smtpResponse: response.slice(0, 1000),
    nextAttemptAt: null,
  });
  // Another node took the email over after this attempt's lease ran out: it records the outcome, not this one.
  if (!marked) return false;
  const attachments = (await attachmentsOfEmails(tx, [row.id])).map(({ id, fileName, contentType, size }) => ({
    id,
    fileName,
    contentType,
    size,
  }));
  const ref = { type: row.relatedType as RelatedRef['type'], id: row.relatedId };
  const data = sentEntryData(row, attachments, at);
  let activityId: string | null = null;
  if (withActivity) {
    const actor = await loadActor(tx, row.ownerId);
    if (!actor) throw new Error('the sender is deactivated');
    const activity = await createActivityInTx(tx, actor, {
      type: 'email',
      subject: row.subject.slice(0, 300),
      description: data.text.slice(0, 20_000),
      status: 'completed',
      relatedTo: ref,
      location: null,
      outcome: null,
    });
    activityId = activity.id;
    await tx.updateTable('emails').set({ activityId }).where('id', '=', row.id).execute();
  }
  await appendEmailEntries(tx, ref, 'email_sent', row.ownerId, { ...data, activityId });
  return true;
}

/**
 * The outbox loop `stride serve` runs. Every round it claims due emails one at a time (an exclusive claim, see
 * claimDueEmail), talks SMTP without holding a transaction, and records the outcome: sent (with its Stream entries
 * and activity), queued again with backoff, or failed once the attempts are used up or the server refused for good.
 * Several nodes may run it: a claimed email is never sent by two of them.
 */
export function startEmailSender(opts: EmailSenderOptions): EmailSender {
  const log = opts.log ?? silent;
  const backoff = opts.backoffMs ?? defaultBackoffMs;
  const transport = opts.transport ?? createMailTransport(opts.smtpUrl, { timeoutMs: opts.smtpTimeoutMs });
  const nodeToken = randomUUID();
  let stopped = false;
  let running: Promise<number> | null = null;
  let again = false;

  async function attempt(row: EmailRow, token: string): Promise<void> {
    const files = await attachmentsOfEmails(opts.db, [row.id]);
    let response: string;
    try {
      const sent = await transport.send({
        from: row.fromAddress,
        replyTo: row.replyTo,
        to: row.toAddresses,
        cc: row.ccAddresses,
        subject: row.subject,
        ...bodyParts(row),
        messageId: row.messageId,
        attachments: files.map((f) => ({
          fileName: f.fileName,
          contentType: f.contentType,
          path: attachmentFile(opts.dataDir, f.path),
        })),
      });
      response = sent.response;
    } catch (err) {
      const message = err instanceof MailSendError ? err.message : describeSmtpError(err);
      const permanent = err instanceof MailSendError && err.permanent;
      const at = now();
      const giveUp = permanent || row.attempts >= row.maxAttempts;
      await finishAttempt(opts.db, row.id, token, {
        status: giveUp ? 'failed' : 'queued',
        at,
        lastError: message,
        nextAttemptAt: giveUp ? null : new Date(at.getTime() + backoff(row.attempts)),
      });
      log.warn(`email ${row.id}: attempt ${row.attempts} failed${giveUp ? ' (giving up)' : ''}: ${message}`);
      return;
    }
    const at = now();
    try {
      await opts.db.transaction().execute((tx) => recordSent(tx, row, token, at, response, true));
    } catch (err) {
      // The mail is out: it must be recorded as sent even when the activity cannot be made (the sender was
      // deactivated or lost access to the record meanwhile) — otherwise it would be sent again.
      log.error({ err }, `email ${row.id}: sent, but the activity could not be recorded`);
      await opts.db.transaction().execute((tx) => recordSent(tx, row, token, at, response, false));
    }
    log.info(`email ${row.id}: sent`);
  }

  async function round(): Promise<number> {
    let attempts = 0;
    do {
      again = false;
      while (!stopped) {
        const at = now();
        const token = `${nodeToken}:${randomUUID()}`;
        let row: EmailRow | undefined;
        try {
          row = await claimDueEmail(opts.db, token, at, new Date(at.getTime() + LEASE_MS));
        } catch (err) {
          log.error({ err }, 'email sender: cannot claim an email');
          return attempts;
        }
        if (!row) break;
        attempts += 1;
        try {
          await attempt(row, token);
        } catch (err) {
          // Recording failed (database trouble): the lease runs out and the email is tried again.
          log.error({ err }, `email ${row.id}: attempt crashed`);
        }
      }
    } while (again && !stopped);
    return attempts;
  }

  const tick = () => {
    if (stopped) return Promise.resolve(0);
    if (running) {
      again = true;
      return running;
    }
    running = round().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = opts.intervalMs === 0 ? null : setInterval(() => void tick(), opts.intervalMs ?? 15_000);
  timer?.unref();
  const unsubscribe = opts.intervalMs === 0 ? () => {} : onEmailQueued(() => void tick());
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      unsubscribe();
      await running;
      transport.close();
    },
  };
}
