/**
 * Board page in Chromium (issue 4: "the board page interactive within 1.5 s and dragging smooth with 2,000 visible
 * cards"). Generates 100k opportunities (20k open in the default pipeline, board-bench.ts's generator) into a fresh
 * database, starts the real server with the built UI (`npm run build` first), signs in as the bench admin (sees
 * every deal) and measures:
 *   - loads: navigation → cards in every column, and → interactive (cards shown and no long task after them:
 *     the end of the last long task, checked over a quiet second), each in a fresh browser context (empty cache);
 *   - drags: after scrolling the columns until 2,000 cards are loaded, card drags between open stages with real
 *     pointer events in small steps (~60 Hz), recording requestAnimationFrame intervals and long tasks from
 *     pointer-down to pointer-up, then drop → card shown in the target column, and drop → saved (no column
 *     loader, board not fetching).
 * Prints a table and writes bench/results/board-page.md. A benchmark, not a test: it never fails on a target.
 *
 *   npm run build && npx tsx bench/board-page-bench.ts --db both --loads 10 --cards 2000 --drags 8
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { DEFAULT_PIPELINE_ID } from '../src/domain/pipelines/pipeline.schema.js';
import { migrate } from '../src/server/platform/migrate.js';
import { generate } from './board-bench.js';
import { BENCH_PASSWORD } from './generate.js';
import {
  browserMissing,
  type DbKind,
  fail,
  fmt,
  freshDatabase,
  launchChromium,
  machineLine,
  percentile,
  positiveInt,
  ROOT,
  sessionCookies,
  startServer,
  WEB_INDEX,
} from './harness.js';

const INTERACTIVE_TARGET_MS = 1500;
const FRAME_P95_TARGET_MS = 33;
const VIEWPORT = { width: 1920, height: 1080 };
/** How long the main thread must stay free of long tasks before the page counts as interactive. */
const QUIET_MS = 1000;

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    opportunities: { type: 'string', default: '100000' },
    open: { type: 'string', default: '20000' },
    loads: { type: 'string', default: '10' },
    cards: { type: 'string', default: '2000' },
    drags: { type: 'string', default: '8' },
    steps: { type: 'string', default: '60' },
    out: { type: 'string', default: path.join(ROOT, 'bench', 'results', 'board-page.md') },
  },
});
if (!['embedded', 'postgres', 'both'].includes(String(args.db))) fail('--db must be embedded, postgres or both');
const KINDS: DbKind[] = args.db === 'both' ? ['embedded', 'postgres'] : [args.db as DbKind];
const N = positiveInt('opportunities', args.opportunities);
const OPEN = positiveInt('open', args.open);
const LOADS = positiveInt('loads', args.loads);
const CARDS = positiveInt('cards', args.cards);
const DRAGS = positiveInt('drags', args.drags);
const STEPS = positiveInt('steps', args.steps);

type Stats = { median: number; p95: number; max: number; n: number };
/** ms from the navigation's start; boardResponseMs: the board API's answer has arrived */
type LoadRun = { boardResponseMs: number; cardsMs: number; interactiveMs: number; longTasks: number };
type DragRun = {
  intervals: number[];
  /** long tasks (ms) from pointer-down to pointer-up, and from the drop until saved */
  longTasks: number[];
  afterDrop: number[];
  shownMs: number;
  savedMs: number;
  loaded: number;
  /** the source and target columns */
  stages: string[];
};
type Report = {
  kind: DbKind;
  seconds: number;
  loads: LoadRun[];
  domCards: number;
  idleIntervals: number[];
  drags: DragRun[];
};

type ProbeState = {
  longTasks: Array<{ start: number; end: number }>;
  cardsAt: number | null;
  /** frame timestamps while a drag records them */
  frames: number[] | null;
  dropAt: number | null;
  /** the dragged card: when it shows in the target column after the drop, and when the board has settled */
  watch: { id: string; stage: string; shownAt: number | null; savedAt: number | null } | null;
};

