/**
 * Board benchmark (issue 4 targets: board p95 < 100 ms on PostgreSQL, < 250 ms embedded; stage change < 30 ms p95).
 * Generates set-based: 100k opportunities, 20k of them open in the default pipeline (the board's worst case), 40k
 * closed (won/lost) in it, 40k open in a second pipeline; a quarter in EUR with a year of daily rates. Then times
 * the real HTTP endpoints in-process with bearer tokens, as an admin (sees everything) and as an account manager
 * (team scope). A benchmark, not a test: it prints figures and never fails on a target.
 *
 *   npx tsx bench/board-bench.ts --opportunities 100000 --open 20000 --db both --requests 100
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { DEFAULT_PIPELINE_ID } from '../src/domain/pipelines/pipeline.schema.js';
import { buildApp } from '../src/server/http/app.js';
import { createApiToken } from '../src/server/modules/auth/auth.service.js';
import { loadConfig } from '../src/server/platform/config.js';
import type { Database } from '../src/server/platform/db.js';
import { migrate } from '../src/server/platform/migrate.js';
import { createBenchUsers } from './generate.js';
import { freshDatabase } from './harness.js';

// Only when run as a script: board-page-bench.ts imports generate() from here.
const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
const { values: args } = isMain
  ? parseArgs({
      options: {
        opportunities: { type: 'string', default: '100000' },
        open: { type: 'string', default: '20000' },
        requests: { type: 'string', default: '100' },
        db: { type: 'string', default: 'both' },
      },
    })
  : { values: { opportunities: '100000', open: '20000', requests: '100', db: 'both' } };
const N = Number(args.opportunities);
const OPEN = Number(args.open);
const REQUESTS = Number(args.requests);
const KINDS = args.db === 'both' ? (['embedded', 'postgres'] as const) : ([args.db] as Array<'embedded' | 'postgres'>);

/**
 * `opportunities` deals: `open` of them open in the default pipeline, half the rest won/lost in it, the others
 * open in a second pipeline (Renewals). Also creates the bench users and 5,000 accounts.
 */
