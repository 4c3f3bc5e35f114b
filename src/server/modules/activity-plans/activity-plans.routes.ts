import { z } from 'zod';
import {
  activityPlan,
  activityPlanCreateInput,
  activityPlanListQuery,
  activityPlanUpdateInput,
  applyPlanInput,
  planProgress,
  planProgressQuery,
} from '../../../domain/activity-plans/activity-plan.schema.js';
import { page } from '../../../domain/common/fields.js';
import { registerRecordRoutes } from '../../http/crud-routes.js';
import { actorOf } from '../../http/request.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { registerStreamRoutes } from '../stream/stream.routes.js';
import {
  applyPlan,
  createPlan,
  deletePlan,
  getPlan,
  listPlans,
  planProgress as progressOf,
  restorePlan,
  updatePlan,
} from './activity-plans.service.js';

const tags = ['activity-plans'];
const base = '/api/v1/activity-plans';

export function activityPlanRoutes(app: App) {
  const db = () => app.database.db;
  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'List activity plans',
        querystring: activityPlanListQuery,
        response: { 200: page(activityPlan), ...errorResponses },
      },
    },
    async (req) => listPlans(db(), actorOf(req), req.query),
  );
  // Registered before `/:id` so "progress" is never taken for an id.
  app.get(
    `${base}/progress`,
    {
      schema: {
        tags,
        summary: 'Progress (done/total) of every plan applied to one record',
        querystring: planProgressQuery,
        response: { 200: z.object({ data: z.array(planProgress) }), ...errorResponses },
      },
    },
    async (req) => progressOf(db(), actorOf(req), { type: req.query.relatedType, id: req.query.relatedId }),
  );
  registerRecordRoutes(app, {
    resource: 'activity-plans',
    label: 'an activity plan',
    writers: 'admin',
    schemas: { create: activityPlanCreateInput, update: activityPlanUpdateInput, record: activityPlan },
    service: { get: getPlan, create: createPlan, update: updatePlan, remove: deletePlan, restore: restorePlan },
  });
  app.post(
    `${base}/:id/apply`,
    {
      schema: {
        tags,
        summary: 'Apply a plan to a record: creates its activities; returns the plan progress on the record',
        params: idParams,
        body: applyPlanInput,
        response: { 201: planProgress, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await applyPlan(db(), actorOf(req), req.params.id, req.body)),
  );
  registerStreamRoutes(app, 'activity-plans', 'activity_plan', (conn, actor, id) => getPlan(conn, actor, id));
}
