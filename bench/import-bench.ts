/**
 * Lead import figure: generates a CSV of N rows (default 100 000; Czech Excel style: BOM, `;`, Czech headers, a
 * few invalid rows and in-file duplicates) and imports it with the same service as the wizard and
 * `stride import leads`, into a fresh embedded database and a fresh PostgreSQL database. Prints rows/s and times.
 * A benchmark, not a test.
 *
 *   npx tsx bench/import-bench.ts -- --rows 100000 --db both --team
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { CZ_MOBILE, makeIco, rng } from '../src/server/demo/factories.js';
import { importLeadsFromFile } from '../src/server/modules/imports/imports.cli.js';
import { createTeam } from '../src/server/modules/users/teams.service.js';
import { createUser } from '../src/server/modules/users/users.service.js';
import { type Database, openDatabase } from '../src/server/platform/db.js';
import { migrate } from '../src/server/platform/migrate.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    db: { type: 'string', default: 'both' },
  },
  allowPositionals: true,
});
const ROWS = Number(args.rows);
if (!Number.isSafeInteger(ROWS) || ROWS < 1) throw new Error('--rows must be a positive integer');
const KINDS: Array<'embedded' | 'postgres'> =
  args.db === 'both' ? ['embedded', 'postgres'] : [args.db as 'embedded' | 'postgres'];

const FIRST = ['Jana', 'Petr', 'Lucie', 'Tomáš', 'Eva', 'Jiří', 'Hana', 'Martin', 'Lukas', 'Anna'];
const LAST = ['Dvořáková', 'Novák', 'Šťastný', 'Čermák', 'Říha', 'Krejčí', 'Müller', 'Schmidt', 'Veselá', 'Horák'];
const FIRMS = ['Strojírny', 'Elektro', 'Logistika', 'Software', 'Kovovýroba', 'Maschinenbau', 'Technika'];
const MOBILE = CZ_MOBILE;
const CITIES = ['Praha', 'Brno', 'Ostrava', 'Plzeň', 'Zlín', 'Dresden', 'München'];

function generateCsv(file: string, n: number) {
  const r = rng(42);
  const lines = ['\uFEFFJméno;Příjmení;Firma;E-mail;Telefon;IČO;Město;Poznámka'];
  for (let i = 1; i <= n; i++) {
    const bad = i % 1000 === 0; // 0.1 % invalid (bad IČO check digit)
    const dup = i % 500 === 1 && i > 1; // 0.2 % repeat an earlier email
    const ico = makeIco(r);
    lines.push(
      [
        r.pick(FIRST),
        r.pick(LAST),
        `"${r.pick(FIRMS)} ${i} s.r.o."`,
        dup ? `lead${i - 1}@bench.example.cz` : `lead${i}@bench.example.cz`,
        `+420 ${r.pick(MOBILE)} ${String(r.int(0, 999_999)).padStart(6, '0')}`,
        bad ? `${ico.slice(0, 7)}${(Number(ico[7]) + 1) % 10}` : ico,
        r.pick(CITIES),
        'Veletrh Amper 2026',
      ].join(';'),
    );
  }
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

async function freshDatabase(
  kind: 'embedded' | 'postgres',
): Promise<{ database: Database; dataDir: string; dispose(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-import-bench-'));
  if (kind === 'embedded') {
    const database = await openDatabase({ kind: 'embedded', dataDir });
    return {
      database,
      dataDir,
      async dispose() {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  if (adminUrl.pathname === '/' || adminUrl.pathname === '') adminUrl.pathname = '/postgres';
  const name = `stride_import_bench_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    database,
    dataDir,
    async dispose() {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function benchOne(kind: 'embedded' | 'postgres', csv: string) {
  const { database, dataDir, dispose } = await freshDatabase(kind);
  try {
    await migrate(database.db);
    const admin = await createUser(database.db, null, {
      email: 'bench-admin@stride.local',
      name: 'Bench Admin',
      role: 'admin',
      password: 'bench-password-123',
    });
    const members = [];
    for (let i = 0; i < 4; i++) {
      members.push(
        (
          await createUser(database.db, null, {
            email: `sdr${i}@stride.local`,
            name: `SDR ${i}`,
            role: 'sdr',
            password: 'bench-password-123',
          })
        ).id,
      );
    }
    await createTeam(database.db, null, { name: 'Inbound', leadId: admin.id, memberIds: members });
    const started = performance.now();
    const done = await importLeadsFromFile(database, dataDir, csv, {
      as: admin.email,
      team: 'Inbound',
      duplicates: 'skip',
      quiet: true,
    });
    const ms = performance.now() - started;
    const streamRows = await database.db
      .selectFrom('streamEntries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'create')
      .where('entityType', '=', 'lead')
      .executeTakeFirstOrThrow();
    return { kind, ms, totals: done.totals, creates: Number(streamRows.n) };
  } finally {
    await dispose();
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-import-csv-'));
const csv = path.join(tmp, 'leads.csv');
generateCsv(csv, ROWS);
console.log(`Generated ${ROWS} rows (${(fs.statSync(csv).size / 1024 / 1024).toFixed(1)} MB): ${csv}`);
try {
  for (const kind of KINDS) {
    const r = await benchOne(kind, csv);
    const t = r.totals;
    console.log(
      `${kind.padEnd(9)} ${ROWS} rows in ${(r.ms / 1000).toFixed(1)} s = ${Math.round((ROWS * 1000) / r.ms)} rows/s  ` +
        `(created ${t.created}, skipped ${t.skipped}, rejected ${t.rejected}; ${r.creates} Stream create entries; upload, parse and import, round-robin to a team)`,
    );
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
