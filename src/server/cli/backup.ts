import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { loadConfig } from '../platform/config.js';
import { acquireDataDirLock } from '../platform/data-dir-lock.js';
import { openDatabase } from '../platform/db.js';

/**
 * Backups. Embedded: PGlite's own consistent dump of the data folder (a .tar.gz), taken with the folder
 * locked, so the server must be stopped. PostgreSQL: pg_dump's custom format, restored with pg_restore.
 */
export async function backupCommand(file: string) {
  const config = loadConfig();
  const target = path.resolve(file);
  if (config.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, config.databaseUrl]);
  } else {
    const database = await openDatabase({ kind: 'embedded', dataDir: config.dataDir });
    try {
      const dump = await (database.pglite as PGlite).dumpDataDir('gzip');
      fs.writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await database.close();
    }
  }
  console.log(`Backup written to ${target}`);
}

export async function restoreCommand(file: string, opts: { force?: boolean }) {
  const config = loadConfig();
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new Error(`No such file: ${source}`);
  if (config.databaseUrl) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.databaseUrl}`, source]);
  } else {
    const pgDir = path.join(config.dataDir, 'pg');
    const lock = acquireDataDirLock(config.dataDir);
    try {
      if (fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0) {
        if (!opts.force) throw new Error(`${pgDir} already holds a database; add --force to replace it`);
        fs.renameSync(pgDir, `${pgDir}.before-restore-${Date.now()}`);
      }
      fs.mkdirSync(pgDir, { recursive: true });
      const blob = new Blob([fs.readFileSync(source)]);
      const pglite = await PGlite.create({ dataDir: pgDir, loadDataDir: blob, extensions: { pg_trgm } });
      await pglite.query('SELECT 1');
      await pglite.close();
    } finally {
      lock.release();
    }
  }
  console.log(`Restored ${source}`);
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('error', (err) => reject(new Error(`${cmd} is needed for PostgreSQL backups (${err.message})`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}`))));
  });
}
