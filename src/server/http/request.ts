import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.js';
import { AppError } from '../platform/errors.js';

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthorized', 'Sign in first');
  return req.actor;
}

/** The version an `If-Match: "<version>"` header names; undefined when absent or `*`. */
export function ifMatchVersion(req: FastifyRequest): number | undefined {
  const header = req.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!match) {
    throw new AppError('validation_failed', 'If-Match: must be the ETag of the record, e.g. "3"', [
      { field: 'If-Match', message: 'must be the ETag of the record, e.g. "3"' },
    ]);
  }
  return Number(match[1]);
}

/** Replies with a versioned record and its ETag, so the client can send it back as If-Match. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, record: T, status = 200): T {
  reply.header('ETag', `"${record.version}"`);
  reply.code(status);
  return record;
}
