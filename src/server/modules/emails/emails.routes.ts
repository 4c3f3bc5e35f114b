import fs from 'node:fs';
import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { page } from '../../../domain/common/fields.js';
import {
  EMAIL_ATTACHMENT_MAX_BYTES,
  email,
  emailAttachment,
  emailCreateInput,
  emailListQuery,
  recipientSuggestion,
  relatedQuery,
  signatureInput,
  threadMessage,
} from '../../../domain/emails/email.schema.js';
import { uploadedFile } from '../../http/multipart.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorBody, errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { attachmentTooLarge, openAttachment, saveAttachment } from './email-attachments.js';
import { emailTemplateRoutes } from './email-templates.routes.js';
import {
  emailThread,
  getSignature,
  getVisibleEmail,
  listEmails,
  queueEmail,
  retryEmail,
  setSignature,
  suggestRecipients,
} from './emails.service.js';

export function emailRoutes(app: App) {
  const tags = ['emails'];
  const db = () => app.database.db;
  const settings = () => ({ publicUrl: app.config.publicUrl, mailFrom: app.config.mailFrom });

  app.post(
    '/api/v1/emails',
    {
      schema: {
        tags,
        summary:
          'Send an email from a record: queued at once (201, status queued), sent over SMTP by the outbox with retries; poll GET /emails/{id} for sent or failed',
        body: emailCreateInput,
        response: { 201: email, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await queueEmail(db(), actorOf(req), req.body, settings()), 201),
  );
  app.get(
    '/api/v1/emails',
    {
      schema: {
        tags,
        summary:
          "Emails of a record (relatedType + relatedId, under the record's read rule), or without them your own outbox; newest first",
        querystring: emailListQuery,
        response: { 200: page(email), ...errorResponses },
      },
    },
    async (req) => listEmails(db(), actorOf(req), req.query),
  );
  app.get(
    '/api/v1/emails/thread',
    {
      schema: {
        tags,
        summary: "A record's email conversation, oldest first: sent (and still queued or failed) and received mail",
        querystring: relatedQuery,
        response: { 200: z.object({ data: z.array(threadMessage) }), ...errorResponses },
      },
    },
    async (req) => ({
      data: await emailThread(db(), actorOf(req), { type: req.query.relatedType, id: req.query.relatedId }),
    }),
  );
  app.get(
    '/api/v1/emails/recipients',
    {
      schema: {
        tags,
        summary: "Addresses to offer when writing from a record: its own and its people's",
        querystring: relatedQuery,
        response: { 200: z.object({ data: z.array(recipientSuggestion) }), ...errorResponses },
      },
    },
    async (req) => ({
      data: await suggestRecipients(db(), actorOf(req), { type: req.query.relatedType, id: req.query.relatedId }),
    }),
  );
  app.get(
    '/api/v1/emails/signature',
    {
      schema: {
        tags,
        summary: 'My email signature ({{user.signature}} in templates)',
        response: { 200: signatureInput, ...errorResponses },
      },
    },
    async (req) => getSignature(db(), actorOf(req)),
  );
  app.put(
    '/api/v1/emails/signature',
    {
      schema: {
        tags,
        summary: 'Set my email signature',
        body: signatureInput,
        response: { 200: signatureInput, ...errorResponses },
      },
    },
    async (req) => setSignature(db(), actorOf(req), req.body.signature),
  );

  // Multipart is parsed only inside this scope: every other route keeps accepting JSON alone.
  app.register(async (scope: App) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: EMAIL_ATTACHMENT_MAX_BYTES, files: 1, fields: 2, parts: 3 } });
    scope.post(
      '/api/v1/emails/attachments',
      {
        schema: {
          tags,
          summary:
            'Upload a file to attach to an email you send next (multipart field `file`, at most 10 MB); use its id in attachmentIds',
          consumes: ['multipart/form-data'],
          response: { 201: emailAttachment, 413: errorBody, ...errorResponses },
        },
      },
      async (req, reply) => {
        const file = await uploadedFile(req, EMAIL_ATTACHMENT_MAX_BYTES, attachmentTooLarge);
        const saved = await saveAttachment(db(), app.config.dataDir, actorOf(req), {
          fileName: file.filename,
          contentType: file.mimetype,
          stream: file.file,
          truncated: () => file.file.truncated,
        });
        return reply.code(201).send(saved);
      },
    );
  });
  app.get(
    '/api/v1/emails/attachments/:id',
    { schema: { tags, summary: 'Download an email attachment (always as a download, never rendered inline)', params: idParams } },
    async (req, reply) => {
      const file = await openAttachment(db(), app.config.dataDir, actorOf(req), req.params.id);
      reply.header('Content-Type', 'application/octet-stream');
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      return reply.send(fs.createReadStream(file.path));
    },
  );

  app.get(
    '/api/v1/emails/:id',
    {
      schema: {
        tags,
        summary: 'One email with its sending status, attempts and last error',
        params: idParams,
        response: { 200: email, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await getVisibleEmail(db(), actorOf(req), req.params.id)),
  );
  app.post(
    '/api/v1/emails/:id/retry',
    {
      schema: {
        tags,
        summary: 'Send a failed email again (or a queued one now)',
        params: idParams,
        response: { 200: email, 422: errorBody, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await retryEmail(db(), actorOf(req), req.params.id, ifMatchVersion(req))),
  );

  emailTemplateRoutes(app);
}
