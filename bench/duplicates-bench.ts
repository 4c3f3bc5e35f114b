/**
 * Duplicate check for a new lead at 200k leads + 300k contacts (issue 3 target: p95 < 20 ms on PostgreSQL).
 * Generates the data set-based into a fresh PostgreSQL database (and, with --db both, an embedded one), then
 * times `findDuplicates` for probes shaped like arriving leads: a known email, a known phone, a person with
 * diacritics typed without them, a company with another legal form, and a stranger. A benchmark, not a test.
 *
 *   npx tsx bench/duplicates-bench.ts --leads 200000 --contacts 300000 --db postgres --probes 300
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import type { Actor } from '../src/server/access/actor.js';
import { loadActor } from '../src/server/modules/auth/actor.loader.js';
import { findDuplicates } from '../src/server/modules/duplicates/duplicates.service.js';
import { createUser } from '../src/server/modules/users/users.service.js';
import { type Database, openDatabase } from '../src/server/platform/db.js';
import { migrate } from '../src/server/platform/migrate.js';

const { values: args } = parseArgs({
  options: {
    leads: { type: 'string', default: '200000' },
    contacts: { type: 'string', default: '300000' },
    probes: { type: 'string', default: '300' },
    db: { type: 'string', default: 'postgres' },
  },
});
const N_LEADS = Number(args.leads);
const N_CONTACTS = Number(args.contacts);
const N_PROBES = Number(args.probes);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const FIRST = ['Jana', 'Petr', 'Lucie', 'Tomáš', 'Eva', 'Jiří', 'Kateřina', 'Martin', 'Hana', 'Ondřej'];
const LAST = [
  'Dvořáková',
  'Novák',
  'Svobodová',
  'Černý',
  'Procházková',
  'Kučera',
  'Veselá',
  'Horák',
  'Němcová',
  'Šťastný',
  'Říha',
  'Marek',
];
const STEMS = ['Strojírny', 'Elektro', 'Dřevostavby', 'Pekárny', 'Logistika', 'Stavby', 'Technika', 'Software'];
const PLACES = ['Morava', 'Vysočina', 'Brno', 'Praha', 'Šumava', 'Haná', 'Ostrava', 'Plzeň'];
const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;

async function generate(database: Database, ownerId: string) {
  const db = database.db;
  const t0 = performance.now();
  await sql
    .raw(`
    INSERT INTO leads (id, first_name, last_name, company, email, phone, source, status, owner_id, first_contact_due_at, search_text, created_at, updated_at)
    SELECT gen_random_uuid(), (${arr(FIRST)})[1 + i % 10], (${arr(LAST)})[1 + (i / 10) % 12] || CASE WHEN i % 3 = 0 THEN '' ELSE ' ' || (i % 997)::text END,
      (${arr(STEMS)})[1 + i % 8] || ' ' || (${arr(PLACES)})[1 + (i / 8) % 8] || ' ' || (i % 5003)::text || ' s.r.o.',
      'lead' || i || '@firma' || (i % 9001) || '.cz', '+420' || (600000000 + i)::text, 'web_form', 'assigned', '${ownerId}', now() + interval '1 day', '', now(), now()
    FROM generate_series(1, ${N_LEADS}) AS i`)
    .execute(db);
  await sql
    .raw(`
    INSERT INTO contacts (id, first_name, last_name, emails, phones, owner_id, search_text, created_at, updated_at)
    SELECT gen_random_uuid(), (${arr(FIRST)})[1 + i % 10], (${arr(LAST)})[1 + (i / 10) % 12] || ' ' || (i % 1999)::text,
      jsonb_build_array('contact' || i || '@zakaznik' || (i % 7001) || '.cz'), jsonb_build_array('+420' || (700000000 + i)::text),
      '${ownerId}', '', now(), now()
    FROM generate_series(1, ${N_CONTACTS}) AS i`)
    .execute(db);
  await sql.raw('ANALYZE leads; ANALYZE contacts; ANALYZE accounts').execute(db);
  return Math.round(performance.now() - t0);
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function run(kind: 'postgres' | 'embedded') {
  let database: Database;
  let cleanup: () => Promise<void>;
  if (kind === 'postgres') {
    const name = `stride_dupbench_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    database = await openDatabase({ kind: 'postgres', url: url.toString() });
    cleanup = async () => {
      await database.close();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-dupbench-'));
    database = await openDatabase({ kind: 'embedded', dataDir: dir });
    cleanup = async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await migrate(database.db);
    const user = await createUser(database.db, null, {
      email: 'bench@stride.local',
      name: 'Bench',
      role: 'admin',
      password: 'bench-password-1',
    });
    const actor = (await loadActor(database.db, user.id)) as Actor;
    const genMs = await generate(database, user.id);
    const probes = Array.from({ length: N_PROBES }, (_, k) => {
      const i = 1 + ((k * 7919) % N_LEADS);
      switch (k % 5) {
        case 0:
          return { email: `lead${i}@firma${i % 9001}.cz` };
        case 1:
          return { phone: `+420${700000000 + i}` };
        case 2:
          return {
            firstName: FIRST[i % 10],
            lastName: `${(LAST[Math.floor(i / 10) % 12] as string).normalize('NFD').replace(/\p{M}/gu, '')} ${i % 1999}`,
          };
        case 3:
          return { company: `${STEMS[i % 8]} ${PLACES[Math.floor(i / 8) % 8]} ${i % 5003} a.s.` };
        default:
          return { email: `nobody${k}@example.org`, lastName: `Neznámý${k}`, company: `Unknown ${k} GmbH` };
      }
    });
    for (const p of probes.slice(0, 20)) await findDuplicates(database.db, actor, p); // warm up
    const times: number[] = [];
    const byKind = new Map<string, number[]>();
    const KINDS = ['email', 'phone', 'person', 'company', 'stranger'];
    let found = 0;
    for (const [k, p] of probes.entries()) {
      const t = performance.now();
      const result = await findDuplicates(database.db, actor, p);
      const ms = performance.now() - t;
      times.push(ms);
      const kindName = KINDS[k % 5] as string;
      byKind.set(kindName, [...(byKind.get(kindName) ?? []), ms]);
      if (result.length) found++;
    }
    times.sort((a, b) => a - b);
    if (process.env.EXPLAIN) {
      for (const q of [
        sql`EXPLAIN ANALYZE SELECT id FROM leads l WHERE l.deleted_at IS NULL AND l.person_key % stride_person_key('Neznamy', 'Neznámý7')`,
        sql`EXPLAIN ANALYZE SELECT id FROM contacts c WHERE c.deleted_at IS NULL AND c.person_key % stride_person_key('Jana', 'Dvorakova 17')`,
        sql`EXPLAIN ANALYZE SELECT id FROM leads l WHERE l.deleted_at IS NULL AND l.company_key % stride_company_key('Unknown 7 GmbH')`,
      ]) {
        await database.db.transaction().execute(async (tx) => {
          await sql`SELECT set_config('pg_trgm.similarity_threshold', '0.55', true)`.execute(tx);
          const plan = await q.execute(tx);
          console.log(plan.rows.map((r) => Object.values(r as object)[0]).join('\n'));
        });
      }
    }
    for (const [name, list] of byKind) {
      list.sort((a, b) => a - b);
      console.log(`  ${kind} ${name}: p50 ${percentile(list, 50).toFixed(1)} ms, p95 ${percentile(list, 95).toFixed(1)} ms`);
    }
    const line = `${kind}: ${N_LEADS} leads + ${N_CONTACTS} contacts (generated in ${genMs} ms) — duplicate check p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms; ${found}/${probes.length} probes matched`;
    console.log(line);
    return line;
  } finally {
    await cleanup();
  }
}

const kinds: Array<'postgres' | 'embedded'> =
  args.db === 'both' ? ['postgres', 'embedded'] : [args.db as 'postgres' | 'embedded'];
const lines: string[] = [];
for (const kind of kinds) lines.push(await run(kind));
fs.mkdirSync(path.resolve(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(
  path.resolve(import.meta.dirname, 'results', 'duplicates.md'),
  `# Duplicate check bench\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`,
);
