import {
  NOTIFICATION_TYPES,
  type Notification,
  type NotificationListQuery,
  type NotificationPreferences,
  type NotificationType,
} from '../../../domain/notifications/notification.schema.js';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { keysetPage } from '../../platform/keyset.js';
import {
  countUnread,
  findNotificationRow,
  listNotificationRows,
  markAllRead,
  markRead,
  type NotificationRow,
  upsertPreference,
} from './notifications.repo.js';
import { preferencesOf } from './notify.js';

/** Notifications are private to their recipient: every read and write here is scoped to `actor.id`. */

export function toNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    type: r.type as NotificationType,
    title: r.title,
    body: r.body,
    link: r.link,
    entity: r.entityType && r.entityId ? { type: r.entityType, id: r.entityId } : null,
    actor: r.actorId ? { id: r.actorId, name: r.actorName ?? '' } : null,
    readAt: r.readAt ? r.readAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    email: r.emailStatus
      ? {
          status: r.emailStatus as 'pending' | 'sending' | 'sent' | 'failed',
          attempts: r.emailAttempts,
          error: r.emailError,
          sentAt: r.emailedAt ? r.emailedAt.toISOString() : null,
        }
      : null,
  };
}

export async function listNotifications(db: Db, actor: Actor, query: NotificationListQuery) {
  const rows = await listNotificationRows(db, actor.id, {
    unread: query.unread === 'true',
    limit: query.limit,
    cursor: query.cursor,
  });
  const page = keysetPage(rows, query.limit, (r) => r.createdAt.toISOString());
  return { data: page.rows.map(toNotification), nextCursor: page.nextCursor };
}

/** One of the actor's own notifications (used by the live stream); undefined for anyone else's. */
export async function getOwnNotification(conn: Conn, actor: Actor, id: string): Promise<Notification | undefined> {
  const row = await findNotificationRow(conn, id);
  return row && row.userId === actor.id ? toNotification(row) : undefined;
}

export async function unreadCount(db: Db, actor: Actor): Promise<{ count: number }> {
  return { count: await countUnread(db, actor.id) };
}

export async function markNotificationRead(db: Db, actor: Actor, id: string): Promise<Notification> {
  if (!(await markRead(db, actor.id, id, now()))) throw notFound('Notification');
  const row = await findNotificationRow(db, id);
  if (!row) throw notFound('Notification');
  return toNotification(row);
}

export async function markAllNotificationsRead(db: Db, actor: Actor): Promise<{ updated: number }> {
  return { updated: await markAllRead(db, actor.id, now()) };
}

export async function getPreferences(conn: Conn, actor: Actor): Promise<NotificationPreferences> {
  return (await preferencesOf(conn, [actor.id])).get(actor.id) as NotificationPreferences;
}

export async function updatePreferences(
  db: Db,
  actor: Actor,
  input: Partial<NotificationPreferences>,
): Promise<NotificationPreferences> {
  return inTransaction(db, async (tx) => {
    const at = now();
    for (const type of NOTIFICATION_TYPES) {
      const choice = input[type];
      if (choice) await upsertPreference(tx, actor.id, type, choice.inApp, choice.email, at);
    }
    return getPreferences(tx, actor);
  });
}
