import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/server/platform/db.js';
import { databaseNameOf, withDatabase } from '../global-setup.js';

/**
 * A fresh, migrated database for one test file: PGlite loaded from the shared dump, or (with
 * TEST_DATABASE_URL) a PostgreSQL clone of the migrated template. `close()` also drops the clone.
 * Call it from `beforeAll`, close it in `afterAll` (or use `useTestApp`, which does both).
 */
export async function testDatabase(): Promise<Database> {
  const template = inject('postgresTemplate');
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (template && pgUrl) {
    const name = `${databaseNameOf(pgUrl)}_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(pgUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    const database = await openDatabase({ kind: 'postgres', url: withDatabase(pgUrl, name), poolSize: 4 });
    return {
      ...database,
      async close() {
        await database.close();
        await adminQuery(pgUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const dump = fs.readFileSync(inject('pgliteDumpPath'));
  return openDatabase({ kind: 'memory', loadDataDir: new Blob([dump]) });
}

async function adminQuery(url: string, text: string) {
  // Concurrent clones of one template can collide briefly ("being accessed by other users"): retry.
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text);
      return;
    } catch (err) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
    } finally {
      await client.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
  }
}
