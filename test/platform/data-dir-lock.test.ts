import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../../src/server/platform/data-dir-lock.js';
import {
  adminToken,
  api,
  cleanupAll,
  createAccount,
  freePort,
  lockFile,
  lockHolderPid,
  startCli,
  startServer,
  stopServer,
  strideEnv,
  tempDir,
  waitForExit,
} from './process-helpers.js';

// Real processes: `stride serve` on a temporary embedded data folder (DESIGN §2: the folder lock and the
// clean close on SIGTERM are the safeguards that keep a PGlite folder from being corrupted).
describe('embedded data folder: lock and clean shutdown (real processes)', () => {
  afterAll(cleanupAll);

  it('refuses a second server on the same DATA_DIR, naming the folder, while the first keeps serving', async () => {
    const dataDir = tempDir('lock');
    const first = await startServer({ dataDir });
    const holderPid = lockHolderPid(dataDir);

    const second = startCli(['serve'], strideEnv({ DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1' }));
    const exit = await waitForExit(second, 45_000, 'the second `stride serve` on a locked DATA_DIR');

    expect(exit.code, second.output()).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(second.output()).toContain(`The data folder ${dataDir} is in use by another Stride process (pid ${holderPid})`);
    // The first server still owns the folder and still answers, reads and writes.
    expect(lockHolderPid(dataDir)).toBe(holderPid);
    const token = await adminToken(first);
    const id = await createAccount(first, token, 'Still serving s.r.o.');
    expect((await api(first, token, 'GET', `/api/v1/accounts/${id}`)).status).toBe(200);

    expect(await stopServer(first)).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('exits 0 on SIGTERM, removes the lock file, and the next start sees the data', async () => {
    const dataDir = tempDir('sigterm');
    const first = await startServer({ dataDir });
    expect(fs.existsSync(lockFile(dataDir))).toBe(true);
    const token = await adminToken(first);
    const id = await createAccount(first, token, 'Žluťoučký kůň a.s.');

    expect(await stopServer(first)).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(lockFile(dataDir)), 'the lock file must be gone after a clean shutdown').toBe(false);

    const second = await startServer({ dataDir });
    const res = await api(second, token, 'GET', `/api/v1/accounts/${id}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe('Žluťoučký kůň a.s.');
    const search = await api(second, token, 'GET', '/api/v1/accounts?q=zlutoucky');
    expect(((await search.json()) as { data: Array<{ id: string }> }).data.map((a) => a.id)).toEqual([id]);
    expect(await stopServer(second)).toEqual({ code: 0, signal: null });
  }, 90_000);

  // After kill -9 the server stays a zombie until its parent (in a container: init) reaps it, which can take
  // a while or never happen; a zombie can no longer write, so its lock must count as stale.
  if (fs.existsSync('/proc/self/stat')) {
    it('takes over a lock held by a zombie or by a reused pid, but not one held by its live process', async () => {
      // `sleep 0` ends at once and its parent, now `sleep 60`, never reaps it: a zombie we can point at.
      const parent = spawn('sh', ['-c', 'sleep 0 & exec sleep 60'], { stdio: 'ignore' });
      try {
        const zombie = await waitForZombieChild(parent.pid as number, 10_000);
        const dataDir = tempDir('zombie-lock');
        fs.writeFileSync(path.join(dataDir, 'stride.lock'), String(zombie));
        const lock = acquireDataDirLock(dataDir);
        expect(lockHolderPid(dataDir)).toBe(String(process.pid));
        lock.release();
        expect(fs.existsSync(lockFile(dataDir))).toBe(false);

        fs.writeFileSync(lockFile(dataDir), String(parent.pid));
        expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
        expect(fs.readFileSync(lockFile(dataDir), 'utf8')).toBe(String(parent.pid));

        // after a restart an unrelated live process may carry the recorded pid: its start time gives it away
        const [bootId] = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').split('\n');
        fs.writeFileSync(lockFile(dataDir), `${parent.pid}\n${bootId} 1\n`);
        const taken = acquireDataDirLock(dataDir);
        expect(lockHolderPid(dataDir)).toBe(String(process.pid));
        taken.release();
        // the real holder, identified by boot id and start time, keeps its lock
        const holderStart = fs.readFileSync(`/proc/${parent.pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19];
        fs.writeFileSync(lockFile(dataDir), `${parent.pid}\n${bootId} ${holderStart}\n`);
        expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
      } finally {
        parent.kill('SIGKILL');
      }
    });
  }
});

async function waitForZombieChild(parentPid: number, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  let seen = '';
  while (Date.now() < deadline) {
    try {
      seen = fs.readFileSync(`/proc/${parentPid}/task/${parentPid}/children`, 'utf8').trim();
      for (const pid of seen.split(/\s+/).filter(Boolean)) {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return Number(pid);
      }
    } catch {
      // not there yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no zombie child of ${parentPid} within ${ms} ms (children: "${seen}")`);
}
