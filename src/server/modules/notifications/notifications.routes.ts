import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  notification,
  notificationListQuery,
  notificationPreferences,
  notificationPreferencesInput,
} from '../../../domain/notifications/notification.schema.js';
import { actorOf } from '../../http/request.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { notificationHub } from './notification-hub.js';
import {
  getOwnNotification,
  getPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadCount,
  updatePreferences,
} from './notifications.service.js';
import { setNotificationEmailDelivery } from './notify.js';

const tags = ['notifications'];

export function notificationRoutes(app: App) {
  setNotificationEmailDelivery(Boolean(app.config.smtpUrl));
  const db = () => app.database.db;

  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first (`unread=true` for the unread ones only)',
        querystring: notificationListQuery,
        response: { 200: z.object({ data: z.array(notification), nextCursor: z.string().nullable() }), ...errorResponses },
      },
    },
    async (req) => listNotifications(db(), actorOf(req), req.query),
  );
  app.get(
    '/api/v1/notifications/unread-count',
    {
      schema: {
        tags,
        summary: 'How many of my notifications are unread',
        response: { 200: z.object({ count: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => unreadCount(db(), actorOf(req)),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: idParams,
        response: { 200: notification, ...errorResponses },
      },
    },
    async (req) => markNotificationRead(db(), actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: z.object({ updated: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => markAllNotificationsRead(db(), actorOf(req)),
  );
  app.get(
    '/api/v1/notification-preferences',
    {
      schema: {
        tags,
        summary: 'My notification channels per type',
        response: { 200: notificationPreferences, ...errorResponses },
      },
    },
    async (req) => getPreferences(db(), actorOf(req)),
  );
  app.put(
    '/api/v1/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Choose in-app and email delivery per notification type (omitted types keep their setting)',
        body: notificationPreferencesInput,
        response: { 200: notificationPreferences, ...errorResponses },
      },
    },
    async (req) => updatePreferences(db(), actorOf(req), req.body),
  );

  // Live updates: Server-Sent Events. `unread` {count} on connect and after each change; `notification` with the
  // new notification. Works with a session cookie (EventSource) or a bearer token.
  const open = new Set<ServerResponse>();
  app.get(
    '/api/v1/notifications/stream',
    {
      schema: {
        tags,
        summary: 'Live notifications as text/event-stream (events `unread` and `notification`)',
        produces: ['text/event-stream'],
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const hub = notificationHub(app.database, app.log);
      const res = reply.raw;
      reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      open.add(res);
      const send = (event: string, data: unknown) => {
        if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      let closed = false;
      let unsubscribe: (() => void) | undefined;
      const ping = setInterval(() => {
        if (!res.writableEnded) res.write(': ping\n\n');
      }, 25_000);
      ping.unref();
      const cleanup = () => {
        closed = true;
        clearInterval(ping);
        unsubscribe?.();
        open.delete(res);
      };
      req.raw.on('close', cleanup);
      res.on('close', cleanup);
      res.write('retry: 5000\n\n');
      try {
        unsubscribe = await hub.subscribe((event) => {
          if (closed || event.userId !== actor.id || event.hidden) return;
          void (async () => {
            const n = await getOwnNotification(app.database.db, actor, event.id);
            if (n) send('notification', n);
            send('unread', await unreadCount(app.database.db, actor));
          })().catch((err) => app.log.warn(`notification stream: ${(err as Error).message}`));
        });
        if (closed) unsubscribe();
        send('unread', await unreadCount(app.database.db, actor));
      } catch (err) {
        app.log.warn(`notification stream: cannot listen: ${(err as Error).message}`);
        send('error', { message: 'live updates are unavailable; poll /api/v1/notifications/unread-count' });
        res.end();
      }
    },
  );
  // Open streams never end by themselves: end them so the server can close, then stop listening.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
    open.clear();
  });
  app.addHook('onClose', async () => {
    await notificationHub(app.database, app.log).close();
  });
}
