import { AppError } from './errors.js';

/** Opaque keyset cursors: the last row's sort value and id, base64url-encoded JSON. */
export type CursorValue = { v: string | number; id: string };

export function encodeCursor(value: CursorValue): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorValue | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // The id goes into SQL as ::uuid: a forged non-uuid must be a 400 here, not a database error (500).
    if (
      parsed &&
      (typeof parsed.v === 'string' || typeof parsed.v === 'number') &&
      typeof parsed.id === 'string' &&
      UUID.test(parsed.id)
    ) {
      return parsed as CursorValue;
    }
  } catch {
    // fall through
  }
  throw invalidCursor();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function invalidCursor(): AppError {
  return new AppError('validation_failed', 'cursor: is not a cursor this server issued', [
    { field: 'cursor', message: 'is not a cursor this server issued' },
  ]);
}
