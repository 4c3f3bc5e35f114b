import { z } from 'zod';
import type { Activity } from '../../../domain/activities/activity.schema.js';
import {
  activity,
  activityCreateInput,
  activityListQuery,
  activityUpdateInput,
  myDayQuery,
} from '../../../domain/activities/activity.schema.js';
import { lead } from '../../../domain/leads/lead.schema.js';
import { registerCrudRoutes } from '../../http/crud-routes.js';
import { actorOf } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { CsvColumn } from '../../platform/csv.js';
import {
  countActivities,
  createActivity,
  deleteActivity,
  getVisibleActivity,
  listActivities,
  restoreActivity,
  updateActivity,
} from './activities.service.js';
import { myDay } from './my-day.service.js';

const CSV: CsvColumn<Activity>[] = [
  { header: 'id', value: (a) => a.id },
  { header: 'type', value: (a) => a.type },
  { header: 'subject', value: (a) => a.subject },
  { header: 'status', value: (a) => a.status },
  { header: 'at', value: (a) => a.at },
  { header: 'relatedType', value: (a) => a.relatedTo?.type },
  { header: 'related', value: (a) => a.relatedTo?.name },
  { header: 'owner', value: (a) => a.owner?.name },
  { header: 'outcome', value: (a) => a.outcome },
];

export function activityRoutes(app: App) {
  registerCrudRoutes(app, {
    resource: 'activities',
    entityType: 'activity',
    label: 'an activity',
    schemas: { listQuery: activityListQuery, create: activityCreateInput, update: activityUpdateInput, record: activity },
    service: {
      list: listActivities,
      get: (db, actor, id) => getVisibleActivity(db, actor, id),
      create: createActivity,
      update: updateActivity,
      remove: deleteActivity,
      restore: restoreActivity,
      count: countActivities,
    },
    csvColumns: CSV,
  });
  app.get(
    '/api/v1/my-day',
    {
      schema: {
        tags: ['activities'],
        summary: "Today's agenda, due and overdue tasks, and leads waiting for first contact",
        querystring: myDayQuery,
        response: {
          200: z.object({
            date: z.string(),
            timeZone: z.string(),
            agenda: z.array(activity),
            tasks: z.array(activity),
            leadsAwaitingContact: z.array(lead),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => myDay(app.database.db, actorOf(req), req.query),
  );
}
