import { z } from 'zod';
import { optionalEmail, optionalPhone, optionalRegistrationNumber, optionalText } from '../../../domain/common/fields.js';
import { duplicateCandidate } from '../../../domain/duplicates/duplicate.schema.js';
import { actorOf } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { findDuplicates } from './duplicates.service.js';

const probeQuery = z.object({
  email: optionalEmail,
  phone: optionalPhone,
  firstName: optionalText(100),
  lastName: optionalText(100),
  company: optionalText(200),
  registrationNumber: optionalRegistrationNumber,
});

/** On-demand check while a user types a new lead, contact or account: "do we already have this one?" */
export function duplicateRoutes(app: App) {
  app.get(
    '/api/v1/duplicates',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Find likely duplicates of a person or company',
        querystring: probeQuery,
        response: { 200: z.object({ data: z.array(duplicateCandidate) }), ...errorResponses },
      },
    },
    async (req) => ({ data: await findDuplicates(app.database.db, actorOf(req), req.query) }),
  );
}
