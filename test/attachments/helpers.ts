import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type ApiResponse, type Client, type Json, TestApp } from '../helpers/app.js';

/** One app per test file with its own DATA_DIR (the file store lives there) and a small upload limit. */
export function useAttachmentApp(setup: (t: TestApp) => Promise<void>, env: Record<string, string> = {}) {
  let instance: TestApp | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-attachments-'));
  beforeAll(async () => {
    instance = await TestApp.start({ DATA_DIR: dataDir, MAX_UPLOAD_MB: '1', ...env });
    await setup(instance);
  });
  afterAll(async () => {
    await instance?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    get current(): TestApp {
      if (!instance) throw new Error('beforeAll has not run');
      return instance;
    },
  };
}

export type FilePart = { fileName: string; contentType?: string; bytes: Buffer | string };

/** A multipart/form-data body: the text fields first, then the file (as browsers send a FormData). */
export function multipart(fields: Record<string, string>, file?: FilePart) {
  const boundary = `----stride${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /api/v1/attachments as the client (its session cookie and CSRF token go along). */
export async function upload(client: Client, related: { type: string; id: string }, file: FilePart): Promise<ApiResponse> {
  const { body, contentType } = multipart({ relatedType: related.type, relatedId: related.id }, file);
  return rawPost(client, body, contentType);
}

export async function rawPost(client: Client, body: Buffer, contentType: string): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...client.defaultHeaders, 'content-type': contentType };
  if (client.cookies.size) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (client.csrfToken) headers['x-csrf-token'] = client.csrfToken;
  const raw = await client.app.inject({ method: 'POST', url: '/api/v1/attachments', headers, payload: body });
  const text = raw.body;
  const parsed: Json = text && String(raw.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text;
  return { status: raw.statusCode, body: parsed, headers: raw.headers, raw };
}

/** Files the tests send. */
export const FILES = {
  // a real 1×1 PNG
  png: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  // the start of a Windows executable (MZ header, PE offset)
  exe: Buffer.concat([
    Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]),
    Buffer.alloc(300, 7),
  ]),
  svg: '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>',
  html: '<!DOCTYPE html><html><body><script>fetch("/api/v1/auth/me")</script></body></html>',
  csv: 'name;city\nDvořáková;Brno\nŠťastný;Praha\n',
};

/** Every regular file under a folder (recursively). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
