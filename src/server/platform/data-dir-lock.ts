import fs from 'node:fs';
import path from 'node:path';

export type DataDirLock = { release(): void };

/**
 * An exclusive lock on the embedded data folder. Two processes on one PGlite folder silently corrupt it,
 * so a second one must refuse to start. The lock file holds the owner's pid on its first line and, on Linux, a
 * second line "<boot id> <process start time>"; a lock whose process is gone (after kill -9 or a crash) is stale
 * and taken over, so a restart always recovers — also when, after a container or machine restart, an unrelated
 * process happens to have the recorded pid (its boot id or start time differs).
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'stride.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const identity = processIdentity(process.pid);
      fs.writeFileSync(file, identity ? `${process.pid}\n${identity}\n` : String(process.pid), { flag: 'wx' });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            if (readHolder(file).pid === process.pid) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (Number.isInteger(holder.pid) && holder.pid !== process.pid && isAlive(holder.pid) && isSameProcess(holder)) {
        throw new DataDirLockedError(dataDir, holder.pid);
      }
      fs.rmSync(file, { force: true }); // stale lock from a dead process
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Stride process (pid ${pid}). ` +
        'Stop it first, or start this one with another DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
  }
}

type Holder = { pid: number; identity: string | null };

function readHolder(file: string): Holder {
  const [pidLine, identity] = fs.readFileSync(file, 'utf8').split('\n');
  return { pid: Number.parseInt(pidLine?.trim() ?? '', 10), identity: identity?.trim() || null };
}

/** "<boot id> <start time in clock ticks>" of a process: unique across restarts. Null where /proc is missing. */
function processIdentity(pid: number): string | null {
  try {
    const bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return bootId && startTime ? `${bootId} ${startTime}` : null;
  } catch {
    return null;
  }
}

/** The live process with the holder's pid is the one that wrote the lock (lock files without an identity: assume so). */
function isSameProcess(holder: Holder): boolean {
  if (!holder.identity) return true;
  const current = processIdentity(holder.pid);
  return current === null || current === holder.identity;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

/**
 * A process killed with -9 stays a zombie until its parent (often a container's init) reaps it; `kill(pid, 0)`
 * still succeeds, but it holds no files and can never write again, so its lock is stale. Linux only (/proc).
 */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}
