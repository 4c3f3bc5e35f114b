import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { SyncResult } from '../../../domain/mailboxes/mailbox.schema.js';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import { loadActor } from '../auth/actor.loader.js';
import { recordFailedMail, takeInMail } from './mail-intake.js';
import { parseMail } from './mail-parse.js';
import { decryptSecret } from './mailbox-secret.js';
import { toMailboxStatus } from './mailboxes.mapper.js';
import { claimLease, findMailboxRow, type MailboxRow, releaseLease, renewLease, setMailboxState } from './mailboxes.repo.js';

/** How long a sync may hold a mailbox before another node may take over (renewed after every message). */
const LEASE_MS = 10 * 60_000;
/** Messages per sync: a big backlog is worked off over several polls instead of one endless sync. */
export const SYNC_BATCH = 200;
/** A message bigger than this is fetched only up to this size (its tail, usually attachments, is cut). */
const MAX_MESSAGE_BYTES = 60 * 1024 * 1024;

export type SyncOptions = {
  batch?: number;
  connectTimeoutMs?: number;
  /** Checked between messages: a shutting-down server stops after the message at hand (the rest comes next time). */
  shouldStop?: () => boolean;
};

/** Readable reason of an IMAP/network failure, for the admin status page. */
export function describeImapError(err: unknown): string {
  const e = err as { message?: string; code?: string; responseText?: string; authenticationFailed?: boolean };
  if (e?.authenticationFailed) return `Login failed${e.responseText ? `: ${e.responseText}` : ''}`;
  const parts = [e?.message ?? String(err)];
  if (e?.responseText && !parts[0]?.includes(e.responseText)) parts.push(e.responseText);
  if (e?.code && !parts.join(' ').includes(e.code)) parts.push(`(${e.code})`);
  return parts.join(': ').slice(0, 1000);
}

/** Who the mail is recorded by: the mailbox's intake user, or — when that user was deactivated — its creator. */
async function intakeActor(db: Db, row: MailboxRow): Promise<Actor> {
  const actor = (await loadActor(db, row.intakeUserId)) ?? (row.createdBy ? await loadActor(db, row.createdBy) : undefined);
  if (!actor) throw new Error('The mailbox intake user is deactivated: choose another intake user for this mailbox');
  return actor;
}

/**
 * One sync of one mailbox: takes the mailbox's lease (409 when another sync holds it), fetches messages with
 * UID > lastUid (from 1 again when UIDVALIDITY changed) and takes each in exactly once. A connection, login or
 * folder failure never throws: it is stored as lastError/lastErrorAt and returned with `ok: false`; the next
 * poll tries again.
 */
export async function syncMailbox(db: Db, dataDir: string, mailboxId: string, opts: SyncOptions = {}): Promise<SyncResult> {
  const token = randomUUID();
  const started = now();
  const row = await claimLease(db, mailboxId, token, started, new Date(started.getTime() + LEASE_MS));
  if (!row) {
    const exists = await findMailboxRow(db, mailboxId);
    if (!exists || exists.deletedAt) throw notFound('Mailbox');
    throw new AppError('conflict', 'A sync of this mailbox is already running; try again when it has finished');
  }
  const result: Omit<SyncResult, 'status'> = {
    ok: false,
    error: null,
    fetched: 0,
    processed: 0,
    leadsCreated: 0,
    toLeads: 0,
    toContacts: 0,
    failed: [],
    more: false,
  };
  let client: ImapFlow | undefined;
  try {
    const actor = await intakeActor(db, row);
    const password = decryptSecret(dataDir, row.passwordEncrypted);
    const timeout = opts.connectTimeoutMs ?? 20_000;
    client = new ImapFlow({
      host: row.host,
      port: row.port,
      secure: row.tls === 'implicit',
      // starttls: the upgrade is required (never fall back to clear text); none: plain, localhost only.
      doSTARTTLS: row.tls === 'starttls',
      auth: { user: row.username, pass: password },
      logger: false,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: 5 * 60_000,
      disableAutoIdle: true,
    });
    // A socket error after connect is also reported through the pending command; without a listener it would crash the process.
    client.on('error', () => {});
    await client.connect();
    const opened = await client.mailboxOpen(row.folder, { readOnly: true });
    const uidValidity = Number(opened.uidValidity);
    let lastUid = Number(row.lastUid);
    if (row.uidValidity === null || Number(row.uidValidity) !== uidValidity) {
      // The server renumbered the folder: old UIDs mean nothing now. Message-IDs in the ledger prevent re-imports.
      lastUid = 0;
      await setMailboxState(db, mailboxId, { uidValidity, lastUid: 0 });
    }
    const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
    // `n:*` always matches the newest message, even when its UID is below n.
    const uids = [...new Set(found)].filter((u) => u > lastUid).sort((a, b) => a - b);
    const batch = uids.slice(0, opts.batch ?? SYNC_BATCH);
    result.more = uids.length > batch.length;
    const key = { mailboxId, mailboxName: row.name, teamId: row.teamId, uidValidity };
    for (const uid of batch) {
      if (opts.shouldStop?.()) {
        result.more = true;
        break;
      }
      const msg = await client.fetchOne(
        String(uid),
        { uid: true, size: true, source: { maxLength: MAX_MESSAGE_BYTES } },
        { uid: true },
      );
      if (msg === false || !msg.source) continue; // expunged meanwhile
      result.fetched += 1;
      let messageId: string | null = null;
      try {
        const mail = await parseMail(msg.source, { dataDir, mailboxId, uidValidity, uid });
        messageId = mail.messageId;
        const outcome = await takeInMail(db, actor, { ...key, uid }, mail);
        if (outcome !== 'duplicate') result.processed += 1;
        if (outcome === 'lead_created') result.leadsCreated += 1;
        if (outcome === 'lead') result.toLeads += 1;
        if (outcome === 'contact') result.toContacts += 1;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await recordFailedMail(db, { ...key, uid }, messageId, message);
        result.failed.push({ uid, message });
      }
      await renewLease(db, mailboxId, token, new Date(now().getTime() + LEASE_MS));
    }
    await client.logout();
    result.ok = true;
    const at = now();
    const failedNote = result.failed.length
      ? `${result.failed.length} message(s) could not be imported: ${result.failed.map((f) => `UID ${f.uid}: ${f.message}`).join('; ')}`.slice(
          0,
          2000,
        )
      : null;
    await setMailboxState(db, mailboxId, {
      lastSyncAt: at,
      lastSuccessAt: at,
      ...(failedNote ? { lastError: failedNote, lastErrorAt: at } : { lastError: null, lastErrorAt: null }),
    });
    if (failedNote) result.error = failedNote;
  } catch (err) {
    const message = describeImapError(err);
    result.ok = false;
    result.error = message;
    const at = now();
    await setMailboxState(db, mailboxId, { lastSyncAt: at, lastError: message, lastErrorAt: at });
    client?.close();
  } finally {
    await releaseLease(db, mailboxId, token);
  }
  const after = await findMailboxRow(db, mailboxId);
  return { ...result, status: toMailboxStatus(after as MailboxRow, now()) };
}
