import type { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ATTACHMENT_KINDS } from '../../../domain/attachments/attachment.kinds.js';
import { type Attachment, attachment, attachmentListQuery } from '../../../domain/attachments/attachment.schema.js';
import { page } from '../../../domain/common/fields.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorBody, errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { invalidField } from '../../platform/errors.js';
import { fileStoreFor, type StagedFile } from '../../platform/files.js';
import { TextProbe } from './attachment-type.js';
import { cleanFileName, tooLarge, uploadAttachment } from './attachment-upload.js';
import { deleteAttachment, getAttachment, listAttachments, openAttachment, restoreAttachment } from './attachments.service.js';

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / RFC 5987): the real name survives in every browser. */
export function contentDisposition(disposition: 'attachment' | 'inline', fileName: string): string {
  const name = cleanFileName(fileName);
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Headers that keep a stored file from ever running as part of Stride's origin. */
function sendFile(reply: FastifyReply, a: Attachment, body: Readable, mode: 'download' | 'preview') {
  const inline = mode === 'preview' && a.previewable;
  // Active content (SVG, HTML) is never given its real type: the browser must not render it, only save it.
  const type = a.activeContent
    ? 'application/octet-stream'
    : a.contentType.startsWith('text/')
      ? `${a.contentType}; charset=utf-8`
      : a.contentType;
  reply.header('Content-Type', type);
  reply.header('Content-Length', String(a.size));
  reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', a.fileName));
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Cache-Control', 'private, no-store');
  reply.header('Cross-Origin-Resource-Policy', 'same-origin');
  if (inline && a.kind === 'pdf') {
    // Browsers' PDF viewers refuse to run in a `sandbox` CSP; a PDF preview gets a no-script policy and may
    // only be framed by Stride itself.
    reply.header('Content-Security-Policy', "default-src 'none'; object-src 'self'; frame-ancestors 'self'");
  } else {
    reply.header(
      'Content-Security-Policy',
      "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
    );
  }
  return reply.send(body);
}

export function attachmentRoutes(app: App) {
  const tags = ['attachments'];
  const store = fileStoreFor(app.config.dataDir);
  const maxBytes = Math.floor(app.config.maxUploadMb * 1024 * 1024);
  const db = () => app.database.db;

  // Multipart is parsed only inside this scope: every other route keeps accepting JSON alone.
  app.register(async (scope: App) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
    });
    scope.post(
      '/api/v1/attachments',
      {
        schema: {
          tags,
          summary: `Attach a file to a record (multipart: relatedType, relatedId, then file; at most ${app.config.maxUploadMb} MB)`,
          description:
            'The type is detected from the bytes and must be an accepted one (PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, PPTX, ODT, ODS, TXT/CSV in UTF-8, ZIP, EML, SVG, HTML); a name or declared type that disagrees with the bytes is refused with 415. SVG and HTML are accepted but only ever served as downloads.',
          consumes: ['multipart/form-data'],
          response: { 201: attachment, 413: errorBody, 415: errorBody, ...errorResponses },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > maxBytes + 64 * 1024) throw tooLarge(maxBytes);
        if (!req.isMultipart()) throw invalidField('file', 'send the file as multipart/form-data in the field "file"');
        const fields: Record<string, string> = {};
        let file: { staged: StagedFile; probe: TextProbe; fileName: string; mimeType: string } | undefined;
        try {
          for await (const part of req.parts()) {
            if (part.type === 'file') {
              if (part.fieldname !== 'file' || file) {
                part.file.resume();
                throw invalidField(part.fieldname, 'send exactly one file, in the field "file"');
              }
              const probe = new TextProbe();
              const staged = await store.stage(part.file, { maxBytes, onChunk: probe.onChunk });
              file = {
                staged: part.file.truncated ? { ...staged, tooLarge: true } : staged,
                probe,
                fileName: part.filename,
                mimeType: part.mimetype,
              };
            } else {
              fields[part.fieldname] = String(part.value);
            }
          }
        } catch (err) {
          if (file) await store.discard(file.staged);
          if ((err as { statusCode?: number }).statusCode === 413) throw tooLarge(maxBytes);
          throw err;
        }
        if (!file) throw invalidField('file', 'is required');
        const created = await uploadAttachment(db(), store, actor, { fields, maxBytes, ...file });
        return withEtag(reply, created, 201);
      },
    );
  });

  app.get(
    '/api/v1/attachments',
    {
      schema: {
        tags,
        summary: "A record's attachments, newest first (deleted=true lists the deleted ones)",
        querystring: attachmentListQuery,
        response: { 200: page(attachment), ...errorResponses },
      },
    },
    async (req) => listAttachments(db(), actorOf(req), req.query),
  );
  app.get(
    '/api/v1/attachments/limits',
    {
      schema: {
        tags,
        summary: 'The upload limit and the accepted content types with their extensions (for upload widgets)',
        response: {
          200: z.object({ maxUploadMb: z.number(), accept: z.record(z.string(), z.array(z.string())) }),
          ...errorResponses,
        },
      },
    },
    async () => ({
      maxUploadMb: app.config.maxUploadMb,
      accept: Object.fromEntries(Object.values(ATTACHMENT_KINDS).map((k) => [k.mime, k.exts.map((e) => `.${e}`)])),
    }),
  );
  app.get(
    '/api/v1/attachments/:id',
    { schema: { tags, summary: "An attachment's metadata", params: idParams, response: { 200: attachment, ...errorResponses } } },
    async (req, reply) => withEtag(reply, await getAttachment(db(), actorOf(req), req.params.id)),
  );
  app.get(
    '/api/v1/attachments/:id/download',
    {
      schema: {
        tags,
        summary: 'Download the file (always as an attachment; SVG/HTML as application/octet-stream); audited in the Stream',
        params: idParams,
      },
    },
    async (req, reply) => {
      const { attachment: a, body } = await openAttachment(db(), store, actorOf(req), req.params.id, 'download');
      return sendFile(reply, a, body, 'download');
    },
  );
  app.get(
    '/api/v1/attachments/:id/preview',
    {
      schema: {
        tags,
        summary: 'Show an image (not SVG) or PDF inline; other types → 415 (download them); audited in the Stream',
        params: idParams,
        response: { 415: errorBody, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { attachment: a, body } = await openAttachment(db(), store, actorOf(req), req.params.id, 'preview');
      return sendFile(reply, a, body, 'preview');
    },
  );
  app.delete(
    '/api/v1/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Delete an attachment (soft; restorable)',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteAttachment(db(), actorOf(req), req.params.id, ifMatchVersion(req));
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/attachments/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a deleted attachment',
        params: idParams,
        response: { 200: attachment, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await restoreAttachment(db(), actorOf(req), req.params.id)),
  );
}
