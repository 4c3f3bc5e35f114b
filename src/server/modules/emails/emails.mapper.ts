import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import type { Email, EmailFormat, EmailStatus } from '../../../domain/emails/email.schema.js';
import type { Conn } from '../../platform/db.js';
import { isoOrNull, recordMetaOf } from '../../platform/record-meta.js';
import { loadRelated } from '../activities/related-records.js';
import { attachmentsOfEmails, type EmailRow } from './emails.repo.js';

/** Rows → API records, with the related record's name, the sender's name and the attachments (few queries per page). */
export async function toEmails(conn: Conn, rows: EmailRow[]): Promise<Email[]> {
  if (rows.length === 0) return [];
  const attachments = await attachmentsOfEmails(
    conn,
    rows.map((r) => r.id),
  );
  const ownerIds = [...new Set(rows.map((r) => r.ownerId))];
  const owners = await conn.selectFrom('users').select(['id', 'name']).where('id', 'in', ownerIds).execute();
  const names = new Map<string, string | null>();
  for (const r of rows) {
    const key = `${r.relatedType}:${r.relatedId}`;
    if (!names.has(key))
      names.set(key, (await loadRelated(conn, { type: r.relatedType as RelatedRef['type'], id: r.relatedId }))?.name ?? null);
  }
  return rows.map((r) => {
    const owner = owners.find((o) => o.id === r.ownerId);
    return {
      ...recordMetaOf(r),
      relatedTo: {
        type: r.relatedType as RelatedRef['type'],
        id: r.relatedId,
        name: names.get(`${r.relatedType}:${r.relatedId}`) ?? null,
      },
      ownerId: r.ownerId,
      owner: owner ? { id: owner.id, name: owner.name } : null,
      from: r.fromAddress,
      replyTo: r.replyTo,
      to: r.toAddresses,
      cc: r.ccAddresses,
      subject: r.subject,
      format: r.format as EmailFormat,
      body: r.body,
      templateId: r.templateId,
      messageId: r.messageId,
      status: r.status as EmailStatus,
      attempts: r.attempts,
      maxAttempts: r.maxAttempts,
      nextAttemptAt: r.status === 'queued' ? isoOrNull(r.nextAttemptAt) : null,
      lastAttemptAt: isoOrNull(r.lastAttemptAt),
      lastError: r.lastError,
      sentAt: isoOrNull(r.sentAt),
      activityId: r.activityId,
      attachments: attachments
        .filter((a) => a.emailId === r.id)
        .map((a) => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size })),
    };
  });
}
