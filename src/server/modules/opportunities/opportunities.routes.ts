import { z } from 'zod';
import {
  closeInput,
  type Opportunity,
  opportunity,
  opportunityCreateInput,
  opportunityListQuery,
  opportunityUpdateInput,
  stageHistoryEntry,
} from '../../../domain/opportunities/opportunity.schema.js';
import { registerCrudRoutes } from '../../http/crud-routes.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorBody, errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { CsvColumn } from '../../platform/csv.js';
import { checklistRoutes } from './checklist.routes.js';
import {
  countOpportunities,
  createOpportunity,
  deleteOpportunity,
  getVisibleOpportunity,
  listOpportunities,
  restoreOpportunity,
  updateOpportunity,
} from './opportunities.service.js';
import { closeOpportunity, getStageHistory, reopenOpportunity } from './opportunity-close.service.js';

const OPPORTUNITY_CSV_COLUMNS: CsvColumn<Opportunity>[] = [
  { header: 'id', value: (o) => o.id },
  { header: 'name', value: (o) => o.name },
  { header: 'account', value: (o) => o.account?.name },
  { header: 'pipeline', value: (o) => o.pipeline.name },
  { header: 'stage', value: (o) => o.stage.name },
  { header: 'status', value: (o) => o.status },
  { header: 'amount', value: (o) => o.amount },
  { header: 'currency', value: (o) => o.currency },
  { header: 'amountBase', value: (o) => o.amountBase },
  { header: 'baseCurrency', value: (o) => o.baseCurrency },
  { header: 'probability', value: (o) => o.probability },
  { header: 'expectedCloseDate', value: (o) => o.expectedCloseDate },
  { header: 'forecastCategory', value: (o) => o.forecastCategory },
  { header: 'owner', value: (o) => o.owner?.name },
  { header: 'lostReason', value: (o) => o.lostReason },
  { header: 'closedAt', value: (o) => o.closedAt },
  { header: 'createdAt', value: (o) => o.createdAt },
];

export function opportunityRoutes(app: App) {
  const tags = ['opportunities'];
  registerCrudRoutes(app, {
    resource: 'opportunities',
    entityType: 'opportunity',
    label: 'an opportunity',
    schemas: {
      listQuery: opportunityListQuery,
      create: opportunityCreateInput,
      update: opportunityUpdateInput,
      record: opportunity,
    },
    service: {
      list: listOpportunities,
      get: (db, actor, id) => getVisibleOpportunity(db, actor, id),
      create: createOpportunity,
      update: updateOpportunity,
      remove: deleteOpportunity,
      restore: restoreOpportunity,
      count: countOpportunities,
    },
    csvColumns: OPPORTUNITY_CSV_COLUMNS,
  });
  app.post(
    '/api/v1/opportunities/:id/close',
    {
      schema: {
        tags,
        summary: 'Close as won or lost (reason required for lost); send If-Match',
        params: idParams,
        body: closeInput,
        response: { 200: opportunity, ...errorResponses, 422: errorBody },
      },
    },
    async (req, reply) =>
      withEtag(reply, await closeOpportunity(app.database.db, actorOf(req), req.params.id, req.body, ifMatchVersion(req))),
  );
  app.post(
    '/api/v1/opportunities/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen a lost opportunity into the last open stage it was in',
        params: idParams,
        response: { 200: opportunity, ...errorResponses, 422: errorBody },
      },
    },
    async (req, reply) =>
      withEtag(reply, await reopenOpportunity(app.database.db, actorOf(req), req.params.id, ifMatchVersion(req))),
  );
  app.get(
    '/api/v1/opportunities/:id/stage-history',
    {
      schema: {
        tags,
        summary: 'The stages the opportunity went through, with times (oldest first)',
        params: idParams,
        response: { 200: z.object({ data: z.array(stageHistoryEntry) }), ...errorResponses },
      },
    },
    async (req) => getStageHistory(app.database.db, actorOf(req), req.params.id),
  );
  checklistRoutes(app);
}
