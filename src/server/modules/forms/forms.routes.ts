import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  DEFAULT_THANK_YOU,
  FORM_LIMITS,
  type Form,
  fieldLabel,
  form,
  formCreateInput,
  formEmbed,
  formEmbedQuery,
  formListQuery,
  formUpdateInput,
  submissionReply,
} from '../../../domain/forms/form.schema.js';
import { registerCrudRoutes } from '../../http/crud-routes.js';
import { actorOf } from '../../http/request.js';
import { errorBody, errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { CsvColumn } from '../../platform/csv.js';
import { AppError, STATUS_BY_CODE } from '../../platform/errors.js';
import { getFormEmbed } from './forms.embed-service.js';
import { errorPage, preferredLanguage, thankYouPage } from './forms.pages.js';
import { countForms, createForm, deleteForm, getVisibleForm, listForms, restoreForm, updateForm } from './forms.service.js';
import { findOpenForm, originAllowed, submitForm } from './forms.submit.js';

const FORM_CSV_COLUMNS: CsvColumn<Form>[] = [
  { header: 'id', value: (f) => f.id },
  { header: 'name', value: (f) => f.name },
  { header: 'active', value: (f) => (f.active ? 'yes' : 'no') },
  { header: 'source', value: (f) => f.source },
  { header: 'campaign', value: (f) => f.campaign },
  { header: 'team', value: (f) => f.team?.name },
  { header: 'submissions', value: (f) => f.submissionCount },
  { header: 'lastSubmissionAt', value: (f) => f.lastSubmissionAt },
  { header: 'createdAt', value: (f) => f.createdAt },
];

const formIdParams = z.object({ formId: z.string().uuid('is not a valid id') });
const FORM_ENCODED = 'application/x-www-form-urlencoded';

export function formRoutes(app: App) {
  registerCrudRoutes(app, {
    resource: 'forms',
    entityType: 'form',
    label: 'a lead form',
    schemas: { listQuery: formListQuery, create: formCreateInput, update: formUpdateInput, record: form },
    service: {
      list: listForms,
      get: getVisibleForm,
      create: createForm,
      update: updateForm,
      remove: deleteForm,
      restore: restoreForm,
      count: countForms,
    },
    csvColumns: FORM_CSV_COLUMNS,
  });

  app.get(
    '/api/v1/forms/:id/embed',
    {
      schema: {
        tags: ['forms'],
        summary: 'Copy-paste HTML+JS snippet of a lead form (admin)',
        params: idParams,
        querystring: formEmbedQuery,
        response: { 200: formEmbed, ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return getFormEmbed(app.database.db, actor, req.params.id, app.config.publicUrl, req.query.lang);
    },
  );

  // The public endpoint lives in its own plugin scope, so the form-encoded body parser (classic HTML posts) and the
  // small body limit apply to it alone; every other route keeps accepting JSON only.
  app.register(async (scope: App) => {
    scope.addContentTypeParser(FORM_ENCODED, { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.options(
      '/api/v1/forms/:formId/submissions',
      {
        config: { public: true },
        schema: { tags: ['forms'], summary: 'CORS preflight for the sites a form allows', params: formIdParams },
      },
      async (req, reply) => {
        const found = await findOpenForm(app.database.db, req.params.formId);
        const origin = req.headers.origin;
        if (!origin || !originAllowed(found, origin, ownOrigin(app))) {
          throw new AppError('forbidden', 'This site may not post to the form (add it to the form’s allowed origins)');
        }
        allowCors(reply, origin);
        reply.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
        reply.header('Access-Control-Allow-Headers', 'Content-Type, Accept');
        reply.header('Access-Control-Max-Age', '600');
        return reply.code(204).send();
      },
    );
    scope.post(
      '/api/v1/forms/:formId/submissions',
      {
        config: { public: true },
        bodyLimit: FORM_LIMITS.maxBodyBytes,
        schema: {
          tags: ['forms'],
          summary: 'Submit a lead form (public; JSON or classic form-encoded post)',
          description: `Creates a lead (or adds to the Stream of the open lead with the same email). Rate limited to ${FORM_LIMITS.perIpPerWindow} posts per address and form per ${FORM_LIMITS.windowSeconds} s; bodies up to ${FORM_LIMITS.maxBodyBytes} bytes. A classic post is answered with a 303 to the form's redirect or a small thank-you page.`,
          security: [],
          params: formIdParams,
          body: z.record(z.string(), z.unknown()),
          response: { 200: submissionReply, 400: errorBody, 403: errorBody, 404: errorBody, 413: errorBody, 429: errorBody },
        },
      },
      async (req, reply) => {
        const classic = String(req.headers['content-type'] ?? '').startsWith(FORM_ENCODED);
        const lang = preferredLanguage(req.headers['accept-language']);
        let found: Form | undefined;
        try {
          found = await findOpenForm(app.database.db, req.params.formId);
          const origin = req.headers.origin;
          if (origin && origin !== 'null') {
            if (!originAllowed(found, origin, ownOrigin(app)))
              throw new AppError('forbidden', 'This site may not post to the form (add it to the form’s allowed origins)');
            allowCors(reply, origin);
          }
          const outcome = await submitForm(app.database.db, found, {
            body: req.body,
            ip: req.ip,
            userAgent: req.headers['user-agent'],
            pageUrl: req.headers.referer,
          });
          if (classic) {
            // Not JSON: the typed reply only knows the JSON answers, the untyped one sends the redirect or page.
            const plain = reply as unknown as FastifyReply;
            if (outcome.redirectUrl) return plain.code(303).header('Location', outcome.redirectUrl).send();
            return plain.code(200).type('text/html; charset=utf-8').send(thankYouPage(lang, outcome.message));
          }
          return { ok: true as const, message: outcome.message ?? DEFAULT_THANK_YOU[lang], redirectUrl: outcome.redirectUrl };
        } catch (err) {
          if (!classic || !(err instanceof AppError)) throw err;
          return sendErrorPage(req, reply, err, found, lang);
        }
      },
    );
  });
}

function ownOrigin(app: App): string {
  return new URL(app.config.publicUrl).origin;
}

function allowCors(reply: FastifyReply, origin: string) {
  reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Vary', 'Origin');
}

/** A classic post gets a readable page instead of JSON, with the same status code. */
function sendErrorPage(
  req: FastifyRequest,
  reply: FastifyReply,
  err: AppError,
  found: Form | undefined,
  lang: ReturnType<typeof preferredLanguage>,
) {
  const labels = Object.fromEntries((found?.fields ?? []).map((f) => [f.name, fieldLabel(f, lang)]));
  return reply
    .code(STATUS_BY_CODE[err.code])
    .type('text/html; charset=utf-8')
    .send(errorPage(lang, err.message, err.details, labels, req.headers.referer));
}
