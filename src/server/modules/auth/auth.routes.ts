import { z } from 'zod';
import { loginInput, profileUpdateInput, tokenCreateInput, user } from '../../../domain/users/user.schema.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../http/auth-hooks.js';
import { actorOf } from '../../http/request.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { getUser, updateUser } from '../users/users.service.js';
import { createApiToken, listApiTokens, login, logout, revokeApiToken } from './auth.service.js';

const meResponse = z.object({ user, csrfToken: z.string().nullable() });

export function authRoutes(app: App) {
  const tags = ['auth'];
  const db = () => app.database.db;
  const secure = app.config.publicUrl.startsWith('https://');
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure };

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in: sets the session cookie',
        body: loginInput,
        response: { 200: meResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const session = await login(
        db(),
        { email: req.body.email, password: req.body.password, ip: req.ip, previousToken: req.cookies[SESSION_COOKIE] },
        app.config.sessionIdleMinutes,
      );
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieBase, httpOnly: true });
      // Readable by the web app so it can echo it in X-CSRF-Token; useless to another site (SameSite, same-origin reads only).
      reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookieBase, httpOnly: false });
      return { user: await getUser(db(), session.actor, session.actor.id), csrfToken: session.csrfToken };
    },
  );
  app.post('/api/v1/auth/logout', { config: { public: true }, schema: { tags, summary: 'Sign out' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token && req.authVia === 'cookie') await logout(db(), token);
    reply.clearCookie(SESSION_COOKIE, cookieBase).clearCookie(CSRF_COOKIE, cookieBase);
    return reply.code(204).send();
  });
  app.get(
    '/api/v1/auth/me',
    { schema: { tags, summary: 'Who am I', response: { 200: meResponse, ...errorResponses } } },
    async (req) => {
      const actor = actorOf(req);
      return { user: await getUser(db(), actor, actor.id), csrfToken: req.sessionCsrfToken };
    },
  );
  app.patch(
    '/api/v1/auth/me',
    {
      schema: {
        tags,
        summary: 'Change my name or language',
        body: profileUpdateInput,
        response: { 200: meResponse, ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return { user: await updateUser(db(), actor, actor.id, req.body, undefined), csrfToken: req.sessionCsrfToken };
    },
  );

  const tokenItem = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });
  app.get(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags,
        summary: 'My API tokens',
        response: { 200: z.object({ data: z.array(tokenItem), nextCursor: z.null() }), ...errorResponses },
      },
    },
    async (req) => ({
      data: await listApiTokens(db(), actorOf(req)),
      nextCursor: null,
    }),
  );
  app.post(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (shown once)',
        body: tokenCreateInput,
        response: { 201: z.object({ id: z.string(), name: z.string(), token: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createApiToken(db(), actorOf(req), req.body.name)),
  );
  app.delete(
    '/api/v1/auth/tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: idParams } },
    async (req, reply) => {
      await revokeApiToken(db(), actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
}
