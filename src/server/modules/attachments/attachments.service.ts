import type { Readable } from 'node:stream';
import { kindInfo } from '../../../domain/attachments/attachment.kinds.js';
import type { Attachment, AttachmentListQuery, AttachmentRelatedRef } from '../../../domain/attachments/attachment.schema.js';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, notFound, stale } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files.js';
import { recordMetaOf } from '../../platform/record-meta.js';
import { appendStream } from '../stream/stream.repo.js';
import { type AttachmentParent, requireParent } from './attachment-related.js';
import { type AttachmentRow, findAttachment, listAttachmentRows, setAttachmentDeleted } from './attachments.repo.js';

const BASE = '/api/v1/attachments';

export function toAttachment(row: AttachmentRow): Attachment {
  const info = kindInfo(row.kind);
  const previewable = Boolean(info?.previewable) && !row.activeContent;
  return {
    ...recordMetaOf(row),
    relatedTo: { type: row.relatedType as AttachmentRelatedRef['type'], id: row.relatedId },
    fileName: row.fileName,
    contentType: row.contentType,
    kind: row.kind,
    size: Number(row.size),
    sha256: row.sha256,
    activeContent: row.activeContent,
    previewable,
    uploadedBy: row.createdBy ? { id: row.createdBy, name: row.uploaderName ?? '' } : null,
    deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
    downloadUrl: `${BASE}/${row.id}/download`,
    previewUrl: previewable ? `${BASE}/${row.id}/preview` : null,
  };
}

/** An attachment whose record the actor may see (else 404); deleted ones only when asked for. */
async function visibleAttachment(
  conn: Conn,
  actor: Actor,
  id: string,
  opts: { deleted?: boolean; write?: boolean } = {},
): Promise<{ row: AttachmentRow; parent: AttachmentParent }> {
  const row = await findAttachment(conn, id);
  if (!row) throw notFound('Attachment');
  const ref = { type: row.relatedType as AttachmentRelatedRef['type'], id: row.relatedId };
  let parent: AttachmentParent;
  try {
    parent = await requireParent(conn, actor, ref, 'read');
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw notFound('Attachment');
    throw err;
  }
  if (row.deletedAt && !opts.deleted) throw notFound('Attachment');
  if (opts.write) await requireParent(conn, actor, ref, 'write');
  return { row, parent };
}

export async function listAttachments(db: Db, actor: Actor, query: AttachmentListQuery) {
  const ref = { type: query.relatedType, id: query.relatedId };
  await requireParent(db, actor, ref, 'read');
  const { rows, nextCursor } = await listAttachmentRows(db, ref, query);
  return { data: rows.map(toAttachment), nextCursor };
}

export async function getAttachment(db: Db, actor: Actor, id: string): Promise<Attachment> {
  return toAttachment((await visibleAttachment(db, actor, id)).row);
}

const streamRecord = (row: AttachmentRow) => ({ type: 'attachment', id: row.id, name: row.fileName });

/**
 * Opens an attachment's bytes for download or preview and records the access in the related record's Stream
 * (downloads are audited). The entry is written before any byte is sent.
 */
export async function openAttachment(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: string,
  mode: 'download' | 'preview',
): Promise<{ attachment: Attachment; body: Readable }> {
  const { row } = await visibleAttachment(db, actor, id);
  const attachment = toAttachment(row);
  if (mode === 'preview' && !attachment.previewable) {
    throw new AppError('unsupported_media_type', `There is no preview for ${row.contentType}: download the file instead`, [
      { field: 'id', message: 'has no preview; download it' },
    ]);
  }
  const body = await store.get(row.storageKey);
  if (!body) throw new AppError('not_found', 'The file of this attachment is missing from the file store');
  try {
    await inTransaction(db, async (tx) => {
      const parent = await requireParent(tx, actor, { type: attachment.relatedTo.type, id: attachment.relatedTo.id }, 'read');
      await appendStream(tx, {
        entityType: parent.type,
        entityId: parent.id,
        type: 'download',
        actorId: actor.id,
        data: { record: streamRecord(row), ...(mode === 'preview' ? { preview: true } : {}) },
      });
    });
  } catch (err) {
    body.destroy();
    throw err;
  }
  return { attachment, body };
}

/** Soft delete (restorable): an `unrelate` entry on the record. Needs write access to the record. */
export async function deleteAttachment(db: Db, actor: Actor, id: string, ifMatch: number | undefined): Promise<void> {
  await inTransaction(db, async (tx) => {
    const { row, parent } = await visibleAttachment(tx, actor, id, { write: true });
    if (ifMatch !== undefined && ifMatch !== row.version) throw stale();
    if (!(await setAttachmentDeleted(tx, id, now(), now(), row.version))) throw stale();
    await appendStream(tx, {
      entityType: parent.type,
      entityId: parent.id,
      type: 'unrelate',
      actorId: actor.id,
      data: { relation: 'attachments', record: streamRecord(row) },
    });
  });
}

/** Brings a deleted attachment back: a `relate` entry (restored) on the record. */
export async function restoreAttachment(db: Db, actor: Actor, id: string): Promise<Attachment> {
  return inTransaction(db, async (tx) => {
    const { row, parent } = await visibleAttachment(tx, actor, id, { deleted: true, write: true });
    if (!row.deletedAt) return toAttachment(row);
    if (!(await setAttachmentDeleted(tx, id, null, now(), row.version))) throw stale();
    await appendStream(tx, {
      entityType: parent.type,
      entityId: parent.id,
      type: 'relate',
      actorId: actor.id,
      data: { relation: 'attachments', record: streamRecord(row), restored: true },
    });
    return toAttachment((await findAttachment(tx, id)) as AttachmentRow);
  });
}
