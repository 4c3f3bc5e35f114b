import { randomUUID } from 'node:crypto';
import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import {
  EMAIL_ATTACHMENTS_TOTAL_MAX_BYTES,
  type Email,
  type EmailCreate,
  type EmailFormat,
  type EmailListQuery,
  type RecipientSuggestion,
  type ThreadMessage,
} from '../../../domain/emails/email.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertCanCreate, canRead, canWrite, isAdmin, type OwnedEntity } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, forbidden, invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { loadRelated, type RelatedRecord, requireVisibleRelated } from '../activities/related-records.js';
import { appendStream } from '../stream/stream.repo.js';
import { formatAddress, sanitizeEmailHtml } from './email-body.js';
import { recipientSuggestions } from './email-context.js';
import { renderTemplate, requireTemplate } from './email-templates.service.js';
import { toEmails } from './emails.mapper.js';
import {
  bindAttachments,
  findAttachments,
  findEmail,
  insertEmail,
  listEmailRows,
  requeueEmail,
  salesMailboxAddress,
} from './emails.repo.js';

/** What queueing needs from the server's configuration. */
export type MailSettings = { publicUrl: string; mailFrom: string | undefined };

/** Wakes this process's sender loops (an email queued or retried goes out without waiting for the next round). */
const wakers = new Set<() => void>();
export function onEmailQueued(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}
function wakeSenders() {
  for (const wake of wakers) wake();
}

/** The related record when the actor may see it; a 404 otherwise (reading paths). */
async function visibleRelatedOr404(conn: Conn, actor: Actor, ref: RelatedRef): Promise<RelatedRecord> {
  const record = await loadRelated(conn, ref);
  if (!record || !canRead(actor, ref.type as OwnedEntity, record)) throw notFound(ref.type[0]?.toUpperCase() + ref.type.slice(1));
  return record;
}

export function newMessageId(publicUrl: string): string {
  let host = 'stride.local';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // keep the default
  }
  return `<${randomUUID()}@${host}>`;
}

export async function getVisibleEmail(conn: Conn, actor: Actor, id: string): Promise<Email> {
  const row = await findEmail(conn, id);
  if (!row) throw notFound('Email');
  const related = await loadRelated(conn, { type: row.relatedType as RelatedRef['type'], id: row.relatedId });
  if (!related || !canRead(actor, row.relatedType as OwnedEntity, related)) throw notFound('Email');
  return (await toEmails(conn, [row]))[0] as Email;
}

/**
 * Queues an email written on a record the actor may see. The SMTP conversation happens later in the outbox loop
 * (email-sender.ts); the record (status queued) is what the caller gets back and can poll.
 */
