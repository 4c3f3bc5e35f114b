import { z } from 'zod';
import {
  mailbox,
  mailboxCreateInput,
  mailboxStatus,
  mailboxUpdateInput,
  syncResult,
} from '../../../domain/mailboxes/mailbox.schema.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorBody, errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import {
  createMailbox,
  deleteMailbox,
  getMailbox,
  getMailboxStatus,
  listMailboxes,
  restoreMailbox,
  syncMailboxNow,
  updateMailbox,
} from './mailboxes.service.js';

const listQuery = z.object({
  deleted: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

/** Sales mailboxes (IMAP intake), administrators only. The password is write-only. */
export function mailboxRoutes(app: App) {
  const tags = ['mailboxes'];
  const db = () => app.database.db;
  const dataDir = () => app.config.dataDir;
  app.get(
    '/api/v1/mailboxes',
    {
      schema: {
        tags,
        summary: 'List sales mailboxes with their sync status (admin)',
        querystring: listQuery,
        response: { 200: z.object({ data: z.array(mailbox), nextCursor: z.string().nullable() }), ...errorResponses },
      },
    },
    async (req) => listMailboxes(db(), actorOf(req), req.query),
  );
  app.post(
    '/api/v1/mailboxes',
    {
      schema: {
        tags,
        summary: 'Add a sales mailbox (admin); tls none only for localhost',
        body: mailboxCreateInput,
        response: { 201: mailbox, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await createMailbox(db(), dataDir(), actorOf(req), req.body), 201),
  );
  app.get(
    '/api/v1/mailboxes/:id',
    { schema: { tags, summary: 'A sales mailbox (admin)', params: idParams, response: { 200: mailbox, ...errorResponses } } },
    async (req, reply) => withEtag(reply, await getMailbox(db(), actorOf(req), req.params.id)),
  );
  app.patch(
    '/api/v1/mailboxes/:id',
    {
      schema: {
        tags,
        summary: 'Change a sales mailbox (admin); If-Match required by the UI; an absent password is kept',
        params: idParams,
        body: mailboxUpdateInput,
        response: { 200: mailbox, ...errorResponses },
      },
    },
    async (req, reply) =>
      withEtag(reply, await updateMailbox(db(), dataDir(), actorOf(req), req.params.id, req.body, ifMatchVersion(req))),
  );
  app.delete(
    '/api/v1/mailboxes/:id',
    { schema: { tags, summary: 'Remove a sales mailbox (soft delete; polling stops)', params: idParams } },
    async (req, reply) => {
      await deleteMailbox(db(), actorOf(req), req.params.id, ifMatchVersion(req));
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/v1/mailboxes/:id/restore',
    {
      schema: { tags, summary: 'Bring a removed mailbox back', params: idParams, response: { 200: mailbox, ...errorResponses } },
    },
    async (req, reply) => withEtag(reply, await restoreMailbox(db(), actorOf(req), req.params.id)),
  );
  app.get(
    '/api/v1/mailboxes/:id/status',
    {
      schema: {
        tags,
        summary: 'Sync status: last sync, last success, last error, processed count, UID state',
        params: idParams,
        response: { 200: mailboxStatus, ...errorResponses },
      },
    },
    async (req) => getMailboxStatus(db(), actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/mailboxes/:id/sync',
    {
      schema: {
        tags,
        summary:
          'Sync now; a connection or login failure is returned as ok:false (and kept as lastError); 409 while another sync runs',
        params: idParams,
        response: { 200: syncResult, 409: errorBody, ...errorResponses },
      },
    },
    async (req) => syncMailboxNow(db(), dataDir(), actorOf(req), req.params.id),
  );
}
