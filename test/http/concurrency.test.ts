import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type Client, errorOf, type TestUser, useTestApp } from '../helpers/app.js';

describe('optimistic concurrency (If-Match → 412)', () => {
  let am: TestUser;
  let client: Client;
  const t = useTestApp(async (app) => {
    am = await app.createUserWithRole('account_manager');
    client = await app.loginAs(am.email);
  });

  it.each(['accounts', 'contacts'])(
    '%s: GET returns the version as ETag; a second update with the same version is refused',
    async (resource) => {
      const create = resource === 'accounts' ? { name: 'Strojírny Haná s.r.o.' } : { lastName: 'Čermák' };
      const created = await client.post(`/api/v1/${resource}`, create);
      expect(created.status).toBe(201);
      const id = created.body.id;
      const got = await client.get(`/api/v1/${resource}/${id}`);
      expect(got.headers.etag).toBe(`"${got.body.version}"`);
      const etag = String(got.headers.etag);
      const field = resource === 'accounts' ? 'description' : 'title';

      const first = await client.patch(
        `/api/v1/${resource}/${id}`,
        { [field]: 'first writer' },
        { headers: { 'if-match': etag } },
      );
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(got.body.version + 1);
      expect(first.headers.etag).toBe(`"${got.body.version + 1}"`);

      const second = await client.patch(
        `/api/v1/${resource}/${id}`,
        { [field]: 'second writer' },
        { headers: { 'if-match': etag } },
      );
      expect(second.status).toBe(412);
      expect(errorOf(second).code).toBe('precondition_failed');

      const after = await client.get(`/api/v1/${resource}/${id}`);
      expect(after.body[field]).toBe('first writer');
      expect(after.body.version).toBe(got.body.version + 1);
      const stream = await client.get(`/api/v1/${resource}/${id}/stream`);
      expect(stream.body.data.filter((e: { type: string }) => e.type === 'update')).toHaveLength(1);
    },
  );

  it('accepts the weak and bare forms of the ETag, and the current version after a change', async () => {
    const created = await client.post('/api/v1/accounts', { name: 'ETag Forms s.r.o.' });
    const id = created.body.id;
    const v = created.body.version;
    expect(
      (await client.patch(`/api/v1/accounts/${id}`, { industry: 'A' }, { headers: { 'if-match': `W/"${v}"` } })).status,
    ).toBe(200);
    expect(
      (await client.patch(`/api/v1/accounts/${id}`, { industry: 'B' }, { headers: { 'if-match': String(v + 1) } })).status,
    ).toBe(200);
    expect((await client.patch(`/api/v1/accounts/${id}`, { industry: 'C' }, { headers: { 'if-match': `"${v}"` } })).status).toBe(
      412,
    );
  });

  it.each(['accounts', 'contacts'])('%s: DELETE with a stale If-Match is refused and the record stays', async (resource) => {
    const create = resource === 'accounts' ? { name: 'Delete Me a.s.' } : { lastName: 'Říha' };
    const created = await client.post(`/api/v1/${resource}`, create);
    const id = created.body.id;
    const stale = `"${created.body.version}"`;
    const field = resource === 'accounts' ? 'description' : 'title';
    expect((await client.patch(`/api/v1/${resource}/${id}`, { [field]: 'moved on' })).status).toBe(200);

    const del = await client.delete(`/api/v1/${resource}/${id}`, { headers: { 'if-match': stale } });
    expect(del.status).toBe(412);
    expect(errorOf(del).code).toBe('precondition_failed');
    const still = await client.get(`/api/v1/${resource}/${id}`);
    expect(still.status).toBe(200);
    expect(still.body.deletedAt).toBeNull();

    const fresh = `"${still.body.version}"`;
    expect((await client.delete(`/api/v1/${resource}/${id}`, { headers: { 'if-match': fresh } })).status).toBe(204);
    expect((await client.get(`/api/v1/${resource}/${id}`)).status).toBe(404);
  });

  it('concurrent updates with the same version: exactly one wins', async () => {
    const created = await client.post('/api/v1/accounts', { name: 'Race s.r.o.' });
    const id = created.body.id;
    const etag = `"${created.body.version}"`;
    const results = await Promise.all(
      ['one', 'two', 'three'].map((d) =>
        client.patch(`/api/v1/accounts/${id}`, { description: d }, { headers: { 'if-match': etag } }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412]);
    const winner = results.find((r) => r.status === 200)?.body.description;
    const after = await client.get(`/api/v1/accounts/${id}`);
    expect(after.body.description).toBe(winner);
    expect(after.body.version).toBe(created.body.version + 1);
    const updates = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM stream_entries WHERE entity_id = ${id} AND type = 'update'`.execute(t.current.db);
    expect(updates.rows[0]?.n).toBe(1);
  });
});
