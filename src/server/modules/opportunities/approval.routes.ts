import {
  approvalDecisionInput,
  approvalRequestInput,
  approvalState,
  assessmentInput,
} from '../../../domain/opportunities/approval.schema.js';
import { actorOf, ifMatchVersion } from '../../http/request.js';
import { errorBody, errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { decideApproval, getApproval, putAssessment, requestApproval } from './approval.service.js';

/** Management approval of an opportunity (seed 004). Writes accept If-Match with the opportunity's version. */
export function approvalRoutes(app: App) {
  const tags = ['opportunities'];
  app.get(
    '/api/v1/opportunities/:id/approval',
    {
      schema: {
        tags,
        summary: 'The assessment and the approval state (who asked, who decided, the comment)',
        params: idParams,
        response: { 200: approvalState, ...errorResponses },
      },
    },
    async (req) => getApproval(app.database.db, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/opportunities/:id/assessment',
    {
      schema: {
        tags,
        summary: 'Record the opportunity-and-risk assessment (strategic fit, expected value, risks, recommendation)',
        params: idParams,
        body: assessmentInput,
        response: { 200: approvalState, ...errorResponses },
      },
    },
    async (req) => putAssessment(app.database.db, actorOf(req), req.params.id, req.body, ifMatchVersion(req)),
  );
  app.post(
    '/api/v1/opportunities/:id/approval-request',
    {
      schema: {
        tags,
        summary: 'Ask management (sales directors, admins) to approve the opportunity; needs an assessment',
        params: idParams,
        body: approvalRequestInput,
        response: { 200: approvalState, ...errorResponses, 409: errorBody, 422: errorBody },
      },
    },
    async (req) => requestApproval(app.database.db, actorOf(req), req.params.id, req.body, ifMatchVersion(req)),
  );
  app.post(
    '/api/v1/opportunities/:id/approval',
    {
      schema: {
        tags,
        summary: 'Approve or reject a waiting request (sales director or admin; a comment is required to reject)',
        params: idParams,
        body: approvalDecisionInput,
        response: { 200: approvalState, ...errorResponses, 422: errorBody },
      },
    },
    async (req) => decideApproval(app.database.db, actorOf(req), req.params.id, req.body, ifMatchVersion(req)),
  );
}
