import { type Selectable, sql } from 'kysely';
import type { Conn } from '../../platform/db.js';
import type { EmailTemplatesTable } from '../../platform/db-types.js';
import { updateIfVersion } from '../../platform/versioned.js';

export type EmailTemplateRow = Selectable<EmailTemplatesTable>;

export function findTemplate(conn: Conn, id: string) {
  return conn.selectFrom('emailTemplates').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listTemplateRows(conn: Conn, opts: { q?: string; deleted: boolean }) {
  let q = conn.selectFrom('emailTemplates').selectAll();
  q = opts.deleted ? q.where('deletedAt', 'is not', null) : q.where('deletedAt', 'is', null);
  if (opts.q) q = q.where(sql<boolean>`lower(name) LIKE ${`%${opts.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`}`);
  return q.orderBy(sql`lower(name)`).orderBy('id').limit(500).execute();
}

export async function nameTaken(conn: Conn, name: string, exceptId?: string): Promise<boolean> {
  let q = conn
    .selectFrom('emailTemplates')
    .select('id')
    .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`)
    .where('deletedAt', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertTemplate(
  conn: Conn,
  t: { id: string; name: string; subject: string; body: string; format: string; createdBy: string; createdAt: Date },
) {
  await conn
    .insertInto('emailTemplates')
    .values({ ...t, updatedAt: t.createdAt })
    .execute();
}

export function updateTemplateRow(
  conn: Conn,
  id: string,
  version: number,
  set: Partial<{ name: string; subject: string; body: string; format: string; deletedAt: Date | null }> & { updatedAt: Date },
): Promise<boolean> {
  return updateIfVersion(conn, 'emailTemplates', id, version, set);
}