/**
 * Runs in the page before the app: long tasks (from the start), the moment cards show in every column, a frame
 * recorder the drags switch on and off, and per frame the dragged card's state after the drop. Times are
 * performance.now(), i.e. from the navigation's start.
 */
function pageProbe() {
  const probe: ProbeState = { longTasks: [], cardsAt: null, frames: null, dropAt: null, watch: null };
  (window as unknown as { __probe: ProbeState }).__probe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const cardsShown = () => {
    const columns = [...document.querySelectorAll('[data-testid="board-column"]')];
    return (
      columns.length > 0 &&
      columns.every(
        (c) =>
          c.querySelector('[data-testid="board-card"]') ||
          /^0\b/.test(c.querySelector('[data-testid="column-count"]')?.textContent ?? ''),
      )
    );
  };
  const tick = () => {
    const now = performance.now();
    if (probe.cardsAt === null && cardsShown()) probe.cardsAt = now;
    if (probe.frames) probe.frames.push(now);
    const w = probe.watch;
    if (w && probe.dropAt !== null) {
      if (w.shownAt === null) {
        const column = document.querySelector(`[data-testid="board-column"][aria-label="${w.stage}"]`);
        if (column?.querySelector(`[data-card-id="${w.id}"]`)) w.shownAt = now;
      } else if (w.savedAt === null && now - probe.dropAt > 50) {
        // saved: the PATCH answered and the board refreshed (no column shows a loader, the board is not fetching)
        const busy =
          document.querySelector('[data-testid="board"]')?.getAttribute('aria-busy') === 'true' ||
          document.querySelector('[data-testid="board-column"] .mantine-Loader-root') !== null;
        if (!busy) w.savedAt = now;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  // the event's own time (when the input arrived), so the drop's own task counts as after the drop
  addEventListener('pointerup', (e) => (probe.dropAt = e.timeStamp), { capture: true });
}

const probeOf = (page: Page) => page.evaluate(() => (window as unknown as { __probe: ProbeState }).__probe);

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

async function main() {
  const missing = browserMissing();
  if (missing) fail(`cannot measure the board page: ${missing}`);
  const loadBefore = machineLine();
  const build = fs.readFileSync(WEB_INDEX, 'utf8');
  if (isDevelopmentBuild())
    fail('dist/web is a development build of React (built with NODE_ENV=test?): run `npm run build` first');
  console.log(`Board page bench: ${N} opportunities (${OPEN} open in the default pipeline), db: ${KINDS.join(' + ')}`);
  const reports: Report[] = [];
  for (const kind of KINDS) reports.push(await benchDatabase(kind));
  // the server serves dist/web as it is on disk: a rebuild during the run would mix two builds
  if (fs.readFileSync(WEB_INDEX, 'utf8') !== build) fail('dist/web was rebuilt during the run: measure again');
  const markdown = renderMarkdown(reports, loadBefore, machineLine());
  console.log(`\n${markdown}`);
  fs.mkdirSync(path.dirname(String(args.out)), { recursive: true });
  fs.writeFileSync(String(args.out), markdown);
  console.log(`Written to ${path.relative(process.cwd(), String(args.out))}`);
}

async function benchDatabase(kind: DbKind): Promise<Report> {
  console.log(`\n=== ${kind}: create and fill a fresh database ===`);
  const target = await freshDatabase(kind);
  try {
    await migrate(target.database.db);
    const { seconds } = await generate(target.database, { opportunities: N, open: OPEN });
    console.log(`generated in ${fmt(seconds)} s`);
    const server = await startServer(target.database, target.dataDir);
    const browser = await launchChromium();
    try {
      const cookies = await sessionCookies(server.base, 'admin@bench.stride.local', BENCH_PASSWORD);
      const url = `${server.base}/opportunities?pipeline=${DEFAULT_PIPELINE_ID}`;
      let devBuild = false;
      const open = async () => {
        const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
        await context.addCookies(cookies);
        // tsx (esbuild keepNames) wraps named functions in __name(): the page needs it for the functions we send
        await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
        await context.addInitScript(pageProbe);
        const page = await context.newPage();
        // React says this only in a development build (dist/web built with NODE_ENV other than production)
        page.on('console', (m) => {
          if (m.text().includes('React DevTools')) devBuild = true;
        });
        await page.goto(url);
        return page;
      };

      console.log(`\n=== ${kind}: board page loads ===`);
      const loads: LoadRun[] = [];
      for (let i = 0; i <= LOADS; i++) {
        const page = await open();
        const run = await waitInteractive(page);
        await page.context().close();
        if (i === 0) continue; // the first load also warms the server's static files and query plans
        loads.push(run);
        console.log(
          `  load ${i}: board API answered ${fmt(run.boardResponseMs)} ms, cards in every column ${fmt(run.cardsMs)} ms, interactive ${fmt(run.interactiveMs)} ms (${run.longTasks} long tasks)`,
        );
      }

      console.log(`\n=== ${kind}: drags with ${CARDS} cards loaded ===`);
      const page = await open();
      await waitInteractive(page);
      const network = trackApi(page);
      const counts = new Map<string, number>();
      const { loaded, dom } = await loadCards(page, network, counts);
      console.log(`  ${loaded} cards loaded in the columns, ${dom} card elements in the page (virtualised)`);
      const idleIntervals = await recordIdleFrames(page);
      const drags: DragRun[] = [];
      for (let i = 0; i < DRAGS; i++) {
        // a drop refreshes the board, and the two columns it touched start again from one page
        const touched = i === 0 ? undefined : drags[i - 1]?.stages;
        const before = touched ? (await loadCards(page, network, counts, touched)).loaded : loaded;
        const run = { ...(await dragOnce(page, network, i)), loaded: before };
        drags.push(run);
        const s = stats(run.intervals);
        console.log(
          `  drag ${i + 1} (${run.loaded} cards loaded): frames p50 ${fmt(s.median)} p95 ${fmt(s.p95)} max ${fmt(s.max)} ms, ${run.longTasks.length} long tasks; ` +
            `card in target ${fmt(run.shownMs)} ms, saved ${fmt(run.savedMs)} ms; long tasks after the drop: ${run.afterDrop.join(', ') || 'none'}`,
        );
      }
      await page.context().close();
      // thrown, not exited: the finally blocks drop the database
      if (devBuild)
        throw new Error('dist/web became a development build of React during the run: `npm run build` and measure again');
      return { kind, seconds, loads, domCards: dom, idleIntervals, drags };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await target.dispose();
  }
}

/** Cards in every column, then no long task for QUIET_MS: interactive = the later of the cards and the last long task. */
async function waitInteractive(page: Page): Promise<LoadRun> {
  await page
    .waitForFunction(() => (window as unknown as { __probe: ProbeState }).__probe.cardsAt !== null, undefined, {
      timeout: 60_000,
      polling: 50,
    })
    .catch(async (err) => {
      const shot = path.join(os.tmpdir(), 'board-page-bench-failure.png');
      await page.screenshot({ path: shot });
      throw new Error(`no cards in every column at ${page.url()} (screenshot ${shot}): ${(err as Error).message}`);
    });
  await page.waitForFunction(
    (quiet) => {
      const p = (window as unknown as { __probe: ProbeState }).__probe;
      const lastEnd = Math.max(p.cardsAt ?? 0, ...p.longTasks.map((t) => t.end));
      return performance.now() - lastEnd >= quiet;
    },
    QUIET_MS,
    { timeout: 60_000, polling: 100 },
  );
  const p = await probeOf(page);
  const cardsMs = p.cardsAt as number;
  const boardResponseMs = await page.evaluate(
    () =>
      performance
        .getEntriesByType('resource')
        .find((e) => /\/board\?/.test(e.name))
        ?.toJSON().responseEnd as number,
  );
  return {
    cardsMs,
    boardResponseMs,
    interactiveMs: Math.max(cardsMs, ...p.longTasks.map((t) => t.end)),
    longTasks: p.longTasks.length,
  };
}

type Network = { pending: () => number; idle: (quietMs?: number) => Promise<void> };

/** API requests in flight, so the bench can wait until the page has its data. */
function trackApi(page: Page): Network {
  let pending = 0;
  let lastChange = performance.now();
  // the notifications event stream stays open for the page's life
  const isApi = (u: string) => u.includes('/api/') && !u.includes('/notifications/stream');
  page.on('request', (r) => {
    if (!isApi(r.url())) return;
    pending++;
    lastChange = performance.now();
  });
  const done = (r: { url(): string }) => {
    if (!isApi(r.url())) return;
    pending--;
    lastChange = performance.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    pending: () => pending,
    async idle(quietMs = 250) {
      const deadline = performance.now() + 60_000;
      while (pending > 0 || performance.now() - lastChange < quietMs) {
        if (performance.now() > deadline) throw new Error(`API requests still pending after 60 s (${pending})`);
        await sleep(25);
      }
    },
  };
}

/**
 * Scrolls columns to their end (the UI then loads their next page) until CARDS cards are loaded, then back to the
 * top. A column's loaded count is its last virtual row's index + 1 at its end; `counts` keeps them between calls,
 * so after a drop only the two columns it touched (they start again from one page) are scrolled.
 */
async function loadCards(
  page: Page,
  network: Network,
  counts: Map<string, number>,
  only?: string[],
): Promise<{ loaded: number; dom: number }> {
  const scroll = (where: 'end' | 'top', stages: string[] | null) =>
    page.evaluate(
      async ([to, which]) => {
        const columns = [...document.querySelectorAll('[data-testid="board-column"]')].filter(
          (c) => !which || which.includes(c.getAttribute('aria-label') ?? ''),
        );
        for (const column of columns) {
          // the scroll box around the virtual list
          const box = column.querySelector('[data-index]')?.parentElement?.parentElement;
          if (box) box.scrollTop = to === 'end' ? box.scrollHeight : 0;
        }
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return columns.map((c): [string, number] => [
          c.getAttribute('aria-label') ?? '',
          1 + Math.max(-1, ...[...c.querySelectorAll('[data-index]')].map((e) => Number(e.getAttribute('data-index')))),
        ]);
      },
      [where, stages] as const,
    );
  const total = () => [...counts.values()].reduce((x, y) => x + y, 0);
  let previous = -1;
  for (let round = 0; round < 200; round++) {
    for (const [stage, n] of await scroll('end', only ?? null)) counts.set(stage, n);
    if (total() >= CARDS || total() === previous) break; // enough, or every column is at its end
    previous = total();
    await network.idle();
  }
  await scroll('top', only ?? null);
  await network.idle();
  const dom = await page.locator('[data-testid="board-card"]').count();
  return { loaded: total(), dom };
}

async function recordIdleFrames(page: Page): Promise<number[]> {
  await page.evaluate(() => {
    (window as unknown as { __probe: ProbeState }).__probe.frames = [];
  });
  await sleep(1000);
  const frames = await page.evaluate(() => {
    const p = (window as unknown as { __probe: ProbeState }).__probe;
    const f = p.frames ?? [];
    p.frames = null;
    return f;
  });
  return intervalsOf(frames);
}

/** Open stages reachable without horizontal scrolling: drags go between the first four columns. */
const DRAG_PAIRS: Array<[number, number]> = [
  [0, 2],
  [1, 3],
  [2, 0],
  [3, 1],
  [0, 3],
  [3, 0],
  [1, 2],
  [2, 1],
];

async function dragOnce(page: Page, network: Network, i: number): Promise<Omit<DragRun, 'loaded'>> {
  const [from, to] = DRAG_PAIRS[i % DRAG_PAIRS.length] as [number, number];
  const columns = page.locator('[data-testid="board-column"][data-stage-kind="open"]');
  const card = columns.nth(from).locator('[data-testid="board-card"]').first();
  const cardId = await card.getAttribute('data-card-id');
  const a = await card.boundingBox();
  const b = await columns.nth(to).boundingBox();
  if (!a || !b || !cardId) throw new Error('drag source or target is not visible');
  const targetStage = (await columns.nth(to).getAttribute('aria-label')) ?? '';
  const sourceStage = (await columns.nth(from).getAttribute('aria-label')) ?? '';

  const start = await page.evaluate(
    ([id, stage]) => {
      const p = (window as unknown as { __probe: ProbeState }).__probe;
      p.frames = [];
      p.dropAt = null;
      p.watch = { id, stage, shownAt: null, savedAt: null };
      return performance.now();
    },
    [cardId, targetStage] as const,
  );
  // grab the card low (its name is a link), move in small steps at ~60 Hz, rest over the target, drop
  const x0 = a.x + a.width / 2;
  const y0 = a.y + a.height - 12;
  const x1 = b.x + b.width / 2;
  const y1 = b.y + 200;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let s = 1; s <= STEPS; s++) {
    const t = s / STEPS;
    await page.mouse.move(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t + Math.sin(t * Math.PI) * 40);
    await sleep(16);
  }
  for (let s = 0; s < 5; s++) {
    await page.mouse.move(x1 + s, y1);
    await sleep(16);
  }
  await page.mouse.up();
  // the card in the target column (optimistic), then saved
  await page.waitForFunction(() => (window as unknown as { __probe: ProbeState }).__probe.watch?.savedAt != null, undefined, {
    timeout: 60_000,
    polling: 100,
  });
  await network.idle(300);
  const probe = await probeOf(page);
  await page.evaluate(() => {
    (window as unknown as { __probe: ProbeState }).__probe.frames = null;
  });
  const drop = probe.dropAt as number;
  const watch = probe.watch as NonNullable<ProbeState['watch']>;
  const duringDrag = probe.longTasks.filter((t) => t.end > start && t.start < drop).map((t) => Math.round(t.end - t.start));
  // where in the drag they fell (for the console): ms after the pointer went down, duration
  const where = probe.longTasks
    .filter((t) => t.end > start)
    .map((t) => `+${Math.round(t.start - start)}:${Math.round(t.end - t.start)}`)
    .join(' ');
  if (where) console.log(`    long tasks (ms after pointer-down:duration, drop at +${Math.round(drop - start)}): ${where}`);
  const after = probe.longTasks.filter((t) => t.start >= drop).map((t) => Math.round(t.end - t.start));
  return {
    intervals: intervalsOf((probe.frames ?? []).filter((f) => f <= drop)),
    longTasks: duringDrag,
    afterDrop: after,
    shownMs: (watch.shownAt as number) - drop,
    savedMs: (watch.savedAt as number) - drop,
    stages: [sourceStage, targetStage],
  };
}

// ---------------------------------------------------------------------------------------------------------

function intervalsOf(frames: number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < frames.length; i++) out.push((frames[i] as number) - (frames[i - 1] as number));
  return out;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((x, y) => x - y);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN, n: sorted.length };
}

function renderMarkdown(reports: Report[], loadBefore: string, loadAfter: string): string {
  const lines: string[] = ['# Board page bench (bench/board-page-bench.ts)', ''];
  lines.push(
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${loadBefore} (at the start; ${loadAfter.split(' · ').at(-1)} at the end)`,
    '',
    `${N.toLocaleString('en')} opportunities, ${OPEN.toLocaleString('en')} open in the default pipeline (6 open stages, won/lost ` +
      `columns show the last 90 days). Headless Chromium (${VIEWPORT.width}×${VIEWPORT.height}, --disable-gpu), signed in as ` +
      `admin (sees every deal), server in the bench's process. Loads: fresh browser context each (empty cache), first ` +
      `load not counted; interactive = cards in every column and no long task (> 50 ms) after them for ${QUIET_MS} ms. ` +
      `Drags: ${STEPS} pointer moves ~16 ms apart plus a short rest over the target, frames = requestAnimationFrame ` +
      `intervals from pointer-down to pointer-up; saved = no column loader and the board not fetching. Targets: ` +
      `interactive < ${INTERACTIVE_TARGET_MS} ms, drag frame p95 < ${FRAME_P95_TARGET_MS} ms with no long tasks.`,
    '',
  );
  const times: string[][] = [];
  const counts: string[][] = [];
  for (const r of reports) {
    const row = (measure: string, s: Stats, target = '') =>
      times.push([r.kind, measure, String(s.n), fmt(s.median), fmt(s.p95), fmt(s.max), target]);
    const interactive = stats(r.loads.map((l) => l.interactiveMs));
    const frames = stats(r.drags.flatMap((d) => d.intervals));
    const during = r.drags.flatMap((d) => d.longTasks);
    const after = r.drags.flatMap((d) => d.afterDrop);
    const verdict =
      interactive.p95 < INTERACTIVE_TARGET_MS ? 'PASS' : interactive.median < INTERACTIVE_TARGET_MS ? 'p95 MISS' : 'MISS';
    row('load → board API answered', stats(r.loads.map((l) => l.boardResponseMs)));
    row('load → cards in every column', stats(r.loads.map((l) => l.cardsMs)));
    row('load → interactive', interactive, `${verdict} (< ${INTERACTIVE_TARGET_MS})`);
    row('frame interval, idle board', stats(r.idleIntervals));
    row(
      'frame interval, dragging',
      frames,
      `${frames.p95 < FRAME_P95_TARGET_MS && during.length === 0 ? 'PASS' : 'MISS'} (p95 < ${FRAME_P95_TARGET_MS}, no long task)`,
    );
    row('drop → card in the target column', stats(r.drags.map((d) => d.shownMs)));
    row('drop → saved, board refreshed', stats(r.drags.map((d) => d.savedMs)));
    const longest = (l: number[]) => (l.length ? ` (longest ${Math.max(...l)} ms)` : '');
    counts.push([
      r.kind,
      `${fmt(stats(r.loads.map((l) => l.longTasks)).median, 0)}`,
      `${Math.min(...r.drags.map((d) => d.loaded)).toLocaleString('en')}–${Math.max(...r.drags.map((d) => d.loaded)).toLocaleString('en')} (${r.domCards} in the DOM)`,
      `${r.drags.flatMap((d) => d.intervals).filter((v) => v > 50).length} of ${frames.n}`,
      `${during.length}${longest(during)}`,
      `${after.length}${longest(after)}`,
    ]);
  }
  lines.push(
    'Times in ms from the navigation, the pointer-up or between frames:',
    '',
    ...markdownTable(['database', 'measure', 'n', 'median', 'p95', 'max', 'target'], 'llrrrrl', times),
    '',
    `Long tasks and slow frames (${reports[0]?.drags.length ?? 0} drags per database):`,
    '',
    ...markdownTable(
      [
        'database',
        'long tasks per load',
        'cards loaded for the drags',
        'frames > 50 ms',
        'long tasks while dragging',
        'long tasks drop → saved',
      ],
      'lrllll',
      counts,
    ),
    '',
  );
  for (const r of reports) lines.push(`${r.kind}: data generated in ${fmt(r.seconds)} s.`);
  lines.push('');
  return lines.join('\n');
}

/** A table laid out as Biome formats Markdown (padded cells), so the results file passes `npm run lint`. */
function markdownTable(header: string[], align: string, rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (v: string, i: number) => (align[i] === 'r' ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number));
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)];
}

/** React's development build tells the console about its DevTools; the production build has no such text. */
function isDevelopmentBuild(): boolean {
  const assets = path.join(path.dirname(WEB_INDEX), 'assets');
  return fs
    .readdirSync(assets)
    .some((f) => f.endsWith('.js') && fs.readFileSync(path.join(assets, f), 'utf8').includes('react.dev/link/react-devtools'));
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
