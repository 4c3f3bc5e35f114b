import { type Selectable, sql } from 'kysely';
import type { Conn, Db } from '../../platform/db.js';
import type { EmailsTable } from '../../platform/db-types.js';

export type EmailRow = Selectable<EmailsTable>;
export type NewEmailRow = {
  id: string;
  relatedType: string;
  relatedId: string;
  ownerId: string;
  fromAddress: string;
  replyTo: string | null;
  to: string[];
  cc: string[];
  subject: string;
  format: string;
  body: string;
  templateId: string | null;
  messageId: string;
  nextAttemptAt: Date;
  createdAt: Date;
};

export async function insertEmail(conn: Conn, e: NewEmailRow) {
  const { to, cc, ...rest } = e;
  await conn
    .insertInto('emails')
    .values({
      ...rest,
      toAddresses: JSON.stringify(to),
      ccAddresses: JSON.stringify(cc),
      status: 'queued',
      updatedAt: e.createdAt,
      createdBy: e.ownerId,
    })
    .execute();
}

export function findEmail(conn: Conn, id: string) {
  return conn.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listEmailRows(
  conn: Conn,
  filter: {
    relatedType?: string;
    relatedId?: string;
    ownerId?: string;
    status?: string;
    before?: { at: Date; id: string };
    limit: number;
  },
) {
  let q = conn.selectFrom('emails').selectAll();
  if (filter.relatedType && filter.relatedId)
    q = q.where('relatedType', '=', filter.relatedType).where('relatedId', '=', filter.relatedId);
  if (filter.ownerId) q = q.where('ownerId', '=', filter.ownerId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.before) {
    const b = filter.before;
    q = q.where((eb) => eb.or([eb('createdAt', '<', b.at), eb.and([eb('createdAt', '=', b.at), eb('id', '<', b.id)])]));
  }
  return q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

/** Emails whose Message-ID a reply names (In-Reply-To / References). */
export function findEmailsByMessageIds(conn: Conn, messageIds: string[]) {
  if (messageIds.length === 0) return Promise.resolve([]);
  return conn
    .selectFrom('emails')
    .select(['id', 'relatedType', 'relatedId', 'messageId', 'createdAt'])
    .where('messageId', 'in', messageIds)
    .orderBy('createdAt', 'desc')
    .execute();
}

/**
 * Claims the next due email for one send attempt: a queued email whose time has come, or one left `sending` by a
 * node that died (its lease ran out). `FOR UPDATE SKIP LOCKED` plus the status/lease condition in the UPDATE make
 * the claim exclusive across nodes; the claim commits at once, so no transaction stays open during the SMTP talk.
 */
export async function claimDueEmail(db: Db, token: string, at: Date, leaseUntil: Date): Promise<EmailRow | undefined> {
  const res = await sql<{ id: string }>`
    UPDATE emails SET status = 'sending', locked_by = ${token}, locked_until = ${leaseUntil},
      attempts = attempts + 1, last_attempt_at = ${at}, updated_at = ${at}, version = version + 1
    WHERE id = (
      SELECT id FROM emails
      WHERE (status = 'queued' AND next_attempt_at <= ${at}) OR (status = 'sending' AND locked_until < ${at})
      ORDER BY next_attempt_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    AND ((status = 'queued' AND next_attempt_at <= ${at}) OR (status = 'sending' AND locked_until < ${at}))
    RETURNING id`.execute(db);
  const id = res.rows[0]?.id;
  return id ? findEmail(db, id) : undefined;
}

/** Ends an attempt, but only while this attempt still holds the lease (the fence against a late, expired sender). */
export async function finishAttempt(
  conn: Conn,
  id: string,
  token: string,
  set: {
    status: 'queued' | 'sent' | 'failed';
    at: Date;
    lastError?: string | null;
    nextAttemptAt?: Date | null;
    sentAt?: Date | null;
    smtpResponse?: string | null;
    activityId?: string | null;
  },
): Promise<boolean> {
  const { at, ...rest } = set;
  const r = await conn
    .updateTable('emails')
    .set({ ...rest, lockedBy: null, lockedUntil: null, updatedAt: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('lockedBy', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A manual retry: a failed email (or a queued one waiting for its next attempt) goes out as soon as a sender looks. */
export async function requeueEmail(conn: Conn, id: string, version: number, at: Date, resetAttempts: boolean): Promise<boolean> {
  const r = await conn
    .updateTable('emails')
    .set((eb) => ({
      status: 'queued',
      nextAttemptAt: at,
      attempts: resetAttempts ? 0 : eb.ref('attempts'),
      updatedAt: at,
      version: sql`version + 1`,
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', 'in', ['failed', 'queued'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function attachmentsOfEmails(conn: Conn, emailIds: string[]) {
  if (emailIds.length === 0) return Promise.resolve([]);
  return conn
    .selectFrom('emailAttachments')
    .select(['id', 'emailId', 'fileName', 'contentType', 'size', 'path'])
    .where('emailId', 'in', emailIds)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export function findAttachments(conn: Conn, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return conn.selectFrom('emailAttachments').selectAll().where('id', 'in', ids).execute();
}

export function findAttachment(conn: Conn, id: string) {
  return conn.selectFrom('emailAttachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAttachment(
  conn: Conn,
  a: { id: string; fileName: string; contentType: string; size: number; path: string; uploadedBy: string; createdAt: Date },
) {
  await conn.insertInto('emailAttachments').values(a).execute();
}

/** Takes unused uploads of the user for one email; returns how many were taken. */
export async function bindAttachments(conn: Conn, emailId: string, ids: string[], userId: string): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await conn
    .updateTable('emailAttachments')
    .set({ emailId })
    .where('id', 'in', ids)
    .where('uploadedBy', '=', userId)
    .where('emailId', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The address replies should go to: the first active sales mailbox whose login is an address. */
export async function salesMailboxAddress(conn: Conn): Promise<string | null> {
  const row = await conn
    .selectFrom('mailboxes')
    .select('username')
    .where('active', '=', true)
    .where('deletedAt', 'is', null)
    .where('username', 'like', '%@%')
    .orderBy('createdAt')
    .orderBy('id')
    .executeTakeFirst();
  return row?.username.toLowerCase() ?? null;
}
