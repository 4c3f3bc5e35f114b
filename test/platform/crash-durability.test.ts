import { afterAll, describe, expect, it } from 'vitest';
import { adminToken, api, cleanupAll, lockHolderPid, startServer, stopServer, tempDir, waitForExit } from './process-helpers.js';

// `kill -9` in the middle of a stream of writes: every write the server acknowledged (201) must still be
// there after a restart on the same folder, and the restart must take over the stale lock by itself.
describe('embedded database after kill -9 (real processes)', () => {
  afterAll(cleanupAll);

  it('loses no acknowledged write and takes over the stale lock', async () => {
    const dataDir = tempDir('kill9');
    const server = await startServer({ dataDir });
    const token = await adminToken(server);
    const serverPid = lockHolderPid(dataDir);

    const acknowledged: Array<{ id: string; name: string }> = [];
    const killAfter = 40;
    let failure: string | undefined;
    for (let i = 0; i < 10_000 && !failure; i++) {
      const name = `Kill test ${i} Příliš žluťoučký`;
      const pending = api(server, token, 'POST', '/api/v1/accounts', { name });
      // Pull the plug while this create is on the wire: the server, not only the wrapper, dies at once.
      if (i === killAfter) server.killGroup('SIGKILL');
      try {
        const res = await pending;
        if (res.status === 201) acknowledged.push({ id: ((await res.json()) as { id: string }).id, name });
        else failure = `status ${res.status}`;
      } catch (err) {
        failure = (err as Error).message;
      }
    }
    expect(failure, 'the stream of writes must end because the server was killed').toBeDefined();
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);
    const exit = await waitForExit(server, 10_000, 'stride serve after SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    // The lock file survives a kill -9 and names a process that is gone.
    expect(lockHolderPid(dataDir)).toBe(serverPid);

    const restarted = await startServer({ dataDir });
    expect(lockHolderPid(dataDir)).not.toBe(serverPid);
    const missing: string[] = [];
    for (const a of acknowledged) {
      const res = await api(restarted, token, 'GET', `/api/v1/accounts/${a.id}`);
      if (res.status !== 200 || ((await res.json()) as { name: string }).name !== a.name) missing.push(`${a.id} (${res.status})`);
    }
    expect(missing, `acknowledged writes lost after kill -9: ${missing.length} of ${acknowledged.length}`).toEqual([]);
    // and the database still takes writes
    const after = await api(restarted, token, 'POST', '/api/v1/accounts', { name: 'After the crash' });
    expect(after.status).toBe(201);
    expect(await stopServer(restarted)).toEqual({ code: 0, signal: null });
  }, 90_000);
});
