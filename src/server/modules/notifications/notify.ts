import { sql } from 'kysely';
import {
  DEFAULT_PREFERENCES,
  type NotificationPreferences,
  type NotificationType,
} from '../../../domain/notifications/notification.schema.js';
import { now } from '../../platform/clock.js';
import type { Conn } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';
import { NOTIFY_CHANNEL, preferenceRows } from './notifications.repo.js';

/**
 * THE way anything notifies a user (mentions, assignments, reminders, SLA breaches, approval requests).
 * Call it with the transaction of the change it announces: the row and the NOTIFY that wakes the live
 * streams commit (or roll back) together with the change. Emails go out after commit (notification-mailer.ts).
 */
export type NotificationInput = {
  userId: string;
  type: NotificationType;
  /** Plain text, or per the recipient's locale (cs, en, de). */
  title: string | ((locale: string) => string);
  /** Plain text, or per the recipient's locale like the title. */
  body?: string | null | ((locale: string) => string);
  /** In-app path of the record, e.g. `/leads/<id>` (emails prefix PUBLIC_URL). */
  link?: string | null;
  entity?: { type: string; id: string } | null;
  /** Who caused it (null for the system); nobody is notified of their own action. */
  actorId?: string | null;
  /** Idempotency key per user: a second notify with the same key does nothing (exactly-once producers). */
  dedupeKey?: string | null;
};

let emailDelivery = false;

/** Set at start-up from SMTP_URL: without a mail server nothing is queued for email. */
export function setNotificationEmailDelivery(enabled: boolean): void {
  emailDelivery = enabled;
}

export async function preferencesOf(conn: Conn, userIds: string[]): Promise<Map<string, NotificationPreferences>> {
  const out = new Map<string, NotificationPreferences>();
  for (const id of userIds) out.set(id, structuredClone(DEFAULT_PREFERENCES));
  for (const r of await preferenceRows(conn, userIds)) {
    const prefs = out.get(r.userId);
    if (prefs && r.type in prefs) prefs[r.type as NotificationType] = { inApp: r.inApp, email: r.email };
  }
  return out;
}

/** Creates the notifications that the recipients' preferences allow; returns the ids created. */
export async function notify(conn: Conn, input: NotificationInput | NotificationInput[]): Promise<string[]> {
  const inputs = (Array.isArray(input) ? input : [input]).filter((n) => n.userId !== n.actorId);
  if (inputs.length === 0) return [];
  const userIds = [...new Set(inputs.map((n) => n.userId))];
  const active = new Map(
    (await conn.selectFrom('users').select(['id', 'locale']).where('id', 'in', userIds).where('active', '=', true).execute()).map(
      (u) => [u.id, u.locale],
    ),
  );
  const prefs = await preferencesOf(conn, userIds);
  const at = now();
  const created: string[] = [];
  for (const n of inputs) {
    if (!active.has(n.userId)) continue;
    const pref = prefs.get(n.userId)?.[n.type] ?? DEFAULT_PREFERENCES[n.type];
    const email = emailDelivery && pref.email;
    if (!pref.inApp && !email) continue;
    const id = newId();
    const row = await conn
      .insertInto('notifications')
      .values({
        id,
        userId: n.userId,
        type: n.type,
        title: (typeof n.title === 'function' ? n.title(active.get(n.userId) ?? 'en') : n.title).slice(0, 500),
        body: (typeof n.body === 'function' ? n.body(active.get(n.userId) ?? 'en') : n.body)?.slice(0, 2000) || null,
        link: n.link ?? null,
        entityType: n.entity?.type ?? null,
        entityId: n.entity?.id ?? null,
        actorId: n.actorId ?? null,
        dedupeKey: n.dedupeKey ?? null,
        inApp: pref.inApp,
        emailStatus: email ? 'pending' : null,
        emailNextAt: email ? at : null,
        createdAt: at,
      })
      .onConflict((oc) => oc.columns(['userId', 'dedupeKey']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    created.push(id);
    // Delivered to listeners only when the transaction commits (Postgres and PGlite alike).
    const payload = JSON.stringify({ u: n.userId, id, ...(pref.inApp ? {} : { hidden: 1 }), ...(email ? { e: 1 } : {}) });
    await sql`SELECT pg_notify(${NOTIFY_CHANNEL}, ${payload})`.execute(conn);
  }
  return created;
}

const RECORD_PATHS: Record<string, string> = {
  lead: '/leads',
  contact: '/contacts',
  account: '/accounts',
  opportunity: '/opportunities',
  activity: '/activities',
};

/** The in-app path of a record, for a notification's link. */
export function recordLink(type: string, id: string): string | null {
  const base = RECORD_PATHS[type];
  return base ? `${base}/${id}` : null;
}
