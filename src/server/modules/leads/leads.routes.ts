import { z } from 'zod';
import { duplicateCandidate } from '../../../domain/duplicates/duplicate.schema.js';
import {
  convertInput,
  lead,
  leadCreateInput,
  leadListQuery,
  leadTransitionInput,
  leadUpdateInput,
} from '../../../domain/leads/lead.schema.js';
import { registerCrudRoutes } from '../../http/crud-routes.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { findDuplicates } from '../duplicates/duplicates.service.js';
import { convertLead } from './lead-convert.service.js';
import { transitionLead } from './lead-lifecycle.service.js';
import { mergeLeads } from './lead-merge.service.js';
import { LEAD_CSV_COLUMNS } from './leads.csv.js';
import { countLeads, createLead, deleteLead, getVisibleLead, listLeads, restoreLead, updateLead } from './leads.service.js';
import { getScoreWeights, scoreWeightsSchema, setScoreWeights } from './score-weights.js';

export function leadRoutes(app: App) {
  registerCrudRoutes(app, {
    resource: 'leads',
    entityType: 'lead',
    label: 'a lead',
    schemas: { listQuery: leadListQuery, create: leadCreateInput, update: leadUpdateInput, record: lead },
    service: {
      list: listLeads,
      get: (db, actor, id) => getVisibleLead(db, actor, id),
      create: createLead,
      update: updateLead,
      remove: deleteLead,
      restore: restoreLead,
      count: countLeads,
    },
    csvColumns: LEAD_CSV_COLUMNS,
    merge: mergeLeads,
  });
  const tags = ['leads'];
  app.post(
    '/api/v1/leads/:id/status',
    {
      schema: {
        tags,
        summary: 'Move a lead: in_process, recycled (recontactOn) or dead (reason); 422 when not allowed',
        params: idParams,
        body: leadTransitionInput,
        response: { 200: lead, ...errorResponses },
      },
    },
    async (req, reply) =>
      withEtag(reply, await transitionLead(app.database.db, actorOf(req), req.params.id, req.body, ifMatchVersion(req))),
  );
  app.get(
    '/api/v1/leads/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Likely duplicates of a lead among leads, contacts and accounts, with the reasons',
        params: idParams,
        response: { 200: z.object({ data: z.array(duplicateCandidate) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const lead = await getVisibleLead(app.database.db, actor, req.params.id);
      return { data: await findDuplicates(app.database.db, actor, lead, { type: 'lead', id: lead.id }) };
    },
  );
  app.post(
    '/api/v1/leads/:id/convert',
    {
      schema: {
        tags,
        summary: 'Convert a lead in process into an account and a contact (new or existing), optionally with an opportunity',
        params: idParams,
        body: convertInput,
        response: {
          200: z.object({ lead, accountId: z.string(), contactId: z.string(), opportunityId: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (req) => convertLead(app.database.db, actorOf(req), req.params.id, req.body, ifMatchVersion(req)),
  );
  app.get(
    '/api/v1/lead-score-weights',
    { schema: { tags, summary: 'Lead score weights', response: { 200: scoreWeightsSchema } } },
    async () => getScoreWeights(app.database.db),
  );
  app.put(
    '/api/v1/lead-score-weights',
    {
      schema: {
        tags,
        summary: 'Set lead score weights (admin); every score is recomputed',
        body: scoreWeightsSchema,
        response: { 200: scoreWeightsSchema, ...errorResponses },
      },
    },
    async (req) => setScoreWeights(app.database.db, actorOf(req), req.body),
  );
}
