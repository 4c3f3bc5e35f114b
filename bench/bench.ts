/**
 * `npm run bench`: generates realistic data (default 100k accounts / 300k contacts) into a fresh embedded
 * data folder and a fresh PostgreSQL database, starts the real HTTP server in-process, and measures the API
 * over HTTP with bearer tokens (as an account manager, whose queries are scoped to the team, and as an
 * admin), plus — when Chromium and the web build exist — how long the accounts page takes to show rows.
 * Prints a table and writes bench/results/latest.md. A benchmark, not a test: it never fails on a target.
 * Database, server, Chromium and sign-in helpers live in harness.ts (shared with board-page-bench.ts).
 *
 *   npm run bench -- --accounts 100000 --contacts 300000 --db both --requests 200
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CamelCasePlugin, type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import { accountListQuery } from '../src/domain/accounts/account.schema.js';
import { contactListQuery } from '../src/domain/contacts/contact.schema.js';
import type { Actor } from '../src/server/access/actor.js';
import { makeIco, rng } from '../src/server/demo/factories.js';
import { accountSearchText, countAccountRows, listAccountRows } from '../src/server/modules/accounts/accounts.repo.js';
import { createApiToken } from '../src/server/modules/auth/auth.service.js';
import { contactSearchText, listContactRows } from '../src/server/modules/contacts/contacts.repo.js';
import type { Database } from '../src/server/platform/db.js';
import type { DB } from '../src/server/platform/db-types.js';
import { migrate } from '../src/server/platform/migrate.js';
import { BENCH_PASSWORD, type BenchUsers, createBenchUsers, type GenerateResult, generateData } from './generate.js';
import {
  browserMissing,
  fail,
  fmt,
  freshDatabase,
  launchChromium,
  percentile,
  positiveInt,
  ROOT,
  sessionCookies,
  startServer,
} from './harness.js';

const TARGET_MS = { postgres: 50, embedded: 100 } as const;
const PAGE_TARGET_MS = 1500;
const THROUGHPUT_CONCURRENCY = 8;

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    contacts: { type: 'string', default: '300000' },
    db: { type: 'string', default: 'both' },
    requests: { type: 'string', default: '200' },
    out: { type: 'string', default: path.join(ROOT, 'bench', 'results', 'latest.md') },
  },
});
const N_ACCOUNTS = positiveInt('accounts', args.accounts);
const N_CONTACTS = positiveInt('contacts', args.contacts);
const N_REQUESTS = positiveInt('requests', args.requests);
if (!['embedded', 'postgres', 'both'].includes(String(args.db))) fail('--db must be embedded, postgres or both');
const KINDS: Array<'embedded' | 'postgres'> =
  args.db === 'both' ? ['embedded', 'postgres'] : [args.db as 'embedded' | 'postgres'];

type Category = 'list' | 'search' | 'write' | 'other';
type Req = { method: 'GET' | 'POST'; path: string; body?: unknown };
type Scenario = {
  name: string;
  category: Category;
  request: (i: number) => Req;
  /** runs the same repository query in-process, so EXPLAIN ANALYZE can show its plan */
  explain?: (db: Kysely<DB>) => Promise<unknown>;
};
type Result = {
  db: 'embedded' | 'postgres';
  role: string;
  scenario: string;
  category: Category;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
  target?: number;
};
type PageResult = { db: string; runs: number[]; median: number; max: number } | { db: string; skipped: string };
type DbReport = {
  kind: 'embedded' | 'postgres';
  version: string;
  generated: GenerateResult;
  results: Result[];
  page: PageResult;
  explains: Array<{ title: string; plan: string }>;
};

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

async function main() {
  console.log(
    `Stride bench: ${N_ACCOUNTS} accounts, ${N_CONTACTS} contacts, ${N_REQUESTS} requests per scenario, db: ${KINDS.join(' + ')}`,
  );
  const reports: DbReport[] = [];
  for (const kind of KINDS) reports.push(await benchDatabase(kind));
  const markdown = renderMarkdown(reports);
  console.log(`\n${markdown}`);
  fs.mkdirSync(path.dirname(String(args.out)), { recursive: true });
  fs.writeFileSync(String(args.out), markdown);
  console.log(`Written to ${path.relative(process.cwd(), String(args.out))}`);
}

