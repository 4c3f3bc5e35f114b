import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { page } from '../../domain/common/fields.js';
import type { StreamEntityType } from '../../domain/stream/stream.schema.js';
import type { Actor } from '../access/actor.js';
import { registerStreamRoutes } from '../modules/stream/stream.routes.js';
import { allPages, type CsvColumn, csvStream } from '../platform/csv.js';
import type { Db } from '../platform/db.js';
import { actorOf, ifMatchVersion, withEtag } from './request.js';
import { errorResponses, idParams } from './schemas.js';
import type { App } from './types.js';

type Versioned = { version: number };
const countBody = z.object({ count: z.number().int() });

/** The service functions a soft-deletable, versioned record type offers; every one takes the actor. */
export type CrudService<TList, TCreate, TUpdate, TRecord extends Versioned> = {
  list(db: Db, actor: Actor, query: TList): Promise<{ data: TRecord[]; nextCursor: string | null }>;
  get(db: Db, actor: Actor, id: string): Promise<TRecord>;
  create(db: Db, actor: Actor, input: TCreate): Promise<TRecord>;
  update(db: Db, actor: Actor, id: string, input: TUpdate, ifMatch: number | undefined): Promise<TRecord>;
  remove(db: Db, actor: Actor, id: string, ifMatch: number | undefined): Promise<void>;
  restore(db: Db, actor: Actor, id: string): Promise<TRecord>;
  count(db: Db, actor: Actor, filter: TList): Promise<number>;
};

/**
 * The standard routes of DESIGN §5 for one resource: list, create, get (ETag), patch (If-Match → 412),
 * soft delete, restore, and the record's Stream. Routes stay thin: validate → service → reply.
 */
export function registerCrudRoutes<
  QS extends z.ZodTypeAny,
  CS extends z.ZodTypeAny,
  US extends z.ZodTypeAny,
  RS extends z.ZodTypeAny,
>(
  app: App,
  opts: {
    resource: string;
    entityType: StreamEntityType;
    label: string;
    schemas: { listQuery: QS; create: CS; update: US; record: RS };
    service: CrudService<z.output<QS>, z.output<CS>, z.output<US>, z.output<RS> & Versioned>;
    /** CSV export columns; the export walks the same scoped, filtered list as the table. */
    csvColumns: CsvColumn<z.output<RS>>[];
  },
) {
  const { resource, label, schemas, service } = opts;
  const tags = [resource];
  const base = `/api/v1/${resource}`;
  const db = () => app.database.db;
  // Generic over the resource's schemas, so the handlers are typed loosely here; the Zod compilers still
  // validate every request and serialize every reply against the schemas at run time.
  const routes = app as unknown as FastifyInstance;
  type Q = z.output<QS>;
  type C = z.output<CS>;
  type U = z.output<US>;
  type P = { id: string };

  routes.get(
    base,
    {
      schema: {
        tags,
        summary: `List ${resource}`,
        querystring: schemas.listQuery,
        response: { 200: page(schemas.record), ...errorResponses },
      },
    },
    async (req) => service.list(db(), actorOf(req), req.query as Q),
  );
  routes.get(
    `${base}/count`,
    {
      schema: {
        tags,
        summary: `Count ${resource} matching the list filters`,
        querystring: schemas.listQuery,
        response: { 200: countBody, ...errorResponses },
      },
    },
    async (req) => ({
      count: await service.count(db(), actorOf(req), req.query as Q),
    }),
  );
  routes.get(
    `${base}/export`,
    { schema: { tags, summary: `Export ${resource} matching the list filters as CSV`, querystring: schemas.listQuery } },
    async (req, reply) => {
      const actor = actorOf(req);
      const query = req.query as Q & { cursor?: string; limit: number };
      const pages = allPages((cursor) => service.list(db(), actor, { ...query, cursor, limit: 500 }));
      const stamp = new Date().toISOString().slice(0, 10);
      reply.header('Content-Type', 'text/csv; charset=utf-8');
      reply.header('Content-Disposition', `attachment; filename="${resource}-${stamp}.csv"`);
      return reply.send(csvStream(pages, opts.csvColumns));
    },
  );
  routes.post(
    base,
    { schema: { tags, summary: `Create ${label}`, body: schemas.create, response: { 201: schemas.record, ...errorResponses } } },
    async (req, reply) => withEtag(reply, await service.create(db(), actorOf(req), req.body as C), 201),
  );
  routes.get(
    `${base}/:id`,
    { schema: { tags, summary: `One ${label}`, params: idParams, response: { 200: schemas.record, ...errorResponses } } },
    async (req, reply) => withEtag(reply, await service.get(db(), actorOf(req), (req.params as P).id)),
  );
  routes.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Change ${label} (send If-Match: "<version>")`,
        params: idParams,
        body: schemas.update,
        response: { 200: schemas.record, ...errorResponses },
      },
    },
    async (req, reply) =>
      withEtag(reply, await service.update(db(), actorOf(req), (req.params as P).id, req.body as U, ifMatchVersion(req))),
  );
  routes.delete(
    `${base}/:id`,
    { schema: { tags, summary: `Delete ${label} (soft; restorable)`, params: idParams } },
    async (req, reply) => {
      await service.remove(db(), actorOf(req), (req.params as P).id, ifMatchVersion(req));
      return reply.code(204).send();
    },
  );
  routes.post(
    `${base}/:id/restore`,
    {
      schema: {
        tags,
        summary: `Restore a deleted ${label}`,
        params: idParams,
        response: { 200: schemas.record, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await service.restore(db(), actorOf(req), (req.params as P).id)),
  );
  registerStreamRoutes(app, resource, opts.entityType, (conn, actor, id) => service.get(conn, actor, id));
}
