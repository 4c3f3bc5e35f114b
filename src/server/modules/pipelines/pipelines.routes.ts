import { z } from 'zod';
import { page } from '../../../domain/common/fields.js';
import { board, boardColumn, boardColumnQuery, boardQuery } from '../../../domain/opportunities/opportunity.schema.js';
import { pipeline, pipelineCreateInput, pipelineUpdateInput } from '../../../domain/pipelines/pipeline.schema.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorBody, errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { getBoard, getBoardColumn } from '../opportunities/opportunity-board.service.js';
import { registerStreamRoutes } from '../stream/stream.routes.js';
import { createPipeline, deletePipeline, getPipeline, listPipelines, updatePipeline } from './pipelines.service.js';

const listQuery = z.object({
  deleted: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
const columnParams = z.object({ id: z.string().uuid('is not a valid id'), stageId: z.string().uuid('is not a valid id') });
const withConflict = { ...errorResponses, 409: errorBody };

/**
 * Pipelines with their ordered stages nested in the body (GET returns them, POST/PATCH send the whole ordered
 * list). Everyone signed in reads them; only admins change them.
 */
export function pipelineRoutes(app: App) {
  const tags = ['pipelines'];
  const db = () => app.database.db;
  app.get(
    '/api/v1/pipelines',
    {
      schema: {
        tags,
        summary: 'Pipelines with their active stages (default first)',
        querystring: listQuery,
        response: { 200: page(pipeline), ...errorResponses },
      },
    },
    async (req) => listPipelines(db(), actorOf(req), req.query),
  );
  app.post(
    '/api/v1/pipelines',
    {
      schema: {
        tags,
        summary: 'Create a pipeline with its stages (admin)',
        body: pipelineCreateInput,
        response: { 201: pipeline, ...withConflict },
      },
    },
    async (req, reply) => withEtag(reply, await createPipeline(db(), actorOf(req), req.body), 201),
  );
  app.get(
    '/api/v1/pipelines/:id',
    {
      schema: { tags, summary: 'One pipeline with its stages', params: idParams, response: { 200: pipeline, ...errorResponses } },
    },
    async (req, reply) => withEtag(reply, await getPipeline(db(), actorOf(req), req.params.id)),
  );
  app.patch(
    '/api/v1/pipelines/:id',
    {
      schema: {
        tags,
        summary:
          'Rename, make default, or change stages (admin; send If-Match). `stages` is the whole ordered list: with id = kept, without = new, left out = retired (409 while it holds deals)',
        params: idParams,
        body: pipelineUpdateInput,
        response: { 200: pipeline, ...withConflict },
      },
    },
    async (req, reply) => withEtag(reply, await updatePipeline(db(), actorOf(req), req.params.id, req.body, ifMatchVersion(req))),
  );
  app.delete(
    '/api/v1/pipelines/:id',
    { schema: { tags, summary: 'Delete an empty, non-default pipeline (admin)', params: idParams } },
    async (req, reply) => {
      await deletePipeline(db(), actorOf(req), req.params.id, ifMatchVersion(req));
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/pipelines/:id/board',
    {
      schema: {
        tags,
        summary: 'Kanban: per stage count, base-currency sum and weighted sum of visible deals, and the first cards',
        params: idParams,
        querystring: boardQuery,
        response: { 200: board, ...errorResponses },
      },
    },
    async (req) => getBoard(db(), actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/pipelines/:id/board/columns/:stageId',
    {
      schema: {
        tags,
        summary: 'One board column (lazy loading with cursor)',
        params: columnParams,
        querystring: boardColumnQuery,
        response: { 200: boardColumn, ...errorResponses },
      },
    },
    async (req) => getBoardColumn(db(), actorOf(req), req.params.id, req.params.stageId, req.query),
  );
  registerStreamRoutes(app, 'pipelines', 'pipeline', (conn, actor, id) => getPipeline(conn, actor, id));
}
