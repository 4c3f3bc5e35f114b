import { z } from 'zod';
import {
  savedView,
  savedViewCreateInput,
  savedViewListQuery,
  savedViewUpdateInput,
} from '../../../domain/opportunities/saved-views.schema.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { createSavedView, deleteSavedView, getSavedView, listSavedViews, updateSavedView } from './saved-views.service.js';

export function savedViewRoutes(app: App) {
  const tags = ['saved-views'];
  app.get(
    '/api/v1/saved-views',
    {
      schema: {
        tags,
        summary: 'My views and the shared ones (optionally of one resource)',
        querystring: savedViewListQuery,
        response: { 200: z.object({ data: z.array(savedView) }), ...errorResponses },
      },
    },
    async (req) => listSavedViews(app.database.db, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/saved-views',
    { schema: { tags, summary: 'Save a view', body: savedViewCreateInput, response: { 201: savedView, ...errorResponses } } },
    async (req, reply) => withEtag(reply, await createSavedView(app.database.db, actorOf(req), req.body), 201),
  );
  app.get(
    '/api/v1/saved-views/:id',
    { schema: { tags, summary: 'One view', params: idParams, response: { 200: savedView, ...errorResponses } } },
    async (req, reply) => withEtag(reply, await getSavedView(app.database.db, actorOf(req), req.params.id)),
  );
  app.patch(
    '/api/v1/saved-views/:id',
    {
      schema: {
        tags,
        summary: 'Change a view (its owner; an admin for shared views); send If-Match',
        params: idParams,
        body: savedViewUpdateInput,
        response: { 200: savedView, ...errorResponses },
      },
    },
    async (req, reply) =>
      withEtag(reply, await updateSavedView(app.database.db, actorOf(req), req.params.id, req.body, ifMatchVersion(req))),
  );
  app.delete(
    '/api/v1/saved-views/:id',
    { schema: { tags, summary: 'Delete a view', params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await deleteSavedView(app.database.db, actorOf(req), req.params.id, ifMatchVersion(req));
      return reply.status(204).send(null);
    },
  );
}
