import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real-process helpers for the platform safeguard tests: they start `bin/stride.js` exactly as a user
 * would, each in its own process group (so `kill -9` reaches the server itself, not only the wrapper),
 * with a temporary DATA_DIR and a free port. Every wait is bounded and fails with the process output.
 */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'stride.js');

export const ADMIN_EMAIL = 'platform-admin@example.com';
export const ADMIN_PASSWORD = 'platform-test-password-1';

const tempDirs: string[] = [];
const running = new Set<StrideProcess>();

export function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stride-${label}-`));
  tempDirs.push(dir);
  return dir;
}

/** Kills whatever a test left running and removes its temp folders (call from afterAll). */
export async function cleanupAll(): Promise<void> {
  for (const p of running) p.killGroup('SIGKILL');
  await Promise.all([...running].map((p) => p.exited.catch(() => undefined)));
  running.clear();
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type StrideProcess = {
  child: ChildProcess;
  /** stdout + stderr so far */
  output(): string;
  exited: Promise<Exit>;
  killGroup(signal: NodeJS.Signals): void;
};

/** Environment for a child: the parent's, minus anything that would point it at another database. */
export function strideEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, STRIDE_DEMO: '0', LOG_LEVEL: 'warn' };
  for (const key of [
    'DATABASE_URL',
    'TEST_DATABASE_URL',
    'DATA_DIR',
    'PORT',
    'HOST',
    'STRIDE_ADMIN_EMAIL',
    'STRIDE_ADMIN_PASSWORD',
  ])
    delete env[key];
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv): StrideProcess {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const proc: StrideProcess = {
    child,
    output: () => out,
    exited: new Promise<Exit>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        running.delete(proc);
        resolve({ code, signal });
      });
    }),
    killGroup(signal) {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    },
  };
  running.add(proc);
  return proc;
}

/** Resolves with the exit of `proc`, or fails after `ms` naming what was awaited and showing the output. */
export async function waitForExit(proc: StrideProcess, ms: number, what: string): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no exit within ${ms} ms. Output:\n${proc.output()}`)), ms);
  });
  try {
    return await Promise.race([proc.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a one-shot CLI command to completion; fails with its output unless it exits 0. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, ms = 60_000): Promise<string> {
  const proc = startCli(args, env);
  const exit = await waitForExit(proc, ms, `stride ${args.join(' ')}`);
  if (exit.code !== 0)
    throw new Error(`stride ${args.join(' ')} exited with ${exit.code ?? exit.signal}. Output:\n${proc.output()}`);
  return proc.output();
}

export type Server = StrideProcess & { url: string; port: number; dataDir: string | undefined };

/** Starts `stride serve` and waits until /api/v1/health answers; fails early if the process dies. */
export async function startServer(opts: {
  dataDir?: string;
  databaseUrl?: string;
  admin?: boolean;
  readyMs?: number;
}): Promise<Server> {
  const port = await freePort();
  const env = strideEnv({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: opts.dataDir,
    DATABASE_URL: opts.databaseUrl,
    STRIDE_ADMIN_EMAIL: opts.admin === false ? undefined : ADMIN_EMAIL,
    STRIDE_ADMIN_PASSWORD: opts.admin === false ? undefined : ADMIN_PASSWORD,
  });
  const proc = startCli(['serve'], env);
  const server: Server = Object.assign(proc, { url: `http://127.0.0.1:${port}`, port, dataDir: opts.dataDir });
  await waitUntilServing(server, opts.readyMs ?? 45_000);
  return server;
}

export async function waitUntilServing(server: Server, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let exit: Exit | undefined;
  void server.exited.then((e) => {
    exit = e;
  });
  let lastError = '';
  while (Date.now() < deadline) {
    if (exit) throw new Error(`The server exited (${exit.code ?? exit.signal}) before serving. Output:\n${server.output()}`);
    try {
      const res = await fetch(`${server.url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      lastError = `health answered ${res.status}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `The server at ${server.url} did not answer /api/v1/health within ${ms} ms (${lastError}). Output:\n${server.output()}`,
  );
}

/** SIGTERM to the `stride` process (as `kill PID` would), then a bounded wait for its exit. */
export async function stopServer(server: StrideProcess, ms = 20_000): Promise<Exit> {
  server.child.kill('SIGTERM');
  return waitForExit(server, ms, 'stride serve after SIGTERM');
}

/** A bearer token for the admin, made over the API the way an integration would. */
export async function adminToken(server: Server): Promise<string> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookies = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${server.url}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'platform-test' }),
  });
  if (res.status !== 201) throw new Error(`token create answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export async function api(server: Server, token: string, method: string, urlPath: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function createAccount(server: Server, token: string, name: string): Promise<string> {
  const res = await api(server, token, 'POST', '/api/v1/accounts', { name });
  if (res.status !== 201) throw new Error(`POST /api/v1/accounts answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export function lockFile(dataDir: string): string {
  return path.join(dataDir, 'stride.lock');
}

/** The pid on the lock file's first line (a second line identifies the process across restarts). */
export function lockHolderPid(dataDir: string): string {
  return (fs.readFileSync(lockFile(dataDir), 'utf8').split('\n')[0] ?? '').trim();
}
