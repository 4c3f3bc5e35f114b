import pg from 'pg';
import type { Database } from '../../platform/db.js';
import { NOTIFY_CHANNEL } from './notifications.repo.js';

/**
 * Fans committed notifications out to the live streams of THIS app node. Every node LISTENs on the Postgres
 * channel, so a notification created on any node reaches a browser connected to any other (DESIGN §2: nodes are
 * stateless). PostgreSQL: one dedicated connection outside the pool, reconnecting after a loss. Embedded PGlite:
 * its own `listen()` (the pg adapter's single pooled connection cannot be held for LISTEN), which delivers the
 * same NOTIFY after commit — so both databases share one producer code path.
 */
export type NotificationEvent = { userId: string; id: string; hidden: boolean; email: boolean };
type Listener = (event: NotificationEvent) => void;

export type NotificationHub = {
  /** Calls `listener` for every committed notification; returns the unsubscribe function. */
  subscribe(listener: Listener): Promise<() => void>;
  close(): Promise<void>;
};

const hubs = new WeakMap<Database, NotificationHub>();

export function notificationHub(database: Database, log?: { warn(msg: string): void }): NotificationHub {
  let hub = hubs.get(database);
  if (!hub) {
    hub = createHub(database, log);
    hubs.set(database, hub);
  }
  return hub;
}

function parse(payload: string | undefined): NotificationEvent | undefined {
  try {
    const p = JSON.parse(payload ?? '');
    if (typeof p?.u === 'string' && typeof p?.id === 'string')
      return { userId: p.u, id: p.id, hidden: Boolean(p.hidden), email: Boolean(p.e) };
  } catch {
    // not ours
  }
  return undefined;
}

function createHub(database: Database, log?: { warn(msg: string): void }): NotificationHub {
  const listeners = new Set<Listener>();
  let started: Promise<void> | null = null;
  let stop: (() => Promise<void>) | null = null;
  let closed = false;

  const dispatch = (payload: string | undefined) => {
    const event = parse(payload);
    if (!event) return;
    for (const l of listeners) {
      try {
        l(event);
      } catch (err) {
        log?.warn(`notification listener failed: ${(err as Error).message}`);
      }
    }
  };

  async function startPglite() {
    const pglite = database.pglite;
    if (!pglite) throw new Error('embedded database without a PGlite instance');
    const unlisten = await pglite.listen(NOTIFY_CHANNEL, dispatch);
    stop = async () => {
      await unlisten().catch(() => undefined);
    };
  }

  async function startPostgres() {
    let client: pg.Client | null = null;
    let retry: NodeJS.Timeout | null = null;
    const connect = async () => {
      const c = new pg.Client(database.pool.options);
      c.on('notification', (msg) => {
        if (msg.channel === NOTIFY_CHANNEL) dispatch(msg.payload);
      });
      c.on('error', (err) => {
        log?.warn(`notification listener connection lost: ${err.message}; reconnecting`);
        c.end().catch(() => undefined);
        if (client === c) client = null;
        if (!closed) retry = setTimeout(() => void connect().catch(() => undefined), 1000);
      });
      await c.connect();
      await c.query(`LISTEN ${NOTIFY_CHANNEL}`);
      client = c;
    };
    await connect();
    stop = async () => {
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = null;
    };
  }

  return {
    async subscribe(listener) {
      listeners.add(listener);
      if (!started) started = database.kind === 'postgres' ? startPostgres() : startPglite();
      try {
        await started;
      } catch (err) {
        started = null;
        listeners.delete(listener);
        throw err;
      }
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      if (started) await started.catch(() => undefined);
      await stop?.();
      hubs.delete(database);
    },
  };
}
