import { winLossQuery, winLossReport } from '../../../domain/opportunities/win-loss.schema.js';
import { actorOf } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { winLoss } from './win-loss.service.js';

export function winLossRoutes(app: App) {
  app.get(
    '/api/v1/analytics/win-loss',
    {
      schema: {
        tags: ['analytics'],
        summary:
          'Won/lost deals closed in [from, to] (default: the last year) grouped by reason, stage reached, owner, source or month — only deals the user may see',
        querystring: winLossQuery,
        response: { 200: winLossReport, ...errorResponses },
      },
    },
    async (req) => winLoss(app.database.db, actorOf(req), req.query),
  );
}
