import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type ErrorDetail, STATUS_BY_CODE } from '../platform/errors.js';

/** The one place errors become HTTP replies: `{error:{code,message,details}}`, never a bare 500 for bad input. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return send(reply, err.code, err.message, err.details);

  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext === 'body' ? '' : `${err.validationContext ?? 'request'}.`;
    const details: ErrorDetail[] = err.validation.map((v) => ({
      field: (where + v.instancePath.replace(/^\//, '').replace(/\//g, '.')).replace(/\.$/, '') || '(body)',
      message: /received undefined/.test(v.message ?? '') ? 'is required' : (v.message ?? 'is invalid'),
    }));
    const message = details.map((d) => `${d.field}: ${d.message}`).join('; ');
    return send(reply, 'validation_failed', message, details);
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
    return send(reply, 'internal', 'Internal error');
  }
  const pgCode = (err as unknown as { code?: string }).code;
  if (pgCode === '23505') return send(reply, 'conflict', 'A record with these values already exists');
  if (pgCode === '23503') return send(reply, 'validation_failed', 'A referenced record does not exist');
  // Class 22 (data exception): a value the database cannot store, e.g. a NUL character in text. Bad input, not a 500.
  if (pgCode?.startsWith('22'))
    return send(reply, 'validation_failed', 'A value cannot be stored (invalid characters or out of range)');
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, 'payload_too_large', 'The request body is too large');
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return reply
      .code(415)
      .send({ error: { code: 'unsupported_media_type', message: 'Send JSON (application/json)', details: [] } });
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    if (err.statusCode === 429) return send(reply, 'rate_limited', err.message);
    return reply.code(err.statusCode).send({ error: { code: 'bad_request', message: err.message, details: [] } });
  }
  req.log.error({ err }, 'unhandled error');
  return send(reply, 'internal', 'Internal error');
}

function send(reply: FastifyReply, code: ErrorCode, message: string, details: ErrorDetail[] = []) {
  return reply.code(STATUS_BY_CODE[code]).send({ error: { code, message, details } });
}
