import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../access/actor.js';
import type { Config } from '../platform/config.js';
import type { Database } from '../platform/db.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** How the request authenticated: a session cookie (CSRF applies) or a bearer token (it does not). */
    authVia: 'cookie' | 'bearer' | null;
    sessionCsrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without signing in (login, public form posts, docs). */
    public?: boolean;
  }
}
