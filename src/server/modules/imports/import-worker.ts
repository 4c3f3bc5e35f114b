import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../platform/db.js';
import { claimNextImport, type RunOptions, runImport } from './import-runner.js';

/** How often an idle worker looks for imports left by a stopped or crashed process. */
const POLL_MS = 15_000;

/**
 * Runs imports in the server process, one at a time: at start-up (imports left `queued` or `running` by a
 * previous process continue after their last committed row), after `POST /imports/{id}/start`, and on a slow
 * poll. The job state lives in the `imports` row (status, processed rows, lease), so several app nodes never run
 * one import twice (SKIP LOCKED claim + lease). A Postgres-backed queue (pg-boss) is the planned upgrade once
 * more kinds of background work exist (docs/decisions/011-lead-import.md).
 */
export class ImportWorker {
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly log?: FastifyBaseLogger,
    private readonly runOptions: RunOptions = {},
  ) {}

  start(): void {
    this.stopping = false;
    this.timer = setInterval(() => void this.runPending(), POLL_MS);
    this.timer.unref();
    void this.runPending();
  }

  /** Processes every claimable import; concurrent calls share one pass (and ask for another round after it). */
  runPending(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          for (;;) {
            if (this.stopping) return;
            const claimed = await claimNextImport(this.db);
            if (!claimed) break;
            const outcome = await runImport(this.db, this.dataDir, claimed, {
              ...this.runOptions,
              shouldStop: () => this.stopping,
            });
            this.log?.info({ importId: claimed.id, outcome }, 'import finished a run');
            if (outcome === 'stopped') return;
          }
        } while (this.again && !this.stopping);
      } catch (err) {
        this.log?.error({ err }, 'import worker pass failed');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Stops after the batch in progress; the import stays `running` with its lease released, for the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
