import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { DB } from './db-types.js';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both. */
export type Conn = Db | Tx;

export type Database = {
  db: Db;
  pool: pg.Pool;
  kind: 'embedded' | 'postgres';
  /** The PGlite instance in embedded mode (for backup/restore). */
  pglite?: PGlite;
  close(): Promise<void>;
};

// int8 (bigint, count(*)) as a JS number: our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// numeric stays a string so money never passes through binary floating point.
pg.types.setTypeParser(1700, (v) => v);
// date (no time of day) stays "YYYY-MM-DD": a calendar day must not shift with the server time zone.
pg.types.setTypeParser(1082, (v) => v);

export type OpenOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'embedded'; dataDir: string; lock?: boolean }
  | { kind: 'memory'; loadDataDir?: Blob };

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle connection that the server ends (restart, failover, pg_terminate_backend) must not crash the
    // process: the pool drops it and opens a new one on the next query.
    pool.on('error', (err) => console.warn(`PostgreSQL connection lost: ${err.message}`));
    const db = makeKysely(pool);
    return { db, pool, kind: 'postgres', close: () => db.destroy() };
  }
  let lock: DataDirLock | undefined;
  let dataDir: string | undefined;
  if (opts.kind === 'embedded') {
    dataDir = path.resolve(opts.dataDir, 'pg');
    fs.mkdirSync(dataDir, { recursive: true });
    if (opts.lock !== false) lock = acquireDataDirLock(path.resolve(opts.dataDir));
  }
  const pglite = await PGlite.create({
    dataDir,
    loadDataDir: opts.kind === 'memory' ? opts.loadDataDir : undefined,
    extensions: { pg_trgm },
    // An embedded database shares the process with the app: keep its cache small.
    postgresqlconf: ['shared_buffers = 32MB'],
  });
  // PGlite is a single backend: the pool MUST stay at one connection or transactions interleave.
  const pool = new pg.Pool(createPgConfig(pglite));
  const db = makeKysely(pool);
  let closed = false;
  return {
    db,
    pool,
    kind: 'embedded',
    pglite,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}

function makeKysely(pool: pg.Pool): Db {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

/** Run `work` in one transaction; every mutation and its Stream entry go through here. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
