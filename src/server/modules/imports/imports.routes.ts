import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { page } from '../../../domain/common/fields.js';
import {
  IMPORT_MAX_BYTES,
  importListQuery,
  importRecord,
  importUpdateInput,
  importWithPreview,
  previewRow,
} from '../../../domain/imports/import.schema.js';
import { uploadedFile } from '../../http/multipart.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorBody, errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { AppError } from '../../platform/errors.js';
import { ImportWorker } from './import-worker.js';
import {
  createImport,
  getImport,
  getImportWithPreview,
  listImports,
  rejectedRowsCsv,
  startImport,
  updateImport,
} from './imports.service.js';

const workers = new WeakMap<object, ImportWorker>();

/** The app's import worker (tests drive it directly to simulate restarts). */
export function importWorkerOf(app: App): ImportWorker {
  return workers.get(app) as ImportWorker;
}

const tooLarge = () =>
  new AppError('payload_too_large', 'The file is larger than the 50 MB an import accepts', [
    { field: 'file', message: 'is larger than 50 MB' },
  ]);

export function importRoutes(app: App) {
  const tags = ['imports'];
  const worker = new ImportWorker(app.database.db, app.config.dataDir, app.log);
  workers.set(app, worker);
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.stop());

  // Multipart is parsed only inside this scope: every other route keeps accepting JSON alone.
  app.register(async (scope: App) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
    scope.post(
      '/api/v1/imports',
      {
        schema: {
          tags,
          summary:
            'Upload a CSV (UTF-8, `,` or `;`) or XLSX file of leads (multipart field `file`, at most 50 MB); returns the detected columns, a suggested mapping and a preview',
          consumes: ['multipart/form-data'],
          response: { 201: importWithPreview, 413: errorBody, ...errorResponses },
        },
      },
      async (req, reply) => {
        const file = await uploadedFile(req, IMPORT_MAX_BYTES, tooLarge);
        const created = await createImport(app.database.db, app.config.dataDir, actorOf(req), {
          fileName: file.filename,
          stream: file.file,
          truncated: () => file.file.truncated,
        });
        return withEtag(reply, created, 201);
      },
    );
  });

  app.get(
    '/api/v1/imports',
    {
      schema: {
        tags,
        summary: 'Imports: your own (an administrator sees all), newest first',
        querystring: importListQuery,
        response: { 200: page(importRecord), ...errorResponses },
      },
    },
    async (req) => listImports(app.database.db, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/imports/:id',
    {
      schema: {
        tags,
        summary: 'An import: status, totals and progress (poll it while it runs)',
        params: idParams,
        response: { 200: importRecord, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await getImport(app.database.db, actorOf(req), req.params.id)),
  );
  app.get(
    '/api/v1/imports/:id/preview',
    {
      schema: {
        tags,
        summary: 'The first 20 rows as they would import, with validation and duplicate status',
        params: idParams,
        response: { 200: z.object({ data: z.array(previewRow) }), ...errorResponses },
      },
    },
    async (req) => ({
      data: (await getImportWithPreview(app.database.db, app.config.dataDir, actorOf(req), req.params.id)).preview,
    }),
  );
  app.patch(
    '/api/v1/imports/:id',
    {
      schema: {
        tags,
        summary:
          'Set the column mapping, duplicate policy (skip | update | create) and defaults (owner, team, source, campaign) before starting',
        params: idParams,
        body: importUpdateInput,
        response: { 200: importWithPreview, 422: errorBody, ...errorResponses },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await updateImport(app.database.db, app.config.dataDir, actorOf(req), req.params.id, req.body, ifMatchVersion(req)),
      ),
  );
  app.post(
    '/api/v1/imports/:id/start',
    {
      schema: {
        tags,
        summary: 'Start the import in the background (202); poll GET /imports/{id} for progress',
        params: idParams,
        response: { 202: importRecord, 422: errorBody, ...errorResponses },
      },
    },
    async (req, reply) => {
      const started = await startImport(app.database.db, actorOf(req), req.params.id);
      void worker.runPending();
      return withEtag(reply, started, 202);
    },
  );
  app.get(
    '/api/v1/imports/:id/rejected.csv',
    { schema: { tags, summary: 'The rejected rows with the reason of each, as CSV', params: idParams } },
    async (req, reply) => {
      const { fileName, stream } = await rejectedRowsCsv(app.database.db, actorOf(req), req.params.id);
      reply.header('Content-Type', 'text/csv; charset=utf-8');
      reply.header('Content-Disposition', `attachment; filename="${fileName.replace(/[^\w.-]+/g, '_')}"`);
      return reply.send(stream);
    },
  );
}
