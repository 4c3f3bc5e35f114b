import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/server/platform/db.js';
import {
  adminToken,
  api,
  cleanupAll,
  runCli,
  type Server,
  startServer,
  stopServer,
  strideEnv,
  tempDir,
} from './process-helpers.js';

// `stride backup` then `stride restore` somewhere new must give back the same data, row for row.
const TABLES: Array<[table: string, order: string]> = [
  ['schema_migrations', 'name'],
  ['users', 'id'],
  ['teams', 'id'],
  ['team_members', 'team_id, user_id'],
  ['api_tokens', 'id'],
  ['accounts', 'id'],
  ['contacts', 'id'],
  ['stream_entries', 'seq'],
];

async function snapshot(database: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of TABLES) {
    out[table] = (await sql.raw(`SELECT * FROM ${table} ORDER BY ${order}`).execute(database.db)).rows;
  }
  return out;
}

/** A little of everything through the real API: accounts with diacritics, a contact, their Stream entries. */
async function writeSomeData(server: Server): Promise<void> {
  const token = await adminToken(server);
  const names = ['Dvořák & syn s.r.o.', 'Škoda Příbram a.s.', 'Müller GmbH'];
  for (const name of names) {
    const res = await api(server, token, 'POST', '/api/v1/accounts', { name, billingAddress: { city: 'Brno' } });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  const list = (await (await api(server, token, 'GET', '/api/v1/accounts?limit=10')).json()) as { data: Array<{ id: string }> };
  const contact = await api(server, token, 'POST', '/api/v1/contacts', {
    firstName: 'Jiří',
    lastName: 'Nováček',
    accountId: list.data[0]?.id,
  });
  expect(contact.status, await contact.clone().text()).toBe(201);
}

function expectPlausible(snap: Record<string, unknown[]>) {
  expect(snap.accounts).toHaveLength(3);
  expect(snap.contacts).toHaveLength(1);
  expect(snap.users?.length).toBeGreaterThanOrEqual(1);
  expect(snap.stream_entries?.length).toBeGreaterThanOrEqual(4);
}

describe('stride backup / restore (real processes)', () => {
  afterAll(cleanupAll);

  it('embedded: restoring into a new DATA_DIR gives back the same data', async () => {
    const source = tempDir('backup-src');
    const target = tempDir('backup-dst');
    const file = path.join(tempDir('backup-file'), 'stride-backup.tar.gz');

    const server = await startServer({ dataDir: source });
    await writeSomeData(server);
    expect(await stopServer(server)).toEqual({ code: 0, signal: null });
    // an attachment stored beside the database must come back too
    fs.mkdirSync(path.join(source, 'files', 'ab', 'cd'), { recursive: true });
    fs.writeFileSync(path.join(source, 'files', 'ab', 'cd', 'offer.pdf'), '%PDF-1.4 Nabídka AutoERP');

    await runCli(['backup', file], strideEnv({ DATA_DIR: source }));
    await runCli(['restore', file], strideEnv({ DATA_DIR: target }));
    expect(fs.readFileSync(path.join(target, 'files', 'ab', 'cd', 'offer.pdf'), 'utf8')).toBe('%PDF-1.4 Nabídka AutoERP');

    const before = await openDatabase({ kind: 'embedded', dataDir: source });
    const sourceSnap = await snapshot(before).finally(() => before.close());
    const after = await openDatabase({ kind: 'embedded', dataDir: target });
    const targetSnap = await snapshot(after).finally(() => after.close());
    expectPlausible(sourceSnap);
    expect(targetSnap).toEqual(sourceSnap);
  }, 120_000);

  const baseUrl = process.env.TEST_DATABASE_URL;
  if (baseUrl) {
    it('PostgreSQL: pg_dump / pg_restore into a fresh database gives back the same data', async () => {
      const stamp = `${process.pid}_${Date.now()}`;
      const names = [`stride_backup_src_${stamp}`, `stride_backup_dst_${stamp}`];
      const urlOf = (name: string) => {
        const u = new URL(baseUrl);
        u.pathname = `/${name}`;
        return u.toString();
      };
      const admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      try {
        for (const name of names) await admin.query(`CREATE DATABASE "${name}"`);
        const [sourceUrl, targetUrl] = names.map(urlOf) as [string, string];
        const file = path.join(tempDir('pg-backup'), 'stride.dump');

        const server = await startServer({ databaseUrl: sourceUrl });
        await writeSomeData(server);
        expect(await stopServer(server)).toEqual({ code: 0, signal: null });

        // file folders live in DATA_DIR in PostgreSQL mode too: give each side its own
        const sourceDir = tempDir('pg-backup-src');
        const targetDir = tempDir('pg-backup-dst');
        fs.mkdirSync(path.join(sourceDir, 'files', 'aa'), { recursive: true });
        fs.writeFileSync(path.join(sourceDir, 'files', 'aa', 'contract.pdf'), '%PDF-1.4 Smlouva');
        await runCli(['backup', file], strideEnv({ DATABASE_URL: sourceUrl, DATA_DIR: sourceDir }));
        await runCli(['restore', file], strideEnv({ DATABASE_URL: targetUrl, DATA_DIR: targetDir }));
        expect(fs.readFileSync(path.join(targetDir, 'files', 'aa', 'contract.pdf'), 'utf8')).toBe('%PDF-1.4 Smlouva');

        const before = await openDatabase({ kind: 'postgres', url: sourceUrl, poolSize: 1 });
        const sourceSnap = await snapshot(before).finally(() => before.close());
        const after = await openDatabase({ kind: 'postgres', url: targetUrl, poolSize: 1 });
        const targetSnap = await snapshot(after).finally(() => after.close());
        expectPlausible(sourceSnap);
        expect(targetSnap).toEqual(sourceSnap);
      } finally {
        for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      }
    }, 120_000);
  }
});
