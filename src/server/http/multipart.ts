import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { invalidField } from '../platform/errors.js';

/**
 * The one file of an upload sent as multipart/form-data in the field `file` (for a route in a scope that registers
 * @fastify/multipart with a `fileSize` limit of `maxBytes`). A body declared or streamed larger than that is
 * `tooLarge()` (413); the caller reads `file` as a stream and checks `file.truncated` at its end.
 */
export async function uploadedFile(req: FastifyRequest, maxBytes: number, tooLarge: () => Error): Promise<MultipartFile> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes + 64 * 1024) throw tooLarge();
  if (!req.isMultipart()) throw invalidField('file', 'send the file as multipart/form-data in the field "file"');
  let part: MultipartFile | undefined;
  try {
    part = await req.file();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 413) throw tooLarge();
    throw err;
  }
  if (!part) throw invalidField('file', 'is required');
  return part;
}
