import { sql } from 'kysely';
import type { Conn } from '../../platform/db.js';
import { keysetCondition, keysetOrder, type SortSpec } from '../../platform/keyset.js';

/** The channel NOTIFY carries new notifications on: payload `{"u":<user id>,"id":<notification id>}`. */
export const NOTIFY_CHANNEL = 'stride_notifications';

const NEWEST_FIRST: SortSpec = { expr: sql`n.created_at`, idExpr: sql`n.id`, dir: 'desc', kind: 'timestamp' };

function selectNotifications(conn: Conn) {
  return conn
    .selectFrom('notifications as n')
    .leftJoin('users as u', 'u.id', 'n.actorId')
    .select([
      'n.id',
      'n.userId',
      'n.type',
      'n.title',
      'n.body',
      'n.link',
      'n.entityType',
      'n.entityId',
      'n.actorId',
      'u.name as actorName',
      'n.readAt',
      'n.emailStatus',
      'n.emailAttempts',
      'n.emailError',
      'n.emailedAt',
      'n.createdAt',
    ]);
}

/** A notification as selectNotifications loads it, with the actor's name. */
export type NotificationRow = Awaited<ReturnType<ReturnType<typeof selectNotifications>['executeTakeFirstOrThrow']>>;

export async function listNotificationRows(
  conn: Conn,
  userId: string,
  opts: { unread?: boolean; limit: number; cursor?: string },
): Promise<NotificationRow[]> {
  let q = selectNotifications(conn).where('n.userId', '=', userId).where('n.inApp', '=', true);
  if (opts.unread) q = q.where('n.readAt', 'is', null);
  const after = keysetCondition(NEWEST_FIRST, opts.cursor);
  if (after) q = q.where(after);
  return q
    .orderBy(keysetOrder(NEWEST_FIRST))
    .limit(opts.limit + 1)
    .execute();
}

export async function findNotificationRow(conn: Conn, id: string): Promise<NotificationRow | undefined> {
  return selectNotifications(conn).where('n.id', '=', id).executeTakeFirst();
}

export async function countUnread(conn: Conn, userId: string): Promise<number> {
  const row = await conn
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('inApp', '=', true)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function markRead(conn: Conn, userId: string, id: string, at: Date): Promise<boolean> {
  const owned = await conn
    .updateTable('notifications')
    .set({ readAt: sql`coalesce(read_at, ${at})` })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('inApp', '=', true)
    .executeTakeFirst();
  return Number(owned.numUpdatedRows) > 0;
}

export async function markAllRead(conn: Conn, userId: string, at: Date): Promise<number> {
  const res = await conn
    .updateTable('notifications')
    .set({ readAt: at })
    .where('userId', '=', userId)
    .where('inApp', '=', true)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function preferenceRows(conn: Conn, userIds: string[]) {
  if (userIds.length === 0) return [];
  return conn
    .selectFrom('notificationPreferences')
    .select(['userId', 'type', 'inApp', 'email'])
    .where('userId', 'in', userIds)
    .execute();
}

export async function upsertPreference(conn: Conn, userId: string, type: string, inApp: boolean, email: boolean, at: Date) {
  await conn
    .insertInto('notificationPreferences')
    .values({ userId, type, inApp, email, updatedAt: at })
    .onConflict((oc) => oc.columns(['userId', 'type']).doUpdateSet({ inApp, email, updatedAt: at }))
    .execute();
}
