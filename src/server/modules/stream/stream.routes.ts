import { z } from 'zod';
import { noteInput, type StreamEntityType, streamEntry, streamQuery } from '../../../domain/stream/stream.schema.js';
import type { Actor } from '../../access/actor.js';
import { actorOf } from '../../http/request.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Db } from '../../platform/db.js';
import { addNote, getStream } from './stream.service.js';

/** GET/POST /api/v1/<resource>/{id}/stream for any record type; visibility comes from the record's own check. */
export function registerStreamRoutes(
  app: App,
  resource: string,
  entityType: StreamEntityType,
  ensureVisible: (db: Db, actor: Actor, id: string) => Promise<unknown>,
) {
  const tags = [resource];
  app.get(
    `/api/v1/${resource}/:id/stream`,
    {
      schema: {
        tags,
        summary: `Stream of one ${entityType}, newest first`,
        params: idParams,
        querystring: streamQuery,
        response: { 200: z.object({ data: z.array(streamEntry), nextCursor: z.string().nullable() }), ...errorResponses },
      },
    },
    async (req) => getStream(app.database.db, actorOf(req), { entityType, entityId: req.params.id, ensureVisible }, req.query),
  );
  app.post(
    `/api/v1/${resource}/:id/stream`,
    {
      schema: {
        tags,
        summary: `Write a note in the Stream of one ${entityType}`,
        params: idParams,
        body: noteInput,
        response: { 201: streamEntry, ...errorResponses },
      },
    },
    async (req, reply) => {
      const entry = await addNote(
        app.database.db,
        actorOf(req),
        { entityType, entityId: req.params.id, ensureVisible },
        req.body.body,
      );
      return reply.code(201).send(entry);
    },
  );
}
