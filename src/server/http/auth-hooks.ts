import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveApiToken, resolveSession } from '../modules/auth/auth.service.js';
import { AppError } from '../platform/errors.js';
import type { App } from './types.js';

export const SESSION_COOKIE = 'stride_session';
export const CSRF_COOKIE = 'stride_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every /api request: a bearer token, or the session cookie. Cookie-authenticated writes must
 * echo the session's CSRF token in the X-CSRF-Token header (synchronizer token); bearer requests need not.
 */
export function registerAuthHooks(app: App) {
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.decorateRequest('sessionCsrfToken', null);

  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const db = app.database.db;
    const authHeader = req.headers.authorization;
    if (authHeader?.toLowerCase().startsWith('bearer ')) {
      const actor = await resolveApiToken(db, authHeader.slice(7).trim());
      if (!actor) throw new AppError('unauthorized', 'The API token is invalid or revoked');
      req.actor = actor;
      req.authVia = 'bearer';
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        const session = await resolveSession(db, token, app.config.sessionIdleMinutes);
        if (session) {
          req.actor = session.actor;
          req.authVia = 'cookie';
          req.sessionCsrfToken = session.csrfToken;
        }
      }
    }
    if (req.routeOptions.config?.public) return;
    if (!req.actor) throw new AppError('unauthorized', 'Sign in first');
    if (req.authVia === 'cookie' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== req.sessionCsrfToken) {
        throw new AppError(
          'forbidden',
          'Missing or wrong X-CSRF-Token header (take it from the sign-in reply or the stride_csrf cookie)',
        );
      }
    }
  });
}
