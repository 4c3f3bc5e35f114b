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
import { registerRecordRoutes } from '../../http/crud-routes.js';
import { actorOf } from '../../http/request.js';
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
  registerRecordRoutes(app, {
    resource: 'email-templates',
    label: 'an email template',
    schemas: { create: emailTemplateCreateInput, update: emailTemplateUpdateInput, record: emailTemplate },
    service: {
      get: getTemplate,
      create: createTemplate,
      update: updateTemplate,
      remove: deleteTemplate,
      restore: restoreTemplate,
    },
  });
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
