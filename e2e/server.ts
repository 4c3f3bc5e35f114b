import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Starts the real Stride server (built UI, fresh embedded database) for one e2e file. */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pinnedNode = path.join(root, 'node_modules', 'node', 'bin', 'node');
const nodeBin = fs.existsSync(pinnedNode) ? pinnedNode : process.execPath;

export const ADMIN = { email: 'admin@e2e.stride.local', password: 'e2e-admin-password-1', name: 'Admin' };

export type TestServer = { baseUrl: string; stop: () => Promise<void> };

/** Builds dist/web when it is missing or older than its sources (same check as `npm start`). */
export function ensureWebBuild() {
  const result = spawnSync(nodeBin, [path.join(root, 'scripts/ensure-web-build.mjs')], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`Web build failed:\n${result.stdout}\n${result.stderr}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Server did not become healthy:\n${output()}`);
}

/** `env` adds to (or overrides) the server's environment, e.g. `{ SMTP_URL, MAIL_FROM }` for a test's own SMTP server. */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  ensureWebBuild();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-e2e-'));
  let log = '';
  const child = spawn(nodeBin, [path.join(root, 'bin/stride.js'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dataDir, 'data'),
      STRIDE_DEMO: '0',
      STRIDE_ADMIN_EMAIL: ADMIN.email,
      STRIDE_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => log);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
