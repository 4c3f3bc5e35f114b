import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { duplicatePolicy, IMPORT_FIELDS, type ImportField, type ImportRecord } from '../../../domain/imports/import.schema.js';
import type { Actor } from '../../access/actor.js';
import type { Database } from '../../platform/db.js';
import { loadActor } from '../auth/actor.loader.js';
import { firstActiveAdminId } from '../users/users.lookup.js';
import { importsDir } from './import-files.js';
import { claimImport, runImport } from './import-runner.js';
import { toImport } from './imports.mapper.js';
import { findImport, type ImportRow } from './imports.repo.js';
import { createImport, getImport, rejectedRowsCsv, startImport, updateImport } from './imports.service.js';

export type ImportLeadsOptions = {
  owner?: string;
  team?: string;
  duplicates?: string;
  mapping?: string;
  as?: string;
  quiet?: boolean;
};

async function userIdByEmail(database: Database, email: string, option: string): Promise<string> {
  const user = await database.db
    .selectFrom('users')
    .select(['id', 'active'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  if (!user?.active) throw new Error(`${option}: no active user with the email ${email}`);
  return user.id;
}

/**
 * The acting user of a command-line import (Stream entries and the import are theirs): `--as`, else the owner,
 * else the first administrator. The CLI has no signed-in user; every lead still records a real person.
 */
async function cliActor(database: Database, opts: ImportLeadsOptions): Promise<Actor> {
  let id: string | undefined;
  if (opts.as) id = await userIdByEmail(database, opts.as, '--as');
  else if (opts.owner) id = await userIdByEmail(database, opts.owner, '--owner');
  else {
    id = await firstActiveAdminId(database.db);
    if (!id) throw new Error('No active administrator exists: create one with `stride user create` or pass --as EMAIL');
  }
  const actor = await loadActor(database.db, id);
  if (!actor) throw new Error('The acting user is not active');
  return actor;
}

/** `--mapping auto` (remembered or guessed) or a JSON file `{ "<column header>": "<field>" | null }`. */
function mappingFromFile(file: string, headers: string[]): Array<ImportField | null> {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string | null>;
  return headers.map((h) => {
    const field = raw[h];
    if (field == null) return null;
    if (!(IMPORT_FIELDS as readonly string[]).includes(field))
      throw new Error(`--mapping: "${field}" (column "${h}") is not one of ${IMPORT_FIELDS.join(', ')}`);
    return field as ImportField;
  });
}

const line = (r: ImportRow | ImportRecord) => {
  const rec = 'totals' in r ? r : toImport(r);
  const t = rec.totals;
  return `${String(rec.progress).padStart(3)} %  ${t.processed}/${t.rows} rows  (created ${t.created}, updated ${t.updated}, skipped ${t.skipped}, rejected ${t.rejected})`;
};

/**
 * `stride import leads FILE`: the same service as the web wizard, run in the foreground with a progress line.
 * Returns the finished import; the rejected rows are written next to the upload in DATA_DIR/imports.
 */
export async function importLeadsFromFile(
  database: Database,
  dataDir: string,
  file: string,
  opts: ImportLeadsOptions = {},
): Promise<ImportRecord> {
  const out = (s: string) => {
    if (!opts.quiet) process.stdout.write(s);
  };
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
  const policy = duplicatePolicy.safeParse(opts.duplicates ?? 'skip');
  if (!policy.success) throw new Error('--duplicates must be skip, update or create');
  const db = database.db;
  const actor = await cliActor(database, opts);
  const ownerId = opts.owner ? await userIdByEmail(database, opts.owner, '--owner') : null;
  let teamId: string | null = null;
  if (opts.team) {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', (opts.team as string).toLowerCase()))
      .executeTakeFirst();
    if (!team) throw new Error(`--team: no team named "${opts.team}"`);
    teamId = team.id;
  }

  const created = await createImport(db, dataDir, actor, {
    fileName: path.basename(file),
    stream: fs.createReadStream(file),
    truncated: () => false,
  });
  const mapping = !opts.mapping || opts.mapping === 'auto' ? created.mapping : mappingFromFile(opts.mapping, created.headers);
  out(
    `${created.fileName}: ${created.totals.rows} rows, ${created.fileKind.toUpperCase()}${created.delimiter ? ` (delimiter "${created.delimiter}")` : ''}, mapping ${opts.mapping && opts.mapping !== 'auto' ? 'from file' : created.mappingSource}:\n`,
  );
  for (const [i, h] of created.headers.entries()) out(`  ${h} → ${mapping[i] ?? '(not imported)'}\n`);
  await updateImport(
    db,
    dataDir,
    actor,
    created.id,
    { mapping, duplicatePolicy: policy.data, defaults: { ownerId, teamId, source: 'import', campaign: null } },
    undefined,
  );
  await startImport(db, actor, created.id);

  const claimed = await claimImport(db, created.id);
  if (claimed) {
    await runImport(db, dataDir, claimed, { onProgress: (row) => out(`\r${line(row)}`) });
  } else {
    // A running server's worker took it first: follow its progress.
    for (;;) {
      const row = (await findImport(db, created.id)) as ImportRow;
      out(`\r${line(row)}`);
      if (row.status === 'completed' || row.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  out('\n');
  const done = await getImport(db, actor, created.id);
  if (done.status === 'failed') throw new Error(`Import failed: ${done.error}`);
  const t = done.totals;
  out(
    `Done: ${t.rows} rows — ${t.created} created, ${t.updated} updated, ${t.skipped} skipped (duplicates), ${t.rejected} rejected.\n`,
  );
  if (t.rejected > 0) {
    const report = path.join(importsDir(dataDir), `${done.id}-rejected.csv`);
    const { stream } = await rejectedRowsCsv(db, actor, done.id);
    await pipeline(stream, fs.createWriteStream(report));
    out(`Rejected rows with the reason: ${report}\n  (also GET /api/v1/imports/${done.id}/rejected.csv)\n`);
  }
  return done;
}
