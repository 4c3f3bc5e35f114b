import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/platform/db.js';
import { migrate } from '../src/server/platform/migrate.js';

/**
 * Migrates ONCE per test run and shares the result with every test file:
 * - PGlite (default): a migrated in-memory database dumped to a temp file; each file loads the dump.
 * - PostgreSQL (TEST_DATABASE_URL set): a migrated template database `<name>_tpl`; each file clones it.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDumpPath: string;
    postgresTemplate: string;
  }
}

export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`TEST_DATABASE_URL: use a simple lower-case database name, got "${name}"`);
  return name;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const base = databaseNameOf(pgUrl);
    const template = `${base}_tpl`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await dropClones(admin, base);
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
    const database = await openDatabase({ kind: 'postgres', url: withDatabase(pgUrl, template), poolSize: 1 });
    try {
      await migrate(database.db);
    } finally {
      await database.close();
    }
    project.provide('postgresTemplate', template);
    project.provide('pgliteDumpPath', '');
    return async () => {
      await dropClones(admin, base);
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }

  const database = await openDatabase({ kind: 'memory' });
  let dumpPath: string;
  try {
    await migrate(database.db);
    const dump = await (database.pglite as NonNullable<typeof database.pglite>).dumpDataDir('none');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-test-'));
    dumpPath = path.join(dir, 'template.tar');
    fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await database.close();
  }
  project.provide('pgliteDumpPath', dumpPath);
  project.provide('postgresTemplate', '');
  return () => fs.rmSync(path.dirname(dumpPath), { recursive: true, force: true });
}

/** Clones left behind by an interrupted run. */
async function dropClones(admin: pg.Client, base: string) {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2`,
    [`${base.replace(/_/g, '\\_')}\\_t\\_%`, `${base}_tpl`],
  );
  for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
}
