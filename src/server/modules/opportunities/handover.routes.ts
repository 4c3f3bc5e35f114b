import { handoverInput, handoverResult } from '../../../domain/opportunities/handover.schema.js';
import { actorOf } from '../../http/request.js';
import { errorBody, errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { handOverAccount } from './handover.service.js';

export function handoverRoutes(app: App) {
  app.post(
    '/api/v1/accounts/:id/handover',
    {
      schema: {
        tags: ['accounts'],
        summary:
          'Hand the account with its contacts, open opportunities and planned activities to another owner or team (intro task today, satisfaction check in 30 days)',
        params: idParams,
        body: handoverInput,
        response: { 200: handoverResult, ...errorResponses, 409: errorBody },
      },
    },
    async (req) => handOverAccount(app.database.db, actorOf(req), req.params.id, req.body),
  );
}
