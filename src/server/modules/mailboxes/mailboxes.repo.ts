import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Conn } from '../../platform/db.js';
import type { MailboxesTable } from '../../platform/db-types.js';

export type MailboxRow = Selectable<MailboxesTable>;

export async function findMailboxRow(conn: Conn, id: string): Promise<MailboxRow | undefined> {
  return conn.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listMailboxRows(conn: Conn, opts: { deleted: boolean }): Promise<MailboxRow[]> {
  return conn
    .selectFrom('mailboxes')
    .selectAll()
    .where('deletedAt', opts.deleted ? 'is not' : 'is', null)
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('id')
    .execute();
}

export async function insertMailboxRow(conn: Conn, values: Insertable<MailboxesTable>) {
  await conn.insertInto('mailboxes').values(values).execute();
}

/** A configuration change: bumps the version only when `version` still matches (optimistic concurrency). */
export async function updateMailboxRow(
  conn: Conn,
  id: string,
  version: number,
  values: Updateable<MailboxesTable>,
): Promise<boolean> {
  const res = await conn
    .updateTable('mailboxes')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Sync bookkeeping (status, UID state, lease): never bumps the version, so polling never makes an edit stale. */
export async function setMailboxState(conn: Conn, id: string, values: Updateable<MailboxesTable>) {
  await conn.updateTable('mailboxes').set(values).where('id', '=', id).execute();
}

/**
 * Takes the mailbox's sync lease when it is free or expired. A lease (not pg_advisory_lock) because a sync
 * waits on the network and must not pin one of the pool's connections — PGlite has only one.
 */
export async function claimLease(conn: Conn, id: string, token: string, at: Date, until: Date): Promise<MailboxRow | undefined> {
  return conn
    .updateTable('mailboxes')
    .set({ lockedUntil: until, lockedBy: token })
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', at)]))
    .returningAll()
    .executeTakeFirst();
}

export async function renewLease(conn: Conn, id: string, token: string, until: Date) {
  await conn.updateTable('mailboxes').set({ lockedUntil: until }).where('id', '=', id).where('lockedBy', '=', token).execute();
}

export async function releaseLease(conn: Conn, id: string, token: string) {
  await conn
    .updateTable('mailboxes')
    .set({ lockedUntil: null, lockedBy: null })
    .where('id', '=', id)
    .where('lockedBy', '=', token)
    .execute();
}

/** Active mailboxes whose poll interval has passed and that no node is syncing. */
export async function dueMailboxIds(conn: Conn, at: Date): Promise<string[]> {
  const rows = await conn
    .selectFrom('mailboxes')
    .select(['id', 'lastSyncAt', 'pollMinutes', 'lockedUntil'])
    .where('active', '=', true)
    .where('deletedAt', 'is', null)
    .execute();
  return rows
    .filter((r) => !r.lockedUntil || r.lockedUntil < at)
    .filter((r) => !r.lastSyncAt || r.lastSyncAt.getTime() + r.pollMinutes * 60_000 <= at.getTime())
    .sort((a, b) => (a.lastSyncAt?.getTime() ?? 0) - (b.lastSyncAt?.getTime() ?? 0))
    .map((r) => r.id);
}
