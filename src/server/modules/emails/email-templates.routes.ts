import { z } from 'zod';
import { page } from '../../../domain/common/fields.js';
import {
  emailTemplate,
  emailTemplateCreateInput,
  emailTemplateUpdateInput,
  renderedTemplate,
  TEMPLATE_VARIABLES,
  templateRenderInput,
} from '../../../domain/emails/email-template.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  renderTemplate,
  restoreTemplate,
  updateTemplate,
} from './email-templates.service.js';

const listQuery = z.object({
  q: z.string().trim().max(200).optional(),
  deleted: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

/** Email templates: administrators and sales directors manage them, everyone reads and renders them. */
export function emailTemplateRoutes(app: App) {
  const tags = ['email-templates'];
  const base = '/api/v1/email-templates';
  const db = () => app.database.db;

  app.get(
    base,
    {
      schema: {
        tags,
        summary: `Email templates by name. Variables: ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}`,
        querystring: listQuery,
        response: { 200: page(emailTemplate), ...errorResponses },
      },
    },
    async (req) => listTemplates(db(), actorOf(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create an email template',
        body: emailTemplateCreateInput,
        response: { 201: emailTemplate, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await createTemplate(db(), actorOf(req), req.body), 201),
  );
  app.get(
    `${base}/:id`,
    { schema: { tags, summary: 'One email template', params: idParams, response: { 200: emailTemplate, ...errorResponses } } },
    async (req, reply) => withEtag(reply, await getTemplate(db(), actorOf(req), req.params.id)),
  );
  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Change an email template (send If-Match: "<version>")',
        params: idParams,
        body: emailTemplateUpdateInput,
        response: { 200: emailTemplate, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await updateTemplate(db(), actorOf(req), req.params.id, req.body, ifMatchVersion(req))),
  );
  app.delete(
    `${base}/:id`,
    { schema: { tags, summary: 'Delete an email template (soft; restorable)', params: idParams } },
    async (req, reply) => {
      await deleteTemplate(db(), actorOf(req), req.params.id, ifMatchVersion(req));
      return reply.code(204).send();
    },
  );
  app.post(
    `${base}/:id/restore`,
    {
      schema: {
        tags,
        summary: 'Restore a deleted email template',
        params: idParams,
        response: { 200: emailTemplate, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await restoreTemplate(db(), actorOf(req), req.params.id)),
  );
  app.post(
    `${base}/:id/render`,
    {
      schema: {
        tags,
        summary: 'Preview a template filled in for a record (and you as the sender)',
        params: idParams,
        body: templateRenderInput,
        response: { 200: renderedTemplate, ...errorResponses },
      },
    },
    async (req) => renderTemplate(db(), actorOf(req), req.params.id, req.body.relatedTo),
  );
}
