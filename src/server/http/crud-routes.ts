import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { page } from '../../domain/common/fields.js';
import { type MergeInput, mergeInput } from '../../domain/common/merge.js';
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

/** The service functions of one soft-deletable, versioned record; every one takes the actor. */
export type RecordService<TCreate, TUpdate, TRecord extends Versioned> = {
  get(db: Db, actor: Actor, id: string): Promise<TRecord>;
  create(db: Db, actor: Actor, input: TCreate): Promise<TRecord>;
  update(db: Db, actor: Actor, id: string, input: TUpdate, ifMatch: number | undefined): Promise<TRecord>;
  remove(db: Db, actor: Actor, id: string, ifMatch: number | undefined): Promise<void>;
  restore(db: Db, actor: Actor, id: string): Promise<TRecord>;
};

/** A record service with a filtered list and its count. */
export type CrudService<TList, TCreate, TUpdate, TRecord extends Versioned> = RecordService<TCreate, TUpdate, TRecord> & {
  list(db: Db, actor: Actor, query: TList): Promise<{ data: TRecord[]; nextCursor: string | null }>;
  count(db: Db, actor: Actor, filter: TList): Promise<number>;
};

// Generic over the resource's schemas, so the handlers are typed loosely here; the Zod compilers still
// validate every request and serialize every reply against the schemas at run time.
type P = { id: string };
const untyped = (app: App) => app as unknown as FastifyInstance;

/**
 * The routes of one record of a resource: create, get (ETag), patch (If-Match → 412), soft delete and restore.
 * `writers` names who may change the records, for the summaries (the services enforce it).
 */
export function registerRecordRoutes<CS extends z.ZodTypeAny, US extends z.ZodTypeAny, RS extends z.ZodTypeAny>(
  app: App,
  opts: {
    resource: string;
    label: string;
    writers?: string;
    schemas: { create: CS; update: US; record: RS };
    service: RecordService<z.output<CS>, z.output<US>, z.output<RS> & Versioned>;
  },
) {
  const { resource, label, schemas, service } = opts;
  const tags = [resource];
  const base = `/api/v1/${resource}`;
  const db = () => app.database.db;
  const routes = untyped(app);
  const noun = label.replace(/^an? /, '');
  const who = opts.writers ? `${opts.writers}; ` : '';
  const writers = opts.writers ? ` (${opts.writers})` : '';

  routes.post(
    base,
    {
      schema: {
        tags,
        summary: `Create ${label}${writers}`,
        body: schemas.create,
        response: { 201: schemas.record, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await service.create(db(), actorOf(req), req.body as z.output<CS>), 201),
  );
  routes.get(
    `${base}/:id`,
    { schema: { tags, summary: `One ${noun}`, params: idParams, response: { 200: schemas.record, ...errorResponses } } },
    async (req, reply) => withEtag(reply, await service.get(db(), actorOf(req), (req.params as P).id)),
  );
  routes.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Change ${label} (${who}send If-Match: "<version>")`,
        params: idParams,
        body: schemas.update,
        response: { 200: schemas.record, ...errorResponses },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await service.update(db(), actorOf(req), (req.params as P).id, req.body as z.output<US>, ifMatchVersion(req)),
      ),
  );
  routes.delete(
    `${base}/:id`,
    { schema: { tags, summary: `Delete ${label} (${who}soft; restorable)`, params: idParams } },
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
        summary: `Restore a deleted ${noun}${writers}`,
        params: idParams,
        response: { 200: schemas.record, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await service.restore(db(), actorOf(req), (req.params as P).id)),
  );
}

/**
 * The standard routes of DESIGN §5 for one resource: list (with count and CSV export), the record routes (create,
 * get, patch, soft delete, restore), the record's Stream, and merge where the kind offers it. Routes stay thin:
 * validate → service → reply.
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
    /** Merging a duplicate into a record (POST /:id/merge; If-Match on the survivor), for the kinds that offer it. */
    merge?: (
      db: Db,
      actor: Actor,
      targetId: string,
      input: MergeInput,
      ifMatch: number | undefined,
    ) => Promise<z.output<RS> & Versioned>;
  },
) {
  const { resource, label, schemas, service } = opts;
  const tags = [resource];
  const base = `/api/v1/${resource}`;
  const db = () => app.database.db;
  const routes = untyped(app);
  type Q = z.output<QS>;

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
  registerRecordRoutes(app, { resource, label, schemas, service });
  registerStreamRoutes(app, resource, opts.entityType, (conn, actor, id) => service.get(conn, actor, id));
  const { merge } = opts;
  if (merge) {
    routes.post(
      `${base}/:id/merge`,
      {
        schema: {
          tags,
          summary: `Merge another ${label.replace(/^an? /, '')} into this one (the survivor); the other is kept as deleted`,
          params: idParams,
          body: mergeInput,
          response: { 200: schemas.record, ...errorResponses },
        },
      },
      async (req, reply) =>
        withEtag(reply, await merge(db(), actorOf(req), (req.params as P).id, req.body as MergeInput, ifMatchVersion(req))),
    );
  }
}