export async function queueEmail(db: Db, actor: Actor, input: EmailCreate, settings: MailSettings): Promise<Email> {
  // Sending records an email activity on the record: a role that may not log activities may not send.
  assertCanCreate(actor, 'activity');
  const email = await inTransaction(db, async (tx) => {
    const related = await requireVisibleRelated(tx, actor, input.relatedTo);
    let subject = input.subject;
    let body = input.body;
    let format: EmailFormat = input.format ?? 'text';
    if (input.templateId) {
      const template = await requireTemplate(tx, input.templateId);
      if (!subject || !body?.trim()) {
        const rendered = await renderTemplate(tx, actor, template.id, input.relatedTo);
        subject ||= rendered.subject;
        if (!body?.trim()) body = rendered.body;
        format = input.format ?? rendered.format;
      } else format = input.format ?? (template.format as EmailFormat);
    }
    if (!subject) throw invalidField('subject', 'is required');
    if (!body?.trim()) throw invalidField('body', 'is required');
    subject = subject.replace(/[\r\n]+/g, ' ').trim();
    if (format === 'html') {
      body = sanitizeEmailHtml(body);
      if (!body.trim()) throw invalidField('body', 'has no content left after removing what an email may not contain');
    }

    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    const attachments = await findAttachments(tx, attachmentIds);
    for (const id of attachmentIds) {
      const a = attachments.find((x) => x.id === id);
      if (!a || a.uploadedBy !== actor.id) throw invalidField('attachmentIds', `no such upload ${id}`);
      if (a.emailId) throw invalidField('attachmentIds', `the upload ${id} belongs to another email already`);
    }
    const total = attachments.reduce((n, a) => n + a.size, 0);
    if (total > EMAIL_ATTACHMENTS_TOTAL_MAX_BYTES)
      throw invalidField(
        'attachmentIds',
        `the attachments together exceed ${EMAIL_ATTACHMENTS_TOTAL_MAX_BYTES / 1024 / 1024} MB`,
      );

    const sender = await tx.selectFrom('users').select(['name', 'email']).where('id', '=', actor.id).executeTakeFirst();
    const id = newId();
    const at = now();
    await insertEmail(tx, {
      id,
      relatedType: related.type,
      relatedId: related.id,
      ownerId: actor.id,
      // The CRM's address (MAIL_FROM) under the rep's name; without MAIL_FROM the rep's own address.
      fromAddress: formatAddress(sender?.name ?? actor.name, settings.mailFrom ?? sender?.email ?? actor.email),
      replyTo: await salesMailboxAddress(tx),
      to: input.to,
      cc: (input.cc ?? []).filter((c) => !input.to.includes(c)),
      subject,
      format,
      body,
      templateId: input.templateId ?? null,
      messageId: newMessageId(settings.publicUrl),
      nextAttemptAt: at,
      createdAt: at,
    });
    if ((await bindAttachments(tx, id, attachmentIds, actor.id)) !== attachmentIds.length)
      throw new AppError('conflict', 'An attachment was used by another email meanwhile', [
        { field: 'attachmentIds', message: 'already used' },
      ]);
    await appendStream(tx, {
      entityType: 'email',
      entityId: id,
      type: 'create',
      actorId: actor.id,
      data: { subject, to: input.to, relatedTo: { type: related.type, id: related.id, name: related.name } },
    });
    return getVisibleEmail(tx, actor, id);
  });
  wakeSenders();
  return email;
}

