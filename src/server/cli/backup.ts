import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import * as tar from 'tar';
import { loadConfig } from '../platform/config.js';
import { acquireDataDirLock } from '../platform/data-dir-lock.js';
import { openDatabase } from '../platform/db.js';

/**
 * Backups: one .tar.gz holding the database and the files Stride keeps beside it (attachments, uploaded imports,
 * mail attachments and the key that encrypts mailbox passwords) — a database without its files is half a backup.
 * Embedded: PGlite's own consistent dump, taken with the data folder locked (stop the server first).
 * PostgreSQL: pg_dump's custom format, restored with pg_restore.
 */
const FILE_FOLDERS = ['files', 'imports', 'mail-attachments', 'email-attachments', 'secrets'] as const;
const MANIFEST = 'stride-backup.json';

type Manifest = { format: 1; database: 'embedded' | 'postgres'; createdAt: string; folders: string[] };

export async function backupCommand(file: string) {
  const config = loadConfig();
  const target = path.resolve(file);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-backup-'));
  try {
    const kind = config.databaseUrl ? 'postgres' : 'embedded';
    if (config.databaseUrl) {
      await run('pg_dump', ['--format=custom', '--no-owner', `--file=${path.join(work, 'database.dump')}`, config.databaseUrl]);
    } else {
      const database = await openDatabase({ kind: 'embedded', dataDir: config.dataDir });
      try {
        const dump = await (database.pglite as PGlite).dumpDataDir('gzip');
        fs.writeFileSync(path.join(work, 'database.tar.gz'), Buffer.from(await dump.arrayBuffer()));
      } finally {
        await database.close();
      }
    }
    const folders = FILE_FOLDERS.filter((f) => fs.existsSync(path.join(config.dataDir, f)));
    for (const folder of folders)
      fs.cpSync(path.join(config.dataDir, folder), path.join(work, 'data', folder), { recursive: true });
    const manifest: Manifest = { format: 1, database: kind, createdAt: new Date().toISOString(), folders };
    fs.writeFileSync(path.join(work, MANIFEST), JSON.stringify(manifest, null, 2));
    await tar.create({ gzip: true, file: target, cwd: work, portable: true }, fs.readdirSync(work));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`Backup written to ${target}`);
}

export async function restoreCommand(file: string, opts: { force?: boolean }) {
  const config = loadConfig();
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new Error(`No such file: ${source}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-restore-'));
  try {
    await tar.extract({ file: source, cwd: work, strict: true });
    const manifestPath = path.join(work, MANIFEST);
    if (!fs.existsSync(manifestPath)) throw new Error(`${source} is not a Stride backup (no ${MANIFEST})`);
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
    const wanted = config.databaseUrl ? 'postgres' : 'embedded';
    if (manifest.database !== wanted) {
      throw new Error(
        `This backup is of a${manifest.database === 'embedded' ? 'n embedded' : ' PostgreSQL'} database; restore it with ${manifest.database === 'embedded' ? 'DATABASE_URL unset' : 'DATABASE_URL set'}`,
      );
    }
    for (const folder of manifest.folders) {
      const dest = path.join(config.dataDir, folder);
      if (fs.existsSync(dest) && fs.readdirSync(dest).length > 0 && !opts.force) {
        throw new Error(`${dest} already holds files; add --force to replace them`);
      }
    }
    if (config.databaseUrl) {
      await run('pg_restore', [
        '--clean',
        '--if-exists',
        '--no-owner',
        `--dbname=${config.databaseUrl}`,
        path.join(work, 'database.dump'),
      ]);
    } else {
      await restoreEmbedded(config.dataDir, path.join(work, 'database.tar.gz'), opts);
    }
    for (const folder of manifest.folders) {
      const dest = path.join(config.dataDir, folder);
      fs.rmSync(dest, { recursive: true, force: true });
      fs.cpSync(path.join(work, 'data', folder), dest, { recursive: true });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`Restored ${source}`);
}

async function restoreEmbedded(dataDir: string, dump: string, opts: { force?: boolean }) {
  const pgDir = path.join(dataDir, 'pg');
  const lock = acquireDataDirLock(dataDir);
  try {
    if (fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0) {
      if (!opts.force) throw new Error(`${pgDir} already holds a database; add --force to replace it`);
      fs.renameSync(pgDir, `${pgDir}.before-restore-${Date.now()}`);
    }
    fs.mkdirSync(pgDir, { recursive: true });
    const pglite = await PGlite.create({
      dataDir: pgDir,
      loadDataDir: new Blob([fs.readFileSync(dump)]),
      extensions: { pg_trgm },
    });
    await pglite.query('SELECT 1');
    await pglite.close();
  } finally {
    lock.release();
  }
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('error', (err) => reject(new Error(`${cmd} is needed for PostgreSQL backups (${err.message})`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}`))));
  });
}