export async function generate(
  database: Database,
  counts: { opportunities: number; open: number } = { opportunities: N, open: OPEN },
) {
  const { opportunities: N, open: OPEN } = counts;
  const { db } = database;
  const users = await createBenchUsers(database);
  const ownerIds = users.owners.map((o) => o.id);
  const t0 = performance.now();
  await sql`INSERT INTO accounts (id, name, owner_id, search_text)
    SELECT gen_random_uuid(), 'Firma ' || g || ' s.r.o.', (${ownerIds}::uuid[])[1 + g % ${ownerIds.length}], 'firma ' || g || ' s.r.o.'
    FROM generate_series(1, 5000) g`.execute(db);
  const second = '01900000-0000-7000-8000-0000000000b2';
  await sql`INSERT INTO pipelines (id, name) VALUES (${second}, 'Renewals')`.execute(db);
  await sql`INSERT INTO pipeline_stages (id, pipeline_id, name, position, probability, kind) VALUES
    (gen_random_uuid(), ${second}, 'Due', 1, 50, 'open'), (gen_random_uuid(), ${second}, 'Renewed', 2, 100, 'won'),
    (gen_random_uuid(), ${second}, 'Churned', 3, 0, 'lost')`.execute(db);
  const stages = (
    await sql<{
      id: string;
      kind: string;
      pipelineId: string;
    }>`SELECT id, kind, pipeline_id FROM pipeline_stages ORDER BY position`.execute(db)
  ).rows;
  const openDefault = stages.filter((s) => s.pipelineId === DEFAULT_PIPELINE_ID && s.kind === 'open').map((s) => s.id);
  const won = stages.find((s) => s.pipelineId === DEFAULT_PIPELINE_ID && s.kind === 'won')?.id;
  const lost = stages.find((s) => s.pipelineId === DEFAULT_PIPELINE_ID && s.kind === 'lost')?.id;
  const due = stages.find((s) => s.pipelineId === second && s.kind === 'open')?.id;
  const closed = Math.min(N - OPEN, Math.floor((N - OPEN) / 2));
  await sql`INSERT INTO exchange_rates (id, currency, date, rate)
    SELECT gen_random_uuid(), 'EUR', (current_date - g)::date, 24 + (g % 100) / 100.0 FROM generate_series(0, 400) g`.execute(db);
  await sql`INSERT INTO opportunities (id, name, account_id, pipeline_id, stage_id, stage_entered_at, amount, currency, owner_id, status,
      closed_at, expected_close_date, search_text, forecast_category)
    SELECT gen_random_uuid(), 'Deal ' || g, a.id,
      CASE WHEN g <= ${OPEN + closed} THEN ${DEFAULT_PIPELINE_ID}::uuid ELSE ${second}::uuid END,
      CASE WHEN g <= ${OPEN} THEN (${openDefault}::uuid[])[1 + g % ${openDefault.length}]
           WHEN g <= ${OPEN + closed} THEN CASE WHEN g % 2 = 0 THEN ${won}::uuid ELSE ${lost}::uuid END
           ELSE ${due}::uuid END,
      now() - (g % 300) * interval '1 hour', (1000 + g % 997 * 250)::numeric(14,2), CASE WHEN g % 4 = 0 THEN 'EUR' ELSE 'CZK' END,
      a.owner_id,
      CASE WHEN g <= ${OPEN} OR g > ${OPEN + closed} THEN 'open' WHEN g % 2 = 0 THEN 'won' ELSE 'lost' END,
      CASE WHEN g > ${OPEN} AND g <= ${OPEN + closed} THEN now() - (g % 365) * interval '1 day' END,
      current_date + (g % 180), 'deal ' || g, 'pipeline'
    FROM generate_series(1, ${N}) g JOIN LATERAL (SELECT id, owner_id FROM accounts ORDER BY id OFFSET (g % 5000) LIMIT 1) a ON true`.execute(
    db,
  );
  await sql`ANALYZE`.execute(db);
  return { users, seconds: (performance.now() - t0) / 1000 };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main() {
  const lines: string[] = [];
  for (const kind of KINDS) {
    const fresh = await freshDatabase(kind);
    const { database } = fresh;
    try {
      await migrate(database.db);
      const { users, seconds } = await generate(database);
      const app = await buildApp({ database, config: loadConfig({ STRIDE_DEMO: '0', LOG_LEVEL: 'silent' }), logger: false });
      await app.ready();
      const tokenOf = async (actor: typeof users.admin) => `Bearer ${(await createApiToken(database.db, actor, 'bench')).token}`;
      const adminAuth = await tokenOf(users.admin);
      const amAuth = await tokenOf(users.accountManager);
      const time = async (
        name: string,
        auth: string,
        request: (i: number) => { method: 'GET' | 'PATCH'; url: string; body?: unknown },
      ) => {
        const samples: number[] = [];
        for (let i = 0; i < REQUESTS + 5; i++) {
          const r = request(i);
          const t = performance.now();
          const res = await app.inject({
            method: r.method,
            url: r.url,
            headers: { authorization: auth, ...(r.body ? { 'content-type': 'application/json' } : {}) },
            payload: r.body ? JSON.stringify(r.body) : undefined,
          });
          const ms = performance.now() - t;
          if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
          if (i >= 5) samples.push(ms); // warm-up
        }
        samples.sort((a, b) => a - b);
        lines.push(`| ${kind} | ${name} | ${percentile(samples, 50).toFixed(1)} | ${percentile(samples, 95).toFixed(1)} |`);
      };
      const board = `/api/v1/pipelines/${DEFAULT_PIPELINE_ID}/board`;
      await time('board, admin (all deals)', adminAuth, () => ({ method: 'GET', url: board }));
      await time('board, account manager (team scope)', amAuth, () => ({ method: 'GET', url: board }));
      await time('board, admin, text filter', adminAuth, (i) => ({ method: 'GET', url: `${board}?q=deal%20${100 + i}` }));
      const stages = (
        await sql<{
          id: string;
        }>`SELECT id FROM pipeline_stages WHERE pipeline_id = ${DEFAULT_PIPELINE_ID} AND kind = 'open' ORDER BY position`.execute(
          database.db,
        )
      ).rows.map((r) => r.id);
      const movers = (
        await sql<{
          id: string;
        }>`SELECT id FROM opportunities WHERE pipeline_id = ${DEFAULT_PIPELINE_ID} AND status = 'open' LIMIT ${REQUESTS + 5}`.execute(
          database.db,
        )
      ).rows.map((r) => r.id);
      await time('stage change (PATCH stageId)', adminAuth, (i) => ({
        method: 'PATCH',
        url: `/api/v1/opportunities/${movers[i]}`,
        body: { stageId: stages[(i + 3) % stages.length] },
      }));
      console.log(`${kind}: generated ${N} opportunities (${OPEN} open in the default pipeline) in ${seconds.toFixed(1)} s`);
      await app.close();
    } finally {
      await fresh.dispose();
    }
  }
  console.log(['| database | scenario | p50 ms | p95 ms |', '|---|---|---|---|', ...lines].join('\n'));
}

if (isMain) await main();
