import path from 'node:path';
import { sql } from 'kysely';
import { ATTACHMENT_KINDS, type AttachmentKindInfo } from '../../../domain/attachments/attachment.kinds.js';
import { type Attachment, attachmentUploadFields } from '../../../domain/attachments/attachment.schema.js';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import { type Db, inTransaction } from '../../platform/db.js';
import { AppError, invalidField } from '../../platform/errors.js';
import type { FileStore, StagedFile } from '../../platform/files.js';
import { newId } from '../../platform/ids.js';
import { appendStream } from '../stream/stream.repo.js';
import { requireParent } from './attachment-related.js';
import { detectAttachmentKind, type TextProbe } from './attachment-type.js';
import { deleteAttachmentRow, findAttachment, insertAttachment } from './attachments.repo.js';
import { toAttachment } from './attachments.service.js';

export type Upload = {
  /** the multipart form fields other than the file */
  fields: Record<string, string>;
  fileName: string;
  mimeType: string | undefined;
  staged: StagedFile;
  probe: TextProbe;
  maxBytes: number;
};

export const tooLarge = (maxBytes: number) => {
  const mb = Math.round(maxBytes / (1024 * 1024));
  return new AppError('payload_too_large', `file: is larger than the ${mb} MB an attachment may have`, [
    { field: 'file', message: `is larger than ${mb} MB` },
  ]);
};

/** A file name as stored and offered back: no folders, no control characters, at most 255 characters. */
export function cleanFileName(raw: string): string {
  const base = [...path.basename(raw.replace(/\\/g, '/'))]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  if (!base || base === '.' || base === '..') return 'file';
  if (base.length <= 255) return base;
  const ext = path.extname(base).slice(0, 20);
  return base.slice(0, 255 - ext.length) + ext;
}

/**
 * Attaches an uploaded (already staged) file to a record. Order: fields → access (404/403) → size → type from
 * the bytes (415) → row + `create_related` entry in one transaction → the staged bytes renamed to their key.
 * The staged file is discarded on every failure, and a failed rename undoes the row: no orphans, no half records.
 */
export async function uploadAttachment(db: Db, store: FileStore, actor: Actor, upload: Upload): Promise<Attachment> {
  const { staged } = upload;
  let committed = false;
  try {
    const parsed = attachmentUploadFields.safeParse(upload.fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? 'relatedType');
      throw invalidField(field, upload.fields[field] === undefined ? 'is required' : (issue?.message ?? 'is invalid'));
    }
    const ref = { type: parsed.data.relatedType, id: parsed.data.relatedId };
    await requireParent(db, actor, ref, 'write');
    if (staged.tooLarge) throw tooLarge(upload.maxBytes);
    if (staged.size === 0) throw invalidField('file', 'is empty');
    upload.probe.finish();
    const kind = await detectAttachmentKind(staged.localPath, upload.probe, {
      fileName: upload.fileName,
      mimeType: upload.mimeType,
    });
    const info: AttachmentKindInfo = ATTACHMENT_KINDS[kind];
    const id = newId();
    const fileName = cleanFileName(upload.fileName);
    await inTransaction(db, async (tx) => {
      // checked again inside the transaction: the record may have been deleted or reassigned meanwhile
      const parent = await requireParent(tx, actor, ref, 'write');
      const at = now();
      await insertAttachment(tx, {
        id,
        relatedType: parent.type,
        relatedId: parent.id,
        fileName,
        contentType: info.mime,
        kind,
        declaredType: upload.mimeType?.slice(0, 200) || null,
        size: staged.size,
        sha256: staged.sha256,
        activeContent: Boolean(info.active),
        storageKey: id,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      });
      await appendStream(tx, {
        entityType: parent.type,
        entityId: parent.id,
        type: 'create_related',
        actorId: actor.id,
        data: {
          relation: 'attachments',
          record: { type: 'attachment', id, name: fileName, size: staged.size, contentType: info.mime },
        },
      });
    });
    try {
      await store.commit(staged, id);
      committed = true;
    } catch (err) {
      // the bytes could not be put in place: take the record back out so nothing points at a missing file
      await inTransaction(db, async (tx) => {
        await deleteAttachmentRow(tx, id);
        await sql`DELETE FROM stream_entries WHERE entity_type = ${ref.type} AND entity_id = ${ref.id}
          AND type = 'create_related' AND data->'record'->>'id' = ${id}`.execute(tx);
      });
      throw err;
    }
    const row = await findAttachment(db, id);
    return toAttachment(row as NonNullable<typeof row>);
  } finally {
    if (!committed) await store.discard(staged);
  }
}
