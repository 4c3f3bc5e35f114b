import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { launchBrowser } from '../e2e/browser.js';
import { buildApp } from '../src/server/http/app.js';
import { loadConfig } from '../src/server/platform/config.js';
import { type Database, openDatabase } from '../src/server/platform/db.js';

/** What the browser-measuring benches share: a fresh database, the real server in-process, Chromium, sign-in. */

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CHROMIUM = '/usr/bin/chromium';
export const WEB_INDEX = path.join(ROOT, 'dist', 'web', 'index.html');

export type DbKind = 'embedded' | 'postgres';
export type FreshDatabase = { database: Database; dataDir?: string; dispose(): Promise<void> };

/** A fresh embedded data folder or a fresh PostgreSQL database (BENCH_DATABASE_URL), removed by dispose(). */
export async function freshDatabase(kind: DbKind): Promise<FreshDatabase> {
  if (kind === 'embedded') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-bench-'));
    const database = await openDatabase({ kind: 'embedded', dataDir });
    console.log(`embedded data folder ${dataDir}`);
    return {
      database,
      dataDir,
      async dispose() {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `stride_bench_${Date.now()}_${process.pid}`;
  const adminUrl = new URL(baseUrl);
  if (adminUrl.pathname === '/' || adminUrl.pathname === '') adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  console.log(`PostgreSQL database ${name}`);
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    database,
    async dispose() {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The real HTTP server (API and built UI) on a free local port, in this process. */
export async function startServer(database: Database, dataDir?: string): Promise<{ base: string; close(): Promise<void> }> {
  const config = loadConfig({ STRIDE_DEMO: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir ?? os.tmpdir() });
  const app = await buildApp({ database, config, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { base, close: () => app.close() };
}

/** Why a browser measurement cannot run here, or null when it can. */
export function browserMissing(): string | null {
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} not found`;
  if (!fs.existsSync(WEB_INDEX)) return 'dist/web/index.html not found (npm run build)';
  return null;
}

/** Debian's Chromium, headless, launched exactly as the e2e tests launch it. */
export const launchChromium = launchBrowser;

/** Signs in over the API and returns the session cookies, ready for `context.addCookies`. */
export async function sessionCookies(
  base: string,
  email: string,
  password: string,
): Promise<Array<{ name: string; value: string; url: string }>> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in answered ${login.status}`);
  return login.headers.getSetCookie().map((c) => {
    const [pair = ''] = c.split(';');
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: base };
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export function fmt(n: number | undefined, digits = 1): string {
  return n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '-';
}

/** The machine the figures come from, and how busy it was (the load averages of `uptime`). */
export function machineLine(): string {
  const [l1, l5, l15] = os.loadavg().map((l) => l.toFixed(2));
  return (
    `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'} · ${Math.round(os.totalmem() / 2 ** 30)} GB RAM · ` +
    `Node ${process.version} · load average ${l1}, ${l5}, ${l15}`
  );
}

/** Command-line checks of the bench scripts: a bad option exits 2 with the reason. */
export function positiveInt(name: string, value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) fail(`--${name} must be a positive whole number`);
  return n;
}

export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
