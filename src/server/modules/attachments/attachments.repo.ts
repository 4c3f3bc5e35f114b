import { type Insertable, type Selectable, sql } from 'kysely';
import type { AttachmentRelatedRef } from '../../../domain/attachments/attachment.schema.js';
import type { Conn } from '../../platform/db.js';
import type { AttachmentsTable } from '../../platform/db-types.js';
import { keysetCondition, keysetOrder, keysetPage, type SortSpec } from '../../platform/keyset.js';

export type AttachmentRow = Selectable<AttachmentsTable> & { uploaderName: string | null };

function selectAttachments(conn: Conn) {
  return conn
    .selectFrom('attachments as f')
    .leftJoin('users as u', 'u.id', 'f.createdBy')
    .selectAll('f')
    .select('u.name as uploaderName');
}

export async function findAttachment(conn: Conn, id: string): Promise<AttachmentRow | undefined> {
  return selectAttachments(conn).where('f.id', '=', id).executeTakeFirst();
}

export async function insertAttachment(conn: Conn, values: Insertable<AttachmentsTable>): Promise<void> {
  await conn.insertInto('attachments').values(values).execute();
}

export async function deleteAttachmentRow(conn: Conn, id: string): Promise<void> {
  await conn.deleteFrom('attachments').where('id', '=', id).execute();
}

/** Soft delete or restore; false when the version moved on (412) or the row is not in the expected state. */
export async function setAttachmentDeleted(
  conn: Conn,
  id: string,
  deletedAt: Date | null,
  at: Date,
  expectedVersion?: number,
): Promise<boolean> {
  let q = conn
    .updateTable('attachments')
    .set({ deletedAt, updatedAt: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('deletedAt', deletedAt ? 'is' : 'is not', null);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const NEWEST_FIRST: SortSpec = { expr: sql`f.created_at`, idExpr: sql`f.id`, dir: 'desc', kind: 'timestamp' };

/** One page of a record's attachments, newest first (the caller has checked the record is visible). */
export async function listAttachmentRows(
  conn: Conn,
  related: AttachmentRelatedRef,
  opts: { limit: number; cursor?: string; deleted: boolean },
) {
  let q = selectAttachments(conn)
    .where('f.relatedType', '=', related.type)
    .where('f.relatedId', '=', related.id)
    .where('f.deletedAt', opts.deleted ? 'is not' : 'is', null)
    .orderBy(keysetOrder(NEWEST_FIRST))
    .limit(opts.limit + 1);
  const after = keysetCondition(NEWEST_FIRST, opts.cursor);
  if (after) q = q.where(after);
  const rows = await q.execute();
  return keysetPage(rows, opts.limit, (r) => r.createdAt.toISOString());
}
