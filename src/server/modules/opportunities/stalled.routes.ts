import { opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import { stallResolutionInput, stallRules } from '../../../domain/opportunities/stalled.schema.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorBody, errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { getStallRules, putStallRules, resolveStall } from './stalled.service.js';

/** Stalled deals: the rules (admin) and the resolution of a stall. The list is `GET /opportunities?stalled=true`. */
export function stalledRoutes(app: App) {
  const tags = ['opportunities'];
  app.get(
    '/api/v1/stalled-deal-rules',
    {
      schema: {
        tags,
        summary: 'The stalled-deal rules (default and per pipeline)',
        response: { 200: stallRules, ...errorResponses },
      },
    },
    async (req) => getStallRules(app.database.db, actorOf(req)),
  );
  app.put(
    '/api/v1/stalled-deal-rules',
    {
      schema: {
        tags,
        summary: 'Set the stalled-deal rules (admin): days without activity, days in a stage, escalation after',
        body: stallRules,
        response: { 200: stallRules, ...errorResponses },
      },
    },
    async (req) => putStallRules(app.database.db, actorOf(req), req.body),
  );
  app.post(
    '/api/v1/opportunities/:id/stall-resolution',
    {
      schema: {
        tags,
        summary: 'Resolve a stalled deal: continue {plan} (creates a task), on_hold {reason}, or close_lost {reason, note}',
        params: idParams,
        body: stallResolutionInput,
        response: { 200: opportunity, ...errorResponses, 422: errorBody },
      },
    },
    async (req, reply) =>
      withEtag(reply, await resolveStall(app.database.db, actorOf(req), req.params.id, req.body, ifMatchVersion(req))),
  );
}
