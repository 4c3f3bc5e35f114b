import { checklistItemParams, checklistTickInput, stageChecklist } from '../../../domain/opportunities/checklist.schema.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorBody, errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { getChecklist, setChecklistItem } from './checklist.service.js';

/** The current stage's checklist of a deal (decision 019). The ETag is the opportunity's version. */
export function checklistRoutes(app: App) {
  const tags = ['opportunities'];
  app.get(
    '/api/v1/opportunities/:id/checklist',
    {
      schema: {
        tags,
        summary: "The checklist of the deal's current stage: each item with done, doneBy, doneAt",
        params: idParams,
        response: { 200: stageChecklist, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await getChecklist(app.database.db, actorOf(req), req.params.id)),
  );
  app.put(
    '/api/v1/opportunities/:id/checklist/:index',
    {
      schema: {
        tags,
        summary:
          'Tick ({done: true}) or untick an item of the current stage’s checklist; send If-Match with the opportunity’s version. ' +
          'A deal moves forward out of a stage only when all its items are ticked.',
        params: checklistItemParams,
        body: checklistTickInput,
        response: { 200: stageChecklist, ...errorResponses, 409: errorBody },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await setChecklistItem(app.database.db, actorOf(req), req.params.id, req.params.index, req.body, ifMatchVersion(req)),
      ),
  );
}
