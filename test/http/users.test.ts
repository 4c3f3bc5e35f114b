import { describe, expect, it } from 'vitest';
import { Client, errorOf, TEST_PASSWORD, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

describe('users and teams', () => {
  let w: World;
  const t = useTestApp(async (app) => {
    w = await buildWorld(app);
  });

  it('an admin creates a user who can then sign in with the given role and teams', async () => {
    const admin = await w.as('admin');
    const res = await admin.post('/api/v1/users', {
      email: 'Nova.Kolegyne@Example.cz',
      name: 'Nová Kolegyně',
      role: 'sdr',
      password: 'a-long-password-1',
      teamIds: [w.teamA],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'nova.kolegyne@example.cz',
      name: 'Nová Kolegyně',
      role: 'sdr',
      active: true,
      teamIds: [w.teamA],
      createdBy: w.users.admin.id,
    });
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    expect(JSON.stringify(res.body)).not.toMatch(/password/i);
    const client = await t.current.loginAs('nova.kolegyne@example.cz', 'a-long-password-1');
    const me = await client.get('/api/v1/auth/me');
    expect(me.body.user).toMatchObject({ role: 'sdr', teamIds: [w.teamA] });
    // as a member of team A she sees team A's records
    const acc = await (await w.as('amA')).post('/api/v1/accounts', { name: 'Seen By Newcomer s.r.o.' });
    expect((await client.get(`/api/v1/accounts/${acc.body.id}`)).status).toBe(200);
  });

  it.each(['director', 'leadA', 'amA', 'sdrA', 'marketing'] as const)('%s may not create users or teams (403)', async (who) => {
    const client = await w.as(who);
    const user = await client.post('/api/v1/users', {
      email: `x-${who}@example.cz`,
      name: 'X',
      role: 'admin',
      password: 'a-long-password-1',
    });
    expect(user.status).toBe(403);
    expect(errorOf(user).code).toBe('forbidden');
    const team = await client.post('/api/v1/teams', { name: `Team by ${who}` });
    expect(team.status).toBe(403);
    const list = await (await w.as('admin')).get('/api/v1/users?limit=1000');
    expect(list.body.data.some((u: { email: string }) => u.email === `x-${who}@example.cz`)).toBe(false);
  });

  it('a user may not change their own role', async () => {
    const am = await w.as('amA');
    const res = await am.patch(`/api/v1/users/${w.users.amA.id}`, { role: 'admin' });
    expect(res.status).toBe(403);
    expect((await am.get('/api/v1/auth/me')).body.user.role).toBe('account_manager');
  });

  it('a duplicate email is a 409 naming email, whatever its case', async () => {
    const admin = await w.as('admin');
    const res = await admin.post('/api/v1/users', {
      email: w.users.amA.email.toUpperCase(),
      name: 'Double',
      role: 'sdr',
      password: 'a-long-password-1',
    });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('conflict');
    expect(errorOf(res).details.map((d) => d.field)).toEqual(['email']);
  });

  it('validates user input field by field', async () => {
    const admin = await w.as('admin');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: 'not-an-email', name: 'X', role: 'sdr', password: 'a-long-password-1' }, 'email'],
      [{ email: 'short@example.cz', name: 'X', role: 'sdr', password: 'short' }, 'password'],
      [{ email: 'role@example.cz', name: 'X', role: 'king', password: 'a-long-password-1' }, 'role'],
      [
        {
          email: 'team@example.cz',
          name: 'X',
          role: 'sdr',
          password: 'a-long-password-1',
          teamIds: ['0190a0a0-0000-7000-8000-000000000009'],
        },
        'teamIds',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/v1/users', body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(errorOf(res).details.map((d) => d.field)).toContain(field);
    }
  });

  it('a deactivated user cannot sign in, and their sessions and tokens stop working', async () => {
    const admin = await w.as('admin');
    const leaving = await t.current.createUserWithRole('account_manager');
    const session = await t.current.loginAs(leaving.email);
    const bearer = await t.current.bearerClient(leaving);
    const current = await admin.get(`/api/v1/users/${leaving.id}`);
    const res = await admin.patch(
      `/api/v1/users/${leaving.id}`,
      { active: false },
      { headers: { 'if-match': String(current.headers.etag) } },
    );
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);

    expect((await session.get('/api/v1/auth/me')).status).toBe(401);
    expect((await bearer.get('/api/v1/accounts')).status).toBe(401);
    const client = new Client(t.current.app);
    client.remoteAddress = '10.9.9.9';
    const login = await client.post('/api/v1/auth/login', { email: leaving.email, password: TEST_PASSWORD });
    expect(login.status).toBe(401);
    expect(errorOf(login).code).toBe('unauthorized');
    // and they can no longer be made the owner of a record
    const assign = await admin.post('/api/v1/accounts', { name: 'Orphan s.r.o.', ownerId: leaving.id });
    expect(assign.status).toBe(400);
    expect(errorOf(assign).details.map((d) => d.field)).toEqual(['ownerId']);
  });

  it('an admin cannot deactivate themselves', async () => {
    const admin = await w.as('admin');
    const res = await admin.patch(`/api/v1/users/${w.users.admin.id}`, { active: false });
    expect(res.status).toBe(400);
    expect(errorOf(res).details.map((d) => d.field)).toEqual(['active']);
  });

  it('an admin creates a team with a lead and members; membership widens visibility at once', async () => {
    const admin = await w.as('admin');
    const leadB = await w.as('leadB');
    const acc = await (await w.as('amA')).post('/api/v1/accounts', { name: 'Cross Team s.r.o.' });
    expect((await leadB.get(`/api/v1/accounts/${acc.body.id}`)).status).toBe(404);

    const res = await admin.post('/api/v1/teams', {
      name: 'Key Accounts',
      leadId: w.users.leadB.id,
      memberIds: [w.users.amA.id],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Key Accounts', leadId: w.users.leadB.id, memberIds: [w.users.amA.id] });
    expect((await leadB.get(`/api/v1/accounts/${acc.body.id}`)).status).toBe(200);
    expect((await leadB.patch(`/api/v1/accounts/${acc.body.id}`, { industry: 'Logistics' })).status).toBe(200);

    const dup = await admin.post('/api/v1/teams', { name: 'key accounts' });
    expect(dup.status).toBe(409);
    expect(errorOf(dup).details.map((d) => d.field)).toEqual(['name']);

    const teams = await (await w.as('amB')).get('/api/v1/teams');
    expect(teams.status).toBe(200);
    expect(teams.body.data.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['Key Accounts', 'Prodej CZ', 'Vertrieb DE']),
    );

    const removed = await admin.patch(
      `/api/v1/teams/${res.body.id}`,
      { memberIds: [] },
      { headers: { 'if-match': String(res.headers.etag) } },
    );
    expect(removed.status).toBe(200);
    expect(removed.body.memberIds).toEqual([]);
    expect((await leadB.get(`/api/v1/accounts/${acc.body.id}`)).status).toBe(404);
    const stale = await admin.patch(
      `/api/v1/teams/${res.body.id}`,
      { name: 'Renamed' },
      { headers: { 'if-match': String(res.headers.etag) } },
    );
    expect(stale.status).toBe(412);
  });

  it('lists the user directory for everyone signed in, without password hashes, searchable without diacritics', async () => {
    const sdr = await w.as('sdrA');
    const res = await sdr.get(`/api/v1/users?q=${encodeURIComponent('dvorakova')}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((u: { id: string }) => u.id)).toEqual([w.users.amA.id]);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon/);
  });

  it('GET /api/v1/openapi.json documents the public API', async () => {
    const res = await t.current.api.get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(res.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/accounts',
        '/api/v1/accounts/{id}',
        '/api/v1/accounts/{id}/stream',
        '/api/v1/contacts',
        '/api/v1/contacts/{id}',
        '/api/v1/auth/login',
        '/api/v1/auth/tokens',
        '/api/v1/users',
        '/api/v1/teams',
      ]),
    );
    const create = res.body.paths['/api/v1/accounts'].post;
    expect(Object.keys(create.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['name', 'registrationNumber', 'vatNumber']),
    );
  });
});
