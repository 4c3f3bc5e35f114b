import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { mentionsToText } from '../../../domain/notifications/mentions.js';
import { now } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db.js';

/**
 * Emails the notifications whose recipients want them (email_status = pending), after the creating transaction
 * committed. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so several app nodes never send one twice
 * and a node that died mid-send leaves a lease that simply expires. A failure stays on the row (status, attempts,
 * error) and is retried with back-off; after MAX_ATTEMPTS it stays `failed` — visible in the API, never silent.
 */
export const MAX_EMAIL_ATTEMPTS = 5;
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000];
const LEASE_MS = 10 * 60_000;

let cached: { url: string; transport: Transporter } | undefined;

function transportFor(smtpUrl: string): Transporter {
  if (cached?.url !== smtpUrl) cached = { url: smtpUrl, transport: nodemailer.createTransport(smtpUrl) };
  return cached.transport;
}

type Claimed = {
  id: string;
  title: string;
  body: string | null;
  link: string | null;
  emailAttempts: number;
  email: string;
  name: string;
};

export async function deliverNotificationEmails(
  db: Db,
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>,
  opts: { limit?: number } = {},
): Promise<{ sent: number; failed: number }> {
  if (!config.smtpUrl) return { sent: 0, failed: 0 };
  const at = now();
  const claimed = await sql<Claimed>`
    UPDATE notifications n SET email_status = 'sending', email_attempts = n.email_attempts + 1,
      email_next_at = ${new Date(at.getTime() + LEASE_MS)}
    FROM users u
    WHERE u.id = n.user_id AND n.id IN (
      SELECT id FROM notifications
      WHERE email_status IN ('pending', 'sending', 'failed') AND email_next_at <= ${at} AND email_attempts < ${MAX_EMAIL_ATTEMPTS}
      ORDER BY email_next_at LIMIT ${opts.limit ?? 20} FOR UPDATE SKIP LOCKED)
    RETURNING n.id, n.title, n.body, n.link, n.email_attempts, u.email, u.name`.execute(db);
  let sent = 0;
  let failed = 0;
  const transport = transportFor(config.smtpUrl);
  for (const n of claimed.rows) {
    const url = n.link ? new URL(n.link, config.publicUrl).toString() : null;
    const text = [
      n.body ? mentionsToText(n.body) : null,
      url,
      '',
      `— Stride · ${new URL('/notifications', config.publicUrl).toString()}`,
    ]
      .filter((l) => l !== null)
      .join('\n');
    try {
      await transport.sendMail({
        from: config.mailFrom ?? 'Stride <no-reply@stride.local>',
        to: { name: n.name, address: n.email },
        subject: n.title,
        text,
        headers: { 'X-Stride-Notification': n.id, 'Auto-Submitted': 'auto-generated' },
      });
      await db
        .updateTable('notifications')
        .set({ emailStatus: 'sent', emailedAt: now(), emailError: null, emailNextAt: null })
        .where('id', '=', n.id)
        .execute();
      sent++;
    } catch (err) {
      const attempts = n.emailAttempts;
      const delay = BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)] as number;
      await db
        .updateTable('notifications')
        .set({
          emailStatus: 'failed',
          emailError: String((err as Error).message ?? err).slice(0, 1000),
          emailNextAt: attempts >= MAX_EMAIL_ATTEMPTS ? null : new Date(now().getTime() + delay),
        })
        .where('id', '=', n.id)
        .execute();
      failed++;
    }
  }
  return { sent, failed };
}