// ---------------------------------------------------------------------------------------------------------

async function benchDatabase(kind: 'embedded' | 'postgres'): Promise<DbReport> {
  section(`${kind}: create and fill a fresh database`);
  const target = await freshDatabase(kind);
  try {
    const database = target.database;
    await migrate(database.db);
    const version = (await database.pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
    const users = await createBenchUsers(database);
    const generated = await generateData(database, users, { accounts: N_ACCOUNTS, contacts: N_CONTACTS });
    const s = generated.seconds;
    console.log(
      `generated ${generated.accounts} accounts (${fmt(s.accounts)} s), ${generated.contacts} contacts (${fmt(s.contacts)} s), ` +
        `${generated.streamEntries} stream entries (${fmt(s.stream)} s); indexes ${fmt(s.indexes)} s, analyze ${fmt(s.analyze)} s`,
    );
    await verifySearchText(database);

    const server = await startServer(database, target.dataDir);
    const base = server.base;
    try {
      const results: Result[] = [];
      const explainable: Array<{ role: string; scenario: Scenario; result: Result; actor: Actor }> = [];
      for (const [role, actor] of [
        ['account_manager', users.accountManager],
        ['admin', users.admin],
      ] as const) {
        section(`${kind}: HTTP as ${role}`);
        const token = (await createApiToken(database.db, actor, 'bench')).token;
        const scenarios = await buildScenarios(database, base, token, actor, users);
        for (const scenario of scenarios) {
          const result = await measure(base, token, scenario);
          Object.assign(result, { db: kind, role });
          if (scenario.category === 'list' || scenario.category === 'search') result.target = TARGET_MS[kind];
          results.push(result);
          printResult(result);
          if (scenario.explain) explainable.push({ role, scenario, result, actor });
        }
      }
      const explains = await explainSlowest(database, explainable);
      const page = await measurePage(kind, base);
      return { kind, version, generated, results, page, explains };
    } finally {
      await server.close();
    }
  } finally {
    await target.dispose();
  }
}

/** The generated search_text must be exactly what the app would write, or search results would lie. */
async function verifySearchText(database: Database) {
  const accounts = await database.db
    .selectFrom('accounts')
    .select(['name', 'registrationNumber', 'vatNumber', 'billingCity', 'email', 'website', 'searchText'])
    .orderBy('id')
    .limit(2000)
    .execute();
  const badAccount = accounts.find((a) => accountSearchText(a) !== a.searchText);
  const contacts = await database.db
    .selectFrom('contacts')
    .select(['firstName', 'lastName', 'title', 'emails', 'phones', 'city', 'searchText'])
    .orderBy('id')
    .limit(2000)
    .execute();
  const badContact = contacts.find(
    (c) =>
      contactSearchText({ ...c, emails: c.emails as unknown as string[], phones: c.phones as unknown as string[] }) !==
      c.searchText,
  );
  if (badAccount || badContact) fail(`generated search_text differs from the app's: ${JSON.stringify(badAccount ?? badContact)}`);
  console.log(`search_text verified on ${accounts.length} accounts and ${contacts.length} contacts`);
}

// ---------------------------------------------------------------------------------------------------------

async function buildScenarios(
  database: Database,
  base: string,
  token: string,
  actor: Actor,
  users: BenchUsers,
): Promise<Scenario[]> {
  const scope = actor.role === 'admin' ? users.owners.map((o) => o.id) : [actor.id, ...actor.teamMateIds];
  // cursors for pages 2..5, as a user scrolling the list gets them
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let pageNo = 1; pageNo < 5; pageNo++) {
    const res = await call(base, token, {
      method: 'GET',
      path: `/api/v1/accounts?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    });
    cursor = ((await res.json()) as { nextCursor: string | null }).nextCursor;
    if (!cursor) break;
    cursors.push(cursor);
  }
  const icos = (
    await database.pool.query<{ r: string }>(
      `SELECT registration_number AS r FROM accounts WHERE billing_country = 'CZ' AND owner_id = ANY($1::uuid[]) ORDER BY md5(id::text) LIMIT 50`,
      [scope],
    )
  ).rows.map((r) => r.r);
  const ownAccounts = (
    await database.pool.query<{ id: string }>('SELECT id FROM accounts WHERE owner_id = $1 ORDER BY md5(id::text) LIMIT 50', [
      actor.id,
    ])
  ).rows.map((r) => r.id);
  const owners = actor.role === 'admin' ? users.owners.map((o) => o.id) : [actor.id, ...actor.teamMateIds];
  const common = ['dvorak', 'Dvořák', 'sklárny', 'plzen', 'novak'];
  const rare = ['kolar sklarny', 'ruzicka pivovar', 'Kříž Účetnictví', 'bayern bäckerei'];
  const contactTerms = ['novakova', 'Jiří Černý', 'kucera', 'obchodni reditel'];
  const r = rng(actor.id.charCodeAt(0) * 7919);
  const at = <T>(list: T[], i: number) => list[i % list.length] as T;
  const scenarios: Scenario[] = [
    {
      name: 'accounts: first page',
      category: 'list',
      request: () => ({ method: 'GET', path: '/api/v1/accounts?limit=50' }),
      explain: (db) => listAccountRows(db, actor, accountListQuery.parse({ limit: 50 })),
    },
    {
      name: 'accounts: pages 2-5 (cursor)',
      category: 'list',
      request: (i) => ({ method: 'GET', path: `/api/v1/accounts?limit=50&cursor=${encodeURIComponent(at(cursors, i))}` }),
      explain: (db) => listAccountRows(db, actor, accountListQuery.parse({ limit: 50, cursor: cursors.at(-1) })),
    },
    {
      name: 'accounts: sort -updatedAt',
      category: 'list',
      request: () => ({ method: 'GET', path: '/api/v1/accounts?limit=50&sort=-updatedAt' }),
      explain: (db) => listAccountRows(db, actor, accountListQuery.parse({ limit: 50, sort: '-updatedAt' })),
    },
    {
      name: 'accounts: filter by owner',
      category: 'list',
      request: (i) => ({ method: 'GET', path: `/api/v1/accounts?limit=50&ownerId=${at(owners, i)}` }),
      explain: (db) => listAccountRows(db, actor, accountListQuery.parse({ limit: 50, ownerId: owners[0] })),
    },
    {
      name: 'accounts: search name (common)',
      category: 'search',
      request: (i) => ({ method: 'GET', path: `/api/v1/accounts?limit=50&q=${encodeURIComponent(at(common, i))}` }),
      explain: (db) => listAccountRows(db, actor, accountListQuery.parse({ limit: 50, q: 'dvorak' })),
    },
    {
      name: 'accounts: search name (rare)',
      category: 'search',
      request: (i) => ({ method: 'GET', path: `/api/v1/accounts?limit=50&q=${encodeURIComponent(at(rare, i))}` }),
      explain: (db) => listAccountRows(db, actor, accountListQuery.parse({ limit: 50, q: 'kolar sklarny' })),
    },
    {
      name: 'accounts: search IČO',
      category: 'search',
      request: (i) => ({ method: 'GET', path: `/api/v1/accounts?limit=50&q=${at(icos, i)}` }),
      explain: (db) => listAccountRows(db, actor, accountListQuery.parse({ limit: 50, q: icos[0] })),
    },
    {
      name: 'accounts: count',
      category: 'other',
      request: () => ({ method: 'GET', path: '/api/v1/accounts/count' }),
      explain: (db) => countAccountRows(db, actor, accountListQuery.parse({})),
    },
    {
      name: 'contacts: first page',
      category: 'list',
      request: () => ({ method: 'GET', path: '/api/v1/contacts?limit=50' }),
      explain: (db) => listContactRows(db, actor, contactListQuery.parse({ limit: 50 })),
    },
    {
      name: 'contacts: search name',
      category: 'search',
      request: (i) => ({ method: 'GET', path: `/api/v1/contacts?limit=50&q=${encodeURIComponent(at(contactTerms, i))}` }),
      explain: (db) => listContactRows(db, actor, contactListQuery.parse({ limit: 50, q: 'novakova' })),
    },
    {
      name: 'accounts: create',
      category: 'write',
      request: (i) => ({
        method: 'POST',
        path: '/api/v1/accounts',
        body: {
          name: `Nová Dvořák ${i} ${r.int(1, 1e6)} s.r.o.`,
          registrationNumber: makeIco(r),
          billingAddress: { city: 'Brno', country: 'CZ' },
        },
      }),
    },
    {
      name: 'contacts: create',
      category: 'write',
      request: (i) => ({
        method: 'POST',
        path: '/api/v1/contacts',
        body: {
          firstName: 'Šárka',
          lastName: `Nováková ${i}`,
          emails: [`sarka.novakova${i}.${r.int(1, 1e6)}@example.cz`],
          phones: [`+420 601 ${r.int(100, 999)} ${r.int(100, 999)}`],
          accountId: at(ownAccounts, i),
        },
      }),
    },
  ];
  return scenarios;
}

async function call(base: string, token: string, req: Req): Promise<Response> {
  return fetch(base + req.path, {
    method: req.method,
    headers: { authorization: `Bearer ${token}`, ...(req.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
  });
}

/** Latency: sequential requests (one user). Throughput: THROUGHPUT_CONCURRENCY clients at once. */
async function measure(base: string, token: string, scenario: Scenario): Promise<Result> {
  let errors = 0;
  let firstError = '';
  let seq = 0;
  const once = async (): Promise<number> => {
    const req = scenario.request(seq++);
    const t0 = performance.now();
    const res = await call(base, token, req);
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status >= 300) {
      errors++;
      firstError ||= `${req.method} ${req.path} → ${res.status} ${body.slice(0, 200)}`;
    }
    return ms;
  };
  for (let i = 0; i < Math.min(10, N_REQUESTS); i++) await once(); // warm-up
  const latencies: number[] = [];
  for (let i = 0; i < N_REQUESTS; i++) latencies.push(await once());
  latencies.sort((a, b) => a - b);
  let remaining = N_REQUESTS;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: THROUGHPUT_CONCURRENCY }, async () => {
      while (remaining-- > 0) await once();
    }),
  );
  const rps = N_REQUESTS / ((performance.now() - t0) / 1000);
  if (firstError) console.warn(`  ! ${errors} errors in "${scenario.name}", first: ${firstError}`);
  return {
    db: 'embedded',
    role: '',
    scenario: scenario.name,
    category: scenario.category,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps,
    errors,
  };
}

/** EXPLAIN ANALYZE of the slowest read queries: the repository's own SQL, captured through Kysely's log. */
async function explainSlowest(
  database: Database,
  candidates: Array<{ role: string; scenario: Scenario; result: Result; actor: Actor }>,
) {
  const slowest = [...candidates].sort((a, b) => b.result.p95 - a.result.p95).slice(0, 2);
  const explains: Array<{ title: string; plan: string }> = [];
  for (const c of slowest) {
    const captured: CompiledQuery[] = [];
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: database.pool }),
      plugins: [new CamelCasePlugin()],
      log: (event) => {
        if (event.level === 'query') captured.push(event.query);
      },
    });
    await c.scenario.explain?.(db);
    const title = `${c.scenario.name} as ${c.role} (p95 ${fmt(c.result.p95)} ms)`;
    const plans: string[] = [];
    // every statement the repository ran for this page (a search runs two or three)
    for (const query of captured) {
      const { rows } = await database.pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`,
        query.parameters as unknown[],
      );
      // long id lists make plans unreadable: cut very long lines
      plans.push(
        rows.map((r) => (r['QUERY PLAN'].length > 240 ? `${r['QUERY PLAN'].slice(0, 240)}…` : r['QUERY PLAN'])).join('\n'),
      );
    }
    if (plans.length === 0) continue;
    const plan = plans.join('\n\n-- next statement --\n\n');
    explains.push({ title, plan });
    console.log(`\nEXPLAIN ANALYZE — ${title}\n${plan}`);
  }
  return explains;
}

