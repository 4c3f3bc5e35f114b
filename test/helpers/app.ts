import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Role, Team, User } from '../../src/domain/users/user.schema.js';
import type { Actor } from '../../src/server/access/actor.js';
import { buildApp } from '../../src/server/http/app.js';
import type { App } from '../../src/server/http/types.js';
import { loadActor } from '../../src/server/modules/auth/actor.loader.js';
import { createApiToken } from '../../src/server/modules/auth/auth.service.js';
import { createTeam } from '../../src/server/modules/users/teams.service.js';
import { createUser } from '../../src/server/modules/users/users.service.js';
import { resetClockForTests } from '../../src/server/platform/clock.js';
import { loadConfig } from '../../src/server/platform/config.js';
import type { Database, Db } from '../../src/server/platform/db.js';
import { testDatabase } from './db.js';

export const TEST_PASSWORD = 'correct-horse-battery';

/** A JSON body as tests read it: assertions check its shape, so it is deliberately loose. */
export type Json = any;

export type ApiResponse<T = Json> = {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
};

type RequestOptions = { headers?: Record<string, string>; payload?: string };

/** A tiny HTTP client over `app.inject` that keeps cookies and sends the CSRF token on writes. */
export class Client {
  readonly cookies = new Map<string, string>();
  csrfToken: string | null = null;
  /** Send X-CSRF-Token on writes (switch off to test the CSRF check). */
  sendCsrf = true;
  /** The client address the server sees (sign-in throttling counts per address). */
  remoteAddress = '127.0.0.1';

  constructor(
    readonly app: App,
    readonly defaultHeaders: Record<string, string> = {},
  ) {}

  async request<T = Json>(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    opts: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...this.defaultHeaders };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrfToken && this.sendCsrf && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    let payload: string | undefined = opts.payload;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, opts.headers);
    const raw = await this.app.inject({ method, url, headers, payload, remoteAddress: this.remoteAddress });
    for (const c of raw.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      const cleared = c.value === '' || (c.expires && c.expires.getTime() <= Date.now()) || c.maxAge === 0;
      if (cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const text = raw.body;
    let parsed: unknown = text;
    if (text && String(raw.headers['content-type'] ?? '').includes('json')) parsed = JSON.parse(text);
    return { status: raw.statusCode, body: parsed as T, headers: raw.headers, raw };
  }

  get<T = Json>(url: string, opts?: RequestOptions) {
    return this.request<T>('GET', url, undefined, opts);
  }
  post<T = Json>(url: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('POST', url, body, opts);
  }
  patch<T = Json>(url: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('PATCH', url, body, opts);
  }
  delete<T = Json>(url: string, opts?: RequestOptions) {
    return this.request<T>('DELETE', url, undefined, opts);
  }

  /** All pages of a collection, following nextCursor. */
  async all<T = Json>(url: string): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 1000; i++) {
      const sep = url.includes('?') ? '&' : '?';
      const res: ApiResponse<{ data: T[]; nextCursor: string | null }> = await this.get(
        cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url,
      );
      if (res.status !== 200) throw new Error(`GET ${url} → ${res.status} ${JSON.stringify(res.body)}`);
      out.push(...res.body.data);
      cursor = res.body.nextCursor;
      if (!cursor) return out;
    }
    throw new Error(`GET ${url}: paging did not end`);
  }
}

export type TestUser = User & { password: string; actor: Actor };

let seq = 0;

/** One app on one fresh database per test file. */
export class TestApp {
  readonly api: Client;
  constructor(
    readonly app: App,
    readonly database: Database,
  ) {
    this.api = new Client(app);
  }

  get db(): Db {
    return this.database.db;
  }

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const database = await testDatabase();
    const config = loadConfig({ STRIDE_DEMO: '0', LOG_LEVEL: 'silent', ...env });
    const app = await buildApp({ database, config, logger: false });
    await app.ready();
    return new TestApp(app, database);
  }

  async close() {
    resetClockForTests();
    await this.app.close();
    await this.database.close();
  }

  async createUserWithRole(
    role: Role,
    opts: { teamIds?: string[]; name?: string; email?: string; password?: string } = {},
  ): Promise<TestUser> {
    seq += 1;
    const email = opts.email ?? `${role.replace(/_/g, '-')}-${seq}-${randomBytes(3).toString('hex')}@test.stride.local`;
    const password = opts.password ?? TEST_PASSWORD;
    const user = await createUser(this.db, null, {
      email,
      name: opts.name ?? `${role} ${seq}`,
      role,
      password,
      teamIds: opts.teamIds,
    });
    return { ...user, password, actor: await this.actor(user.id) };
  }

  async createTeam(opts: { name?: string; leadId?: string | null; memberIds?: string[] } = {}): Promise<Team> {
    seq += 1;
    return createTeam(this.db, null, { name: opts.name ?? `Team ${seq} ${randomBytes(2).toString('hex')}`, ...opts });
  }

  /** The access-policy view of a user, as loaded at sign-in (reload after team changes). */
  async actor(userId: string): Promise<Actor> {
    const actor = await loadActor(this.db, userId);
    if (!actor) throw new Error(`no active user ${userId}`);
    return actor;
  }

  /** Signs in through the API; the client keeps the session cookie and sends X-CSRF-Token on writes. */
  async loginAs(email: string, password = TEST_PASSWORD): Promise<Client> {
    const client = new Client(this.app);
    const res = await client.post('/api/v1/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login ${email} → ${res.status} ${JSON.stringify(res.body)}`);
    client.csrfToken = res.body.csrfToken;
    return client;
  }

  /** A client authenticated by a fresh API token of `user` (no cookie, no CSRF). */
  async bearerClient(user: { id: string }): Promise<Client & { token: string; tokenId: string }> {
    const created = await createApiToken(this.db, await this.actor(user.id), `test token ${++seq}`);
    const client = new Client(this.app, { authorization: `Bearer ${created.token}` }) as Client & {
      token: string;
      tokenId: string;
    };
    client.token = created.token;
    client.tokenId = created.id;
    return client;
  }
}

/**
 * Registers beforeAll/afterAll for one app per test file and returns a handle whose `current` is set once
 * beforeAll ran: `const t = useTestApp(); it('…', () => t.current.api.get(…))`.
 */
export function useTestApp(setup?: (t: TestApp) => Promise<void>): { readonly current: TestApp } {
  let instance: TestApp | undefined;
  beforeAll(async () => {
    instance = await TestApp.start();
    if (setup) await setup(instance);
  });
  afterAll(async () => {
    await instance?.close();
  });
  return {
    get current() {
      if (!instance) throw new Error('useTestApp: beforeAll has not run');
      return instance;
    },
  };
}

/** Checks the error envelope and returns its details for field assertions. */
export function errorOf(res: ApiResponse): {
  code: string;
  message: string;
  details: Array<{ field?: string; message: string }>;
} {
  const err = (res.body as { error?: unknown })?.error as {
    code: string;
    message: string;
    details: Array<{ field?: string; message: string }>;
  };
  if (!err) throw new Error(`expected an error body, got ${res.status} ${JSON.stringify(res.body)}`);
  return err;
}

export function fieldsOf(res: ApiResponse): string[] {
  return errorOf(res).details.map((d) => d.field ?? '');
}
