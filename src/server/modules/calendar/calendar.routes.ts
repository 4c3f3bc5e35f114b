import { calendarFeed, feedTokenParam } from '../../../domain/calendar/calendar.schema.js';
import { actorOf } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { notFound } from '../../platform/errors.js';
import { getCalendarFeed, renderCalendarFeed, rotateCalendarFeed } from './feed.service.js';

export function calendarRoutes(app: App) {
  app.get(
    '/api/v1/calendar/feed',
    {
      schema: {
        tags: ['calendar'],
        summary: "The signed-in user's private ICS feed URL (issued on first use)",
        response: { 200: calendarFeed, ...errorResponses },
      },
    },
    async (req) => getCalendarFeed(app.database.db, actorOf(req), app.config),
  );
  app.post(
    '/api/v1/calendar/feed/rotate',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Revoke the current feed URL and issue a new one',
        response: { 200: calendarFeed, ...errorResponses },
      },
    },
    async (req) => rotateCalendarFeed(app.database.db, actorOf(req), app.config),
  );
  app.get(
    '/api/v1/calendar/feed/:file',
    {
      config: { public: true },
      schema: {
        tags: ['calendar'],
        summary: 'The ICS feed itself (public: the token in the URL is the credential)',
        params: feedTokenParam,
      },
    },
    async (req, reply) => {
      const match = /^(.+)\.ics$/.exec(req.params.file);
      if (!match?.[1]) throw notFound('Calendar feed');
      const ics = await renderCalendarFeed(app.database.db, app.config, match[1]);
      reply.header('Cache-Control', 'private, max-age=300');
      return reply.type('text/calendar; charset=utf-8').send(ics);
    },
  );
}