// ---------------------------------------------------------------------------------------------------------

async function measurePage(kind: string, base: string): Promise<PageResult> {
  const missing = browserMissing();
  if (missing) return { db: kind, skipped: missing };
  section(`${kind}: accounts page in Chromium`);
  const browser = await launchChromium();
  try {
    const cookies = await sessionCookies(base, 'barbora@bench.stride.local', BENCH_PASSWORD);
    const runs: number[] = [];
    for (let i = 0; i < 6; i++) {
      // a fresh context each time: empty HTTP cache, as on a first visit
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${base}/accounts`);
      await page.waitForSelector('tbody tr[data-index]', { timeout: 30_000 });
      const ms = performance.now() - t0;
      if (i > 0) runs.push(ms); // the first load also warms the server's static files
      await context.close();
    }
    runs.sort((a, b) => a - b);
    const result = { db: kind, runs, median: percentile(runs, 50), max: runs.at(-1) as number };
    console.log(`accounts page shows rows after ${fmt(result.median)} ms (median of ${runs.length}), max ${fmt(result.max)} ms`);
    return result;
  } catch (err) {
    return { db: kind, skipped: `failed: ${(err as Error).message.split('\n')[0]}` };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------------------

function verdict(r: Result): string {
  if (r.errors) return 'ERRORS';
  if (r.target === undefined) return '';
  return r.p95 < r.target ? 'PASS' : 'MISS';
}

function printResult(r: Result) {
  console.log(
    `  ${r.scenario.padEnd(30)} p50 ${fmt(r.p50).padStart(7)}  p95 ${fmt(r.p95).padStart(7)}  p99 ${fmt(r.p99).padStart(7)} ms  ` +
      `${fmt(r.rps, 0).padStart(6)} req/s  ${verdict(r)}${r.target ? ` (p95 < ${r.target} ms)` : ''}${r.errors ? ` ${r.errors} errors` : ''}`,
  );
}

function renderMarkdown(reports: DbReport[]): string {
  const lines: string[] = [];
  lines.push('# Stride bench — latest run', '');
  lines.push(
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'} · ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GB RAM · Node ${process.version} · ${N_ACCOUNTS.toLocaleString('en')} accounts, ` +
      `${N_CONTACTS.toLocaleString('en')} contacts · ${N_REQUESTS} requests per scenario`,
    '',
    `Latency: sequential requests over HTTP (one client, keep-alive, server in the same process). Throughput: ` +
      `${THROUGHPUT_CONCURRENCY} concurrent clients. Targets: list and search p95 < ${TARGET_MS.postgres} ms on PostgreSQL, ` +
      `< ${TARGET_MS.embedded} ms embedded; accounts page shows rows < ${PAGE_TARGET_MS} ms.`,
    '',
  );
  for (const rep of reports) {
    const g = rep.generated;
    lines.push(`## ${rep.kind === 'embedded' ? 'Embedded (PGlite)' : 'PostgreSQL'} ${rep.version}`, '');
    lines.push(
      `Generated ${g.accounts.toLocaleString('en')} accounts in ${fmt(g.seconds.accounts ?? 0)} s, ${g.contacts.toLocaleString('en')} contacts in ` +
        `${fmt(g.seconds.contacts ?? 0)} s, ${g.streamEntries.toLocaleString('en')} Stream entries in ${fmt(g.seconds.stream ?? 0)} s; ` +
        `indexes built in ${fmt(g.seconds.indexes ?? 0)} s.`,
      '',
    );
    lines.push('| role | scenario | p50 ms | p95 ms | p99 ms | req/s | target |', '|---|---|---:|---:|---:|---:|---|');
    for (const r of rep.results) {
      const t = r.target === undefined ? verdict(r) : `${verdict(r)} (< ${r.target})`;
      lines.push(`| ${r.role} | ${r.scenario} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.rps, 0)} | ${t} |`);
    }
    const p = rep.page;
    lines.push(
      '',
      'skipped' in p
        ? `Accounts page in Chromium: not measured (${p.skipped}).`
        : `Accounts page in Chromium (account manager, fresh browser context): rows shown after ${fmt(p.median)} ms median, ` +
            `${fmt(p.max)} ms max of ${p.runs.length} — ${p.median < PAGE_TARGET_MS ? 'PASS' : 'MISS'} (< ${PAGE_TARGET_MS} ms).`,
      '',
    );
    for (const e of rep.explains)
      lines.push(`<details><summary>EXPLAIN ANALYZE — ${e.title}</summary>`, '', '```', e.plan, '```', '</details>', '');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------

function section(title: string) {
  console.log(`\n=== ${title} ===`);
}