/** Emails of one record (under the record's read rule), or — without a record — the actor's own outbox. */
export async function listEmails(db: Db, actor: Actor, query: EmailListQuery) {
  if (query.relatedType && query.relatedId)
    await visibleRelatedOr404(db, actor, { type: query.relatedType, id: query.relatedId });
  const cursor = decodeCursor(query.cursor);
  const rows = await listEmailRows(db, {
    relatedType: query.relatedType,
    relatedId: query.relatedId,
    ownerId: query.relatedType ? undefined : actor.id,
    status: query.status,
    before: cursor ? { at: new Date(String(cursor.v)), id: cursor.id } : undefined,
    limit: query.limit,
  });
  const more = rows.length > query.limit;
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    data: await toEmails(db, pageRows),
    nextCursor: more && last ? encodeCursor({ v: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/**
 * Sends a failed email again (attempts start over), or a queued one waiting for its next attempt right now.
 * The sender, an administrator, or whoever may change the related record may do it.
 */
export async function retryEmail(db: Db, actor: Actor, id: string, ifMatch: number | undefined): Promise<Email> {
  const email = await inTransaction(db, async (tx) => {
    const current = await getVisibleEmail(tx, actor, id);
    const related = await loadRelated(tx, current.relatedTo);
    if (
      current.ownerId !== actor.id &&
      !isAdmin(actor) &&
      !(related && canWrite(actor, current.relatedTo.type as OwnedEntity, related))
    )
      throw forbidden('Only the sender or someone who may change the record may retry this email');
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    if (current.status === 'sent') throw new AppError('invalid_transition', 'The email was sent already');
    if (current.status === 'sending') throw new AppError('invalid_transition', 'The email is being sent right now');
    if (!(await requeueEmail(tx, id, current.version, now(), current.status === 'failed'))) throw stale();
    await appendStream(tx, {
      entityType: 'email',
      entityId: id,
      type: 'update',
      actorId: actor.id,
      data: { changes: [{ field: 'status', old: current.status, new: 'queued' }], retry: true },
    });
    return getVisibleEmail(tx, actor, id);
  });
  wakeSenders();
  return email;
}

export async function suggestRecipients(db: Db, actor: Actor, ref: RelatedRef): Promise<RecipientSuggestion[]> {
  await visibleRelatedOr404(db, actor, ref);
  return recipientSuggestions(db, ref);
}

type EntryData = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const files = (v: unknown) =>
  (Array.isArray(v) ? v : []).map((a: EntryData) => ({
    ...(typeof a.id === 'string' ? { id: a.id } : {}),
    fileName: String(a.fileName ?? 'attachment'),
    size: Number(a.size ?? 0),
    contentType: String(a.contentType ?? 'application/octet-stream'),
  }));

/**
 * The record's email thread, oldest first: what was sent (the `email_sent` Stream entries, which also carry the
 * emails of a contact or opportunity onto its account), what came back (`email_received`), and what is still
 * in the outbox (queued, sending or failed) — so a failure is visible where the conversation is read.
 */
export async function emailThread(db: Db, actor: Actor, ref: RelatedRef, limit = 200): Promise<ThreadMessage[]> {
  await visibleRelatedOr404(db, actor, ref);
  const entries = await db
    .selectFrom('streamEntries')
    .select(['id', 'type', 'data', 'createdAt'])
    .where('entityType', '=', ref.type)
    .where('entityId', '=', ref.id)
    .where('type', 'in', ['email_sent', 'email_received'])
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  const messages: ThreadMessage[] = entries.map((e) => {
    const d = (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as EntryData;
    const from = d.from as { name?: string | null; address?: string | null } | string | undefined;
    return {
      direction: e.type === 'email_sent' ? 'out' : 'in',
      id: e.type === 'email_sent' ? (str(d.emailId) ?? e.id) : e.id,
      // when it was sent or taken in (a Date header is the sender's clock and may say anything)
      at: e.createdAt.toISOString(),
      date: str(d.date) ?? str(d.sentAt),
      from: typeof from === 'string' ? from : from ? formatAddress(from.name, from.address ?? '') || null : null,
      to: strs(d.to),
      cc: strs(d.cc),
      subject: str(d.subject),
      text: str(d.text),
      html: str(d.html),
      messageId: str(d.messageId),
      inReplyTo: str(d.inReplyTo),
      status: e.type === 'email_sent' ? 'sent' : null,
      lastError: null,
      attachments: files(d.attachments),
    };
  });
  const pending = await db
    .selectFrom('emails')
    .select('id')
    .where('relatedType', '=', ref.type)
    .where('relatedId', '=', ref.id)
    .where('status', '!=', 'sent')
    .orderBy('createdAt', 'desc')
    .limit(50)
    .execute();
  const pendingRows = await Promise.all(pending.map((p) => findEmail(db, p.id)));
  for (const e of await toEmails(
    db,
    pendingRows.filter((r) => r !== undefined),
  )) {
    messages.push({
      direction: 'out',
      id: e.id,
      at: e.createdAt,
      date: null,
      from: e.from,
      to: e.to,
      cc: e.cc,
      subject: e.subject,
      text: e.format === 'text' ? e.body : null,
      html: e.format === 'html' ? e.body : null,
      messageId: e.messageId,
      inReplyTo: null,
      status: e.status,
      lastError: e.lastError,
      attachments: e.attachments,
    });
  }
  return messages.sort((a, b) => a.at.localeCompare(b.at));
}

export async function getSignature(db: Db, actor: Actor): Promise<{ signature: string | null }> {
  const row = await db.selectFrom('users').select('emailSignature').where('id', '=', actor.id).executeTakeFirst();
  return { signature: row?.emailSignature ?? null };
}

/** The sender's own signature ({{user.signature}}); recorded on the user's Stream like any profile change. */
export async function setSignature(db: Db, actor: Actor, signature: string | null): Promise<{ signature: string | null }> {
  const value = signature?.trim() ? signature.replace(/\r\n/g, '\n').trimEnd() : null;
  return inTransaction(db, async (tx) => {
    const current = await tx.selectFrom('users').select('emailSignature').where('id', '=', actor.id).executeTakeFirst();
    if (!current) throw notFound('User');
    if ((current.emailSignature ?? null) === value) return { signature: value };
    await tx.updateTable('users').set({ emailSignature: value, updatedAt: now() }).where('id', '=', actor.id).execute();
    await appendStream(tx, {
      entityType: 'user',
      entityId: actor.id,
      type: 'update',
      actorId: actor.id,
      data: { changes: [{ field: 'emailSignature', old: current.emailSignature ?? null, new: value }] },
    });
    return { signature: value };
  });
}
