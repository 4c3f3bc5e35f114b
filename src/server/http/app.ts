import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountRoutes } from '../modules/accounts/accounts.routes.js';
import { activityRoutes } from '../modules/activities/activities.routes.js';
import { activityPlanRoutes } from '../modules/activity-plans/activity-plans.routes.js';
import { attachmentRoutes } from '../modules/attachments/attachments.routes.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { calendarRoutes } from '../modules/calendar/calendar.routes.js';
import { contactRoutes } from '../modules/contacts/contacts.routes.js';
import { duplicateRoutes } from '../modules/duplicates/duplicates.routes.js';
import { emailRoutes } from '../modules/emails/emails.routes.js';
import { exchangeRateRoutes } from '../modules/exchange-rates/exchange-rates.routes.js';
import { formRoutes } from '../modules/forms/forms.routes.js';
import { importRoutes } from '../modules/imports/imports.routes.js';
import { leadRoutes } from '../modules/leads/leads.routes.js';
import { mailboxRoutes } from '../modules/mailboxes/mailboxes.routes.js';
import { notificationRoutes } from '../modules/notifications/notifications.routes.js';
import { approvalRoutes } from '../modules/opportunities/approval.routes.js';
import { handoverRoutes } from '../modules/opportunities/handover.routes.js';
import { opportunityRoutes } from '../modules/opportunities/opportunities.routes.js';
import { savedViewRoutes } from '../modules/opportunities/saved-views.routes.js';
import { stalledRoutes } from '../modules/opportunities/stalled.routes.js';
import { winLossRoutes } from '../modules/opportunities/win-loss.routes.js';
import { pipelineRoutes } from '../modules/pipelines/pipelines.routes.js';
import { userRoutes } from '../modules/users/users.routes.js';
import type { Config } from '../platform/config.js';
import type { Database } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import { registerAuthHooks } from './auth-hooks.js';
import { errorHandler } from './error-handler.js';
import { registerIdempotency } from './idempotency.js';
import type { App } from './types.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

export async function buildApp(opts: { database: Database; config: Config; logger?: boolean }): Promise<App> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: opts.config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: opts.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', opts.database);
  app.decorate('config', opts.config);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Stride API',
        version: '1',
        description:
          'Stride CRM public REST API v1. Sign in with POST /api/v1/auth/login (cookie + X-CSRF-Token on writes) or send `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'stride_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerAuthHooks(app);
  registerIdempotency(app);

  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.get('/api/v1/health', { config: { public: true }, schema: { hide: true } }, async () => ({
    ok: true,
    database: opts.database.kind,
  }));
  authRoutes(app);
  userRoutes(app);
  accountRoutes(app);
  contactRoutes(app);
  leadRoutes(app);
  duplicateRoutes(app);
  activityRoutes(app);
  calendarRoutes(app);
  attachmentRoutes(app);
  formRoutes(app);
  mailboxRoutes(app);
  emailRoutes(app);
  importRoutes(app);
  pipelineRoutes(app);
  opportunityRoutes(app);
  approvalRoutes(app);
  stalledRoutes(app);
  handoverRoutes(app);
  winLossRoutes(app);
  savedViewRoutes(app);
  exchangeRateRoutes(app);
  notificationRoutes(app);
  activityPlanRoutes(app);

  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt UI is served without restarting the server.
  if (hasWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: false });
    app.get('/', { config: { public: true }, schema: { hide: true } }, (_req, reply) =>
      reply.type('text/html').sendFile('index.html'),
    );
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') {
      const err = new AppError('not_found', `No route ${req.method} ${req.url.split('?')[0]}`);
      return reply.code(404).send({ error: { code: err.code, message: err.message, details: [] } });
    }
    if (!hasWeb) return reply.code(503).type('text/plain').send('The web UI is not built yet: run `npm run build`.');
    // A missing asset is a 404, not the app: a stale page must not get HTML instead of its script.
    if (req.url.startsWith('/assets/') || /\.[a-z0-9]+(\?|$)/i.test(req.url))
      return reply.code(404).type('text/plain').send('Not found');
    // The single-page app handles its own routes.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
