import { describe, expect, it } from 'vitest';
import { advanceClockForTests, resetClockForTests } from '../../src/server/platform/clock.js';
import { Client, errorOf, TEST_PASSWORD, type TestUser, useTestApp } from '../helpers/app.js';

const MINUTE = 60_000;

describe('authentication', () => {
  let am: TestUser;
  let admin: TestUser;
  let ipCounter = 10;
  /** A client from its own address, so throttling in one test does not leak into the next. */
  const fresh = () => {
    const client = new Client(t.current.app);
    client.remoteAddress = `10.0.0.${ipCounter++}`;
    return client;
  };
  const login = async (client: Client, email: string, password = TEST_PASSWORD) => {
    const res = await client.post('/api/v1/auth/login', { email, password });
    if (res.status === 200) client.csrfToken = res.body.csrfToken;
    return res;
  };
  const t = useTestApp(async (app) => {
    am = await app.createUserWithRole('account_manager', { name: 'Barbora Dvořáková' });
    admin = await app.createUserWithRole('admin');
  });

  describe('without credentials', () => {
    it.each([
      ['GET', '/api/v1/accounts'],
      ['GET', '/api/v1/contacts'],
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/accounts'],
      ['GET', '/api/v1/accounts/0190a0a0-0000-7000-8000-000000000001/stream'],
    ] as const)('%s %s answers 401', async (method, url) => {
      const res = await fresh().request(method, url, method === 'POST' ? { name: 'x' } : undefined);
      expect(res.status).toBe(401);
      expect(errorOf(res).code).toBe('unauthorized');
    });

    it('a made-up session cookie or bearer token answers 401', async () => {
      const cookie = fresh();
      cookie.cookies.set('stride_session', 'forged');
      expect((await cookie.get('/api/v1/auth/me')).status).toBe(401);
      const bearer = new Client(t.current.app, { authorization: 'Bearer stride_forged' });
      const res = await bearer.get('/api/v1/accounts');
      expect(res.status).toBe(401);
      expect(errorOf(res).code).toBe('unauthorized');
    });

    it('health and the OpenAPI document are public', async () => {
      expect((await fresh().get('/api/v1/health')).status).toBe(200);
      expect((await fresh().get('/api/v1/openapi.json')).status).toBe(200);
    });
  });

  describe('login', () => {
    it('sets an HttpOnly SameSite=Lax session cookie and a readable CSRF cookie, and returns the user', async () => {
      const client = fresh();
      const res = await login(client, am.email.toUpperCase());
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ id: am.id, email: am.email, role: 'account_manager', name: 'Barbora Dvořáková' });
      expect(res.body.csrfToken).toMatch(/^\S{16,}$/);
      const cookies = res.raw.cookies as Array<{
        name: string;
        value: string;
        httpOnly?: boolean;
        sameSite?: string;
        path?: string;
      }>;
      const session = cookies.find((c) => c.name === 'stride_session');
      const csrf = cookies.find((c) => c.name === 'stride_csrf');
      expect(session?.httpOnly).toBe(true);
      expect(session?.sameSite).toBe('Lax');
      expect(session?.path).toBe('/');
      expect(csrf?.httpOnly).not.toBe(true);
      expect(csrf?.value).toBe(res.body.csrfToken);
      expect(JSON.stringify(res.body)).not.toMatch(/password/i);
      const me = await client.get('/api/v1/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.id).toBe(am.id);
      expect(me.body.csrfToken).toBe(res.body.csrfToken);
    });

    it('a wrong password or unknown email answers 401 with the same message', async () => {
      const wrong = await login(fresh(), am.email, 'wrong-password-123');
      const unknown = await login(fresh(), 'nobody@test.stride.local', 'wrong-password-123');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(errorOf(wrong).code).toBe('unauthorized');
      expect(errorOf(wrong).message).toBe(errorOf(unknown).message);
      expect(wrong.raw.cookies.find((c: { name: string }) => c.name === 'stride_session')).toBeUndefined();
    });

    it('a missing field is a 400 naming it', async () => {
      const res = await fresh().post('/api/v1/auth/login', { email: am.email });
      expect(res.status).toBe(400);
      expect(errorOf(res).details.map((d) => d.field)).toEqual(['password']);
    });

    it('after 5 failures for one account further attempts get 429 until the 15-minute window passes', async () => {
      const victim = await t.current.createUserWithRole('sdr');
      try {
        for (let i = 0; i < 5; i++) {
          const client = fresh(); // different addresses: the per-account limit applies on its own
          expect((await login(client, victim.email, `wrong-${i}-password`)).status).toBe(401);
        }
        const blocked = await login(fresh(), victim.email, victim.password);
        expect(blocked.status).toBe(429);
        expect(errorOf(blocked).code).toBe('rate_limited');
        // other accounts are not affected
        expect((await login(fresh(), am.email)).status).toBe(200);

        advanceClockForTests(14 * MINUTE);
        expect((await login(fresh(), victim.email, victim.password)).status).toBe(429);
        advanceClockForTests(2 * MINUTE);
        const ok = await login(fresh(), victim.email, victim.password);
        expect(ok.status).toBe(200);
        expect(ok.body.user.id).toBe(victim.id);
      } finally {
        resetClockForTests();
      }
    });

    it('after 20 failures from one address every sign-in from it gets 429; other addresses still sign in', async () => {
      const attacker = fresh();
      for (let i = 0; i < 20; i++) {
        expect((await login(attacker, `guess-${i}@test.stride.local`, 'wrong-password-1')).status).toBe(401);
      }
      const blocked = await login(attacker, am.email);
      expect(blocked.status).toBe(429);
      expect(errorOf(blocked).code).toBe('rate_limited');
      expect((await login(fresh(), am.email)).status).toBe(200);
    });

    it('issues a new session at each sign-in and ends the previous one', async () => {
      const client = fresh();
      await login(client, am.email);
      const first = client.cookies.get('stride_session');
      const firstCsrf = client.csrfToken;
      await login(client, am.email);
      const second = client.cookies.get('stride_session');
      expect(second).toBeTruthy();
      expect(second).not.toBe(first);
      expect(client.csrfToken).not.toBe(firstCsrf);
      expect((await client.get('/api/v1/auth/me')).status).toBe(200);

      const old = fresh();
      old.cookies.set('stride_session', String(first));
      expect((await old.get('/api/v1/auth/me')).status).toBe(401);
    });

    it('logout ends the session: the old cookie answers 401', async () => {
      const client = fresh();
      await login(client, am.email);
      const cookie = String(client.cookies.get('stride_session'));
      const res = await client.post('/api/v1/auth/logout');
      expect(res.status).toBe(204);
      expect(client.cookies.has('stride_session')).toBe(false);
      const replay = fresh();
      replay.cookies.set('stride_session', cookie);
      const me = await replay.get('/api/v1/auth/me');
      expect(me.status).toBe(401);
    });

    it('a session expires after the idle time and slides while in use', async () => {
      const idle = t.current.app.config.sessionIdleMinutes;
      try {
        const active = fresh();
        await login(active, am.email);
        const idleClient = fresh();
        await login(idleClient, am.email);

        advanceClockForTests((idle - 10) * MINUTE);
        expect((await active.get('/api/v1/auth/me')).status).toBe(200);
        advanceClockForTests(20 * MINUTE);
        // the active session slid forward; the idle one is past its expiry
        expect((await active.get('/api/v1/auth/me')).status).toBe(200);
        const expired = await idleClient.get('/api/v1/auth/me');
        expect(expired.status).toBe(401);
        expect(errorOf(expired).code).toBe('unauthorized');

        advanceClockForTests((idle + 1) * MINUTE);
        expect((await active.get('/api/v1/auth/me')).status).toBe(401);
      } finally {
        resetClockForTests();
      }
    });
  });

  describe('CSRF and bearer tokens', () => {
    it('a cookie-authenticated write without X-CSRF-Token answers 403 and writes nothing', async () => {
      const client = fresh();
      await login(client, am.email);
      client.sendCsrf = false;
      const res = await client.post('/api/v1/accounts', { name: 'CSRF Victim s.r.o.' });
      expect(res.status).toBe(403);
      expect(errorOf(res).code).toBe('forbidden');
      const wrong = await client.post(
        '/api/v1/accounts',
        { name: 'CSRF Victim s.r.o.' },
        { headers: { 'x-csrf-token': 'guess' } },
      );
      expect(wrong.status).toBe(403);
      // reads need no token
      const list = await client.get('/api/v1/accounts?q=csrf%20victim');
      expect(list.status).toBe(200);
      expect(list.body.data).toEqual([]);
      client.sendCsrf = true;
      expect((await client.post('/api/v1/accounts', { name: 'CSRF Victim s.r.o.' })).status).toBe(201);
    });

    it('the CSRF token of another session does not work', async () => {
      const mine = fresh();
      await login(mine, am.email);
      const other = fresh();
      await login(other, admin.email);
      const res = await mine.post(
        '/api/v1/accounts',
        { name: 'Cross Token' },
        { headers: { 'x-csrf-token': String(other.csrfToken) } },
      );
      expect(res.status).toBe(403);
    });

    it('creates a token shown once; bearer writes need no CSRF token', async () => {
      const client = fresh();
      await login(client, am.email);
      const created = await client.post('/api/v1/auth/tokens', { name: 'ERP sync' });
      expect(created.status).toBe(201);
      expect(created.body.name).toBe('ERP sync');
      expect(created.body.token).toMatch(/^stride_/);
      const listed = await client.get('/api/v1/auth/tokens');
      expect(listed.body.data.map((x: { name: string }) => x.name)).toContain('ERP sync');
      expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

      const bearer = new Client(t.current.app, { authorization: `Bearer ${created.body.token}` });
      const write = await bearer.post('/api/v1/accounts', { name: 'Bearer Written s.r.o.' });
      expect(write.status).toBe(201);
      expect(write.body.ownerId).toBe(am.id);
      expect(write.body.createdBy).toBe(am.id);
      const me = await bearer.get('/api/v1/auth/me');
      expect(me.body.user.id).toBe(am.id);
      expect(me.body.csrfToken).toBeNull();
    });

    it('a revoked token answers 401', async () => {
      const bearer = await t.current.bearerClient(am);
      expect((await bearer.get('/api/v1/accounts')).status).toBe(200);
      const revoke = await bearer.delete(`/api/v1/auth/tokens/${bearer.tokenId}`);
      expect(revoke.status).toBe(204);
      const res = await bearer.get('/api/v1/accounts');
      expect(res.status).toBe(401);
      expect(errorOf(res).code).toBe('unauthorized');
    });

    it("a user cannot revoke another user's token", async () => {
      const theirs = await t.current.bearerClient(admin);
      const mine = await t.current.bearerClient(am);
      const res = await mine.delete(`/api/v1/auth/tokens/${theirs.tokenId}`);
      expect(res.status).toBe(404);
      expect((await theirs.get('/api/v1/accounts')).status).toBe(200);
    });
  });
});
