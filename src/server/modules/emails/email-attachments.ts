import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EMAIL_ATTACHMENT_MAX_BYTES, type EmailAttachment } from '../../../domain/emails/email.schema.js';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { safeFileName } from '../mailboxes/mail-parse.js';
import { findAttachment, insertAttachment } from './emails.repo.js';
import { getVisibleEmail } from './emails.service.js';

const DIR = 'email-attachments';

export const attachmentTooLarge = () =>
  new AppError('payload_too_large', `An attachment may be at most ${EMAIL_ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`, [
    { field: 'file', message: `is larger than ${EMAIL_ATTACHMENT_MAX_BYTES / 1024 / 1024} MB` },
  ]);

/** The absolute path of a stored attachment; the stored path is relative to DATA_DIR and never leaves it. */
export function attachmentFile(dataDir: string, rel: string): string {
  const abs = path.resolve(dataDir, rel);
  if (!abs.startsWith(path.resolve(dataDir, DIR) + path.sep)) throw new Error(`attachment path outside ${DIR}: ${rel}`);
  return abs;
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/**
 * Stores one uploaded file for a later email of the uploader. The bytes go to DATA_DIR/email-attachments/<id>
 * first; the row is written only for a complete file within the size limit, so a refused upload leaves nothing.
 */
export async function saveAttachment(
  db: Db,
  dataDir: string,
  actor: Actor,
  file: { fileName: string | undefined; contentType: string | undefined; stream: Readable; truncated: () => boolean },
): Promise<EmailAttachment> {
  const id = newId();
  const rel = path.posix.join(DIR, id);
  const abs = path.join(dataDir, DIR, id);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  try {
    await pipeline(file.stream, fs.createWriteStream(abs));
    if (file.truncated()) throw attachmentTooLarge();
    const size = fs.statSync(abs).size;
    if (size === 0) throw new AppError('validation_failed', 'file: is empty', [{ field: 'file', message: 'is empty' }]);
    const contentType =
      file.contentType && MIME.test(file.contentType) ? file.contentType.toLowerCase() : 'application/octet-stream';
    const fileName = safeFileName(file.fileName);
    await insertAttachment(db, { id, fileName, contentType, size, path: rel, uploadedBy: actor.id, createdAt: now() });
    return { id, fileName, contentType, size };
  } catch (err) {
    fs.rmSync(abs, { force: true });
    throw err;
  }
}

/** An attachment for download: its uploader, or anyone who may read the email it went out with. */
export async function openAttachment(db: Db, dataDir: string, actor: Actor, id: string) {
  const row = await findAttachment(db, id);
  if (!row) throw notFound('Attachment');
  if (row.uploadedBy !== actor.id) {
    if (!row.emailId) throw notFound('Attachment');
    await getVisibleEmail(db, actor, row.emailId).catch(() => {
      throw notFound('Attachment');
    });
  }
  return { fileName: row.fileName, contentType: row.contentType, size: row.size, path: attachmentFile(dataDir, row.path) };
}
