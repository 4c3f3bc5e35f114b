import type { FastifyReply, FastifyRequest } from 'fastify';
import { now } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import type { App } from './types.js';

const HEADER = 'idempotency-key';
const KEEP_HOURS = 24;
const REPLAYED = Symbol('idempotencyReplayed');
const CLAIMED = Symbol('idempotencyClaimed');

type Marked = FastifyRequest & { [REPLAYED]?: boolean; [CLAIMED]?: { userId: string; key: string } };

/**
 * `Idempotency-Key` on POST: the first request claims the key; a retry gets the first response back
 * (same status and body) and creates nothing. A retry while the first is still running gets 409.
 * Keys are per user and kept for a day.
 */
export function registerIdempotency(app: App) {
  app.addHook('preHandler', async (req: Marked, reply: FastifyReply) => {
    const key = req.headers[HEADER];
    if (req.method !== 'POST' || typeof key !== 'string' || !req.actor) return;
    if (key.length === 0 || key.length > 200) {
      throw new AppError('validation_failed', 'Idempotency-Key: must be 1–200 characters', [
        { field: 'Idempotency-Key', message: 'must be 1–200 characters' },
      ]);
    }
    const db = app.database.db;
    const userId = req.actor.id;
    const cutoff = new Date(now().getTime() - KEEP_HOURS * 3_600_000);
    await db
      .deleteFrom('idempotencyKeys')
      .where('userId', '=', userId)
      .where('key', '=', key)
      .where('createdAt', '<', cutoff)
      .execute();
    const claimed = await db
      .insertInto('idempotencyKeys')
      .values({ userId, key, method: req.method, path: req.url, statusCode: null, response: null, createdAt: now() })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) {
      req[CLAIMED] = { userId, key };
      return;
    }
    const previous = await db
      .selectFrom('idempotencyKeys')
      .selectAll()
      .where('userId', '=', userId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (previous.path !== req.url) {
      throw new AppError('conflict', 'This Idempotency-Key was already used for another request');
    }
    if (previous.statusCode === null)
      throw new AppError('conflict', 'A request with this Idempotency-Key is still being processed');
    const stored = previous.response as { body: unknown; etag?: string };
    req[REPLAYED] = true;
    if (stored.etag) reply.header('ETag', stored.etag);
    reply.header('Idempotent-Replayed', 'true');
    return reply.code(previous.statusCode).type('application/json').send(JSON.stringify(stored.body));
  });

  app.addHook('onSend', async (req: Marked, reply, payload) => {
    const claim = req[CLAIMED];
    if (!claim || req[REPLAYED]) return payload;
    const db = app.database.db;
    if (reply.statusCode >= 500) {
      // Let a retry run again after a server failure.
      await db.deleteFrom('idempotencyKeys').where('userId', '=', claim.userId).where('key', '=', claim.key).execute();
      return payload;
    }
    let body: unknown = null;
    try {
      body = typeof payload === 'string' ? JSON.parse(payload) : null;
    } catch {
      body = payload;
    }
    const etag = reply.getHeader('etag');
    await db
      .updateTable('idempotencyKeys')
      .set({ statusCode: reply.statusCode, response: JSON.stringify({ body, etag: etag ? String(etag) : undefined }) })
      .where('userId', '=', claim.userId)
      .where('key', '=', claim.key)
      .execute();
    return payload;
  });
}
