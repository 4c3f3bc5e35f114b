import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { importWorkerOf } from '../../src/server/modules/imports/imports.routes.js';
import { type ApiResponse, type Client, TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

/** One app per test file with its own DATA_DIR (uploads land in DATA_DIR/imports) and the sales world. */
export function setupImportApp(): { readonly current: TestApp; readonly world: World; readonly dataDir: string } {
  let instance: TestApp | undefined;
  let world: World | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-imports-'));
  beforeAll(async () => {
    instance = await TestApp.start({ DATA_DIR: dataDir });
    world = await buildWorld(instance);
  });
  afterAll(async () => {
    await instance?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get current() {
      if (!instance) throw new Error('beforeAll has not run');
      return instance;
    },
    get world() {
      if (!world) throw new Error('beforeAll has not run');
      return world;
    },
    dataDir,
  };
}

/** A multipart/form-data body with one file part named `file`. */
export function multipart(fileName: string, content: Buffer | string, type = 'application/octet-stream') {
  const boundary = `----stride${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), tail]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function upload(client: Client, fileName: string, content: Buffer | string): Promise<ApiResponse> {
  const { body, contentType } = multipart(fileName, content);
  return client.request('POST', '/api/v1/imports', undefined, {
    payload: body as unknown as string,
    headers: { 'content-type': contentType },
  });
}

export async function uploadOk(client: Client, fileName: string, content: Buffer | string) {
  const res = await upload(client, fileName, content);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Drives the app's worker until the import is done (bounded, no sleeping) and returns its final state. */
export async function finish(t: TestApp, client: Client, id: string) {
  for (let i = 0; i < 50; i++) {
    await importWorkerOf(t.app).runPending();
    const res = await client.get(`/api/v1/imports/${id}`);
    expect(res.status).toBe(200);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
  }
  throw new Error(`import ${id} did not finish`);
}

/** Sets mapping/policy/defaults, starts the import and waits for it. */
export async function runImport(t: TestApp, client: Client, id: string, patch: Record<string, unknown> = {}) {
  if (Object.keys(patch).length) {
    const res = await client.patch(`/api/v1/imports/${id}`, patch);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const started = await client.post(`/api/v1/imports/${id}/start`);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return finish(t, client, id);
}

export const BOM = '\uFEFF';
