/**
 * Issue 5 targets: the Stream of a record with 10k entries pages in < 30 ms p95; "my day" < 50 ms p95 at 1M
 * activities. Generates set-based into a fresh PostgreSQL database (and/or embedded), then measures over HTTP with a
 * bearer token against the real app. A benchmark, not a test.
 *
 *   npx tsx bench/activities-bench.ts --activities 1000000 --stream 10000 --db postgres --requests 200
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import type { Actor } from '../src/server/access/actor.js';
import { buildApp } from '../src/server/http/app.js';
import { loadActor } from '../src/server/modules/auth/actor.loader.js';
import { createApiToken } from '../src/server/modules/auth/auth.service.js';
import { createUser } from '../src/server/modules/users/users.service.js';
import { loadConfig } from '../src/server/platform/config.js';
import { type Database, openDatabase } from '../src/server/platform/db.js';
import { migrate } from '../src/server/platform/migrate.js';

const { values: args } = parseArgs({
  options: {
    activities: { type: 'string', default: '1000000' },
    stream: { type: 'string', default: '10000' },
    users: { type: 'string', default: '200' },
    requests: { type: 'string', default: '200' },
    db: { type: 'string', default: 'postgres' },
  },
});
const N_ACTIVITIES = Number(args.activities);
const N_STREAM = Number(args.stream);
const N_USERS = Number(args.users);
const N_REQUESTS = Number(args.requests);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function open(kind: 'postgres' | 'embedded'): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (kind === 'postgres') {
    const name = `stride_actbench_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const database = await openDatabase({ kind: 'postgres', url: url.toString() });
    return {
      database,
      cleanup: async () => {
        await database.close();
        await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-actbench-'));
  const database = await openDatabase({ kind: 'embedded', dataDir: dir });
  return {
    database,
    cleanup: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function run(kind: 'postgres' | 'embedded') {
  const { database, cleanup } = await open(kind);
  try {
    const db = database.db;
    await migrate(db);
    const me = await createUser(db, null, {
      email: 'rep@bench.local',
      name: 'Bench Rep',
      role: 'account_manager',
      password: 'bench-password-1',
    });
    const t0 = performance.now();
    await sql
      .raw(`INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
        SELECT gen_random_uuid(), 'u' || i || '@bench.local', 'User ' || i, 'account_manager', 'x', now(), now() FROM generate_series(1, ${N_USERS - 1}) i`)
      .execute(db);
    const account = (
      await sql<{
        id: string;
      }>`INSERT INTO accounts (id, name, owner_id, created_at, updated_at) VALUES (gen_random_uuid(), 'Stream Heavy s.r.o.', ${me.id}, now(), now()) RETURNING id`.execute(
        db,
      )
    ).rows[0] as { id: string };
    // activities spread over all users and ±180 days; "my" share is 1/N_USERS of them
    await sql
      .raw(`WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users)
        INSERT INTO activities (id, type, subject, status, starts_at, due_at, owner_id, search_text, created_at, updated_at)
        SELECT gen_random_uuid(), (ARRAY['meeting','call','task','email'])[1 + i % 4], 'Activity ' || i,
          (ARRAY['planned','planned','held','completed'])[1 + (i / 4) % 4],
          CASE WHEN i % 4 < 2 THEN now() + ((i % 360) - 180) * interval '1 day' + (i % 9) * interval '1 hour' END,
          CASE WHEN i % 4 >= 2 THEN now() + ((i % 360) - 180) * interval '1 day' END,
          u.ids[1 + i % ${N_USERS}], '', now(), now()
        FROM generate_series(1, ${N_ACTIVITIES}) i, u`)
      .execute(db);
    await sql
      .raw(`INSERT INTO stream_entries (id, entity_type, entity_id, type, actor_id, data, created_at)
        SELECT gen_random_uuid(), 'account', '${account.id}', 'note', '${me.id}', jsonb_build_object('body', 'Note ' || i), now()
        FROM generate_series(1, ${N_STREAM}) i`)
      .execute(db);
    await sql.raw('ANALYZE').execute(db);
    const genMs = Math.round(performance.now() - t0);

    const config = loadConfig({ STRIDE_DEMO: '0', LOG_LEVEL: 'silent' });
    const app = await buildApp({ database, config, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const token = (await createApiToken(db, (await loadActor(db, me.id)) as Actor, 'bench')).token;
    const get = async (url: string) => {
      const t = performance.now();
      const res = await fetch(base + url, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { nextCursor?: string | null };
      if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
      return { ms: performance.now() - t, body };
    };
    const measure = async (name: string, fn: (i: number) => Promise<number>) => {
      for (let i = 0; i < 10; i++) await fn(i);
      const times: number[] = [];
      for (let i = 0; i < N_REQUESTS; i++) times.push(await fn(i));
      times.sort((a, b) => a - b);
      return `${kind} ${name}: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms`;
    };
    const lines = [
      `${kind}: ${N_ACTIVITIES} activities over ${N_USERS} users, ${N_STREAM} Stream entries on one account (generated in ${genMs} ms)`,
    ];
    lines.push(await measure('my-day', async () => (await get('/api/v1/my-day?tz=Europe/Prague')).ms));
    const cursors: string[] = [];
    let cursor: string | null | undefined = null;
    for (let i = 0; i < 20; i++) {
      const page: { ms: number; body: { nextCursor?: string | null } } = await get(
        `/api/v1/accounts/${account.id}/stream?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      cursor = page.body.nextCursor;
      if (cursor) cursors.push(cursor);
    }
    lines.push(
      await measure('stream page (10k entries)', async (i) => {
        const c = i % 2 === 0 ? null : cursors[i % cursors.length];
        return (await get(`/api/v1/accounts/${account.id}/stream?limit=50${c ? `&cursor=${encodeURIComponent(c)}` : ''}`)).ms;
      }),
    );
    await app.close();
    for (const l of lines) console.log(l);
    return lines;
  } finally {
    await cleanup();
  }
}

const kinds: Array<'postgres' | 'embedded'> =
  args.db === 'both' ? ['postgres', 'embedded'] : [args.db as 'postgres' | 'embedded'];
const out: string[] = [];
for (const kind of kinds) out.push(...(await run(kind)));
fs.mkdirSync(path.resolve(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(
  path.resolve(import.meta.dirname, 'results', 'activities.md'),
  `# Activities bench\n\n${out.map((l) => `- ${l}`).join('\n')}\n`,
);
