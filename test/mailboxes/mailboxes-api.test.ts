import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, fieldsOf, TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

let app: TestApp;
let world: World;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-mailbox-api-'));
  app = await TestApp.start({ DATA_DIR: dataDir });
  world = await buildWorld(app);
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const valid = { name: 'Obchod', host: 'imap.firma.cz', username: 'base@firma.cz', password: 'S3cret-imap!' };

describe('mailboxes API', () => {
  it('creates a mailbox with defaults, never returns the password and stores it encrypted', async () => {
    const admin = await world.as('admin');
    const res = await admin.post('/api/v1/mailboxes', { ...valid, teamId: world.teamA });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      name: 'Obchod',
      host: 'imap.firma.cz',
      port: 993,
      tls: 'implicit',
      folder: 'INBOX',
      pollMinutes: 5,
      active: true,
      hasPassword: true,
      teamId: world.teamA,
      intakeUserId: world.users.admin.id,
      createdBy: world.users.admin.id,
      status: {
        lastSyncAt: null,
        lastSuccessAt: null,
        lastError: null,
        processedCount: 0,
        uidValidity: null,
        lastUid: 0,
        syncing: false,
      },
    });
    const id = res.body.id;
    for (const body of [
      res.body,
      (await admin.get(`/api/v1/mailboxes/${id}`)).body,
      (await admin.get('/api/v1/mailboxes')).body,
    ]) {
      expect(JSON.stringify(body)).not.toContain('S3cret-imap!');
      expect(JSON.stringify(body)).not.toMatch(/"password"|passwordEncrypted/);
    }
    const row = await app.db.selectFrom('mailboxes').select('passwordEncrypted').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.passwordEncrypted).toMatch(/^v1:/);
    expect(row.passwordEncrypted).not.toContain('S3cret');
    expect(fs.statSync(path.join(dataDir, 'secrets', 'mailbox.key')).mode & 0o077).toBe(0);
  });

  it('rejects bad input naming the field: plain IMAP to a remote host, bad port, unknown team, missing fields', async () => {
    const admin = await world.as('admin');
    const plain = await admin.post('/api/v1/mailboxes', { ...valid, tls: 'none' });
    expect(plain.status).toBe(400);
    expect(fieldsOf(plain)).toEqual(['tls']);
    expect((await admin.post('/api/v1/mailboxes', { ...valid, host: 'localhost', tls: 'none', port: 143 })).status).toBe(201);
    expect(fieldsOf(await admin.post('/api/v1/mailboxes', { ...valid, port: 70000 }))).toEqual(['port']);
    expect(fieldsOf(await admin.post('/api/v1/mailboxes', { ...valid, pollMinutes: 0 }))).toEqual(['pollMinutes']);
    expect(fieldsOf(await admin.post('/api/v1/mailboxes', { ...valid, host: 'imap firma' }))).toEqual(['host']);
    expect(fieldsOf(await admin.post('/api/v1/mailboxes', { ...valid, teamId: '0190aaaa-0000-7000-8000-000000000000' }))).toEqual(
      ['teamId'],
    );
    expect(
      fieldsOf(await admin.post('/api/v1/mailboxes', { ...valid, intakeUserId: '0190aaaa-0000-7000-8000-000000000001' })),
    ).toEqual(['intakeUserId']);
    const missing = await admin.post('/api/v1/mailboxes', { name: 'x' });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing)).toEqual(expect.arrayContaining(['host', 'username', 'password']));
  });

  it('updates with If-Match (stale → 412), keeps the password unless a new one is sent, resets the UID state on a new folder', async () => {
    const admin = await world.as('admin');
    const created = (await admin.post('/api/v1/mailboxes', valid)).body;
    const before = (
      await app.db.selectFrom('mailboxes').select('passwordEncrypted').where('id', '=', created.id).executeTakeFirstOrThrow()
    ).passwordEncrypted;
    await app.db.updateTable('mailboxes').set({ uidValidity: 7, lastUid: 40 }).where('id', '=', created.id).execute();

    const ok = await admin.patch(
      `/api/v1/mailboxes/${created.id}`,
      { pollMinutes: 15, active: false },
      { headers: { 'if-match': '"1"' } },
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ pollMinutes: 15, active: false, version: 2, status: { uidValidity: 7, lastUid: 40 } });
    const after = (
      await app.db.selectFrom('mailboxes').select('passwordEncrypted').where('id', '=', created.id).executeTakeFirstOrThrow()
    ).passwordEncrypted;
    expect(after).toBe(before);

    const stale = await admin.patch(`/api/v1/mailboxes/${created.id}`, { pollMinutes: 20 }, { headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(errorOf(stale).code).toBe('precondition_failed');

    const moved = await admin.patch(
      `/api/v1/mailboxes/${created.id}`,
      { folder: 'Poptavky', password: 'new-one' },
      { headers: { 'if-match': '"2"' } },
    );
    expect(moved.body).toMatchObject({ folder: 'Poptavky', version: 3, status: { uidValidity: null, lastUid: 0 } });
    const rotated = (
      await app.db.selectFrom('mailboxes').select('passwordEncrypted').where('id', '=', created.id).executeTakeFirstOrThrow()
    ).passwordEncrypted;
    expect(rotated).not.toBe(before);

    expect(
      fieldsOf(await admin.patch(`/api/v1/mailboxes/${created.id}`, { tls: 'none' }, { headers: { 'if-match': '"3"' } })),
    ).toEqual(['tls']);
  });

  it('soft-deletes (204, then 404) and restores', async () => {
    const admin = await world.as('admin');
    const created = (await admin.post('/api/v1/mailboxes', valid)).body;
    expect((await admin.delete(`/api/v1/mailboxes/${created.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/mailboxes/${created.id}`)).status).toBe(404);
    expect((await admin.get('/api/v1/mailboxes')).body.data.map((m: { id: string }) => m.id)).not.toContain(created.id);
    expect((await admin.get('/api/v1/mailboxes?deleted=true')).body.data.map((m: { id: string }) => m.id)).toContain(created.id);
    const restored = await admin.post(`/api/v1/mailboxes/${created.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
  });

  it('is for administrators only: every other role gets 403 on every path', async () => {
    const admin = await world.as('admin');
    const created = (await admin.post('/api/v1/mailboxes', valid)).body;
    for (const who of ['director', 'marketing', 'leadA', 'amA', 'sdrA'] as const) {
      const api = await world.as(who);
      const calls = [
        api.get('/api/v1/mailboxes'),
        api.post('/api/v1/mailboxes', valid),
        api.get(`/api/v1/mailboxes/${created.id}`),
        api.patch(`/api/v1/mailboxes/${created.id}`, { name: 'x' }),
        api.delete(`/api/v1/mailboxes/${created.id}`),
        api.get(`/api/v1/mailboxes/${created.id}/status`),
        api.post(`/api/v1/mailboxes/${created.id}/sync`),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status, `${who}`).toBe(403);
        expect(errorOf(res).code).toBe('forbidden');
      }
    }
    expect((await app.api.get('/api/v1/mailboxes')).status).toBe(401);
  });
});
