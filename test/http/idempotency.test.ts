import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type Client, errorOf, type TestUser, useTestApp } from '../helpers/app.js';

describe('Idempotency-Key on POST', () => {
  let am: TestUser;
  let client: Client;
  const t = useTestApp(async (app) => {
    am = await app.createUserWithRole('account_manager');
    client = await app.loginAs(am.email);
  });

  const count = async (table: 'accounts' | 'contacts', column: string, value: string) =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${value}`.execute(
        t.current.db,
      )
    ).rows[0]?.n;
  const createEntries = async (id: string) =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM stream_entries WHERE entity_id = ${id} AND type = 'create'`.execute(
        t.current.db,
      )
    ).rows[0]?.n;

  it('a retried account create returns the first response and creates one record with one Stream entry', async () => {
    const headers = { 'idempotency-key': 'create-account-1' };
    const first = await client.post('/api/v1/accounts', { name: 'Idempotent Pekárny s.r.o.' }, { headers });
    const second = await client.post('/api/v1/accounts', { name: 'Idempotent Pekárny s.r.o.' }, { headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body).toEqual(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(await count('accounts', 'name', 'Idempotent Pekárny s.r.o.')).toBe(1);
    expect(await createEntries(first.body.id)).toBe(1);
  });

  it('a retried contact create with an account creates one contact and one create_related entry', async () => {
    const acc = await client.post('/api/v1/accounts', { name: 'Parent of Idempotent' });
    const headers = { 'idempotency-key': 'create-contact-1' };
    const body = { lastName: 'Idempotentní', accountId: acc.body.id };
    const responses = [];
    for (let i = 0; i < 3; i++) responses.push(await client.post('/api/v1/contacts', body, { headers }));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await count('contacts', 'last_name', 'Idempotentní')).toBe(1);
    const stream = await client.get(`/api/v1/accounts/${acc.body.id}/stream`);
    expect(stream.body.data.filter((e: { type: string }) => e.type === 'create_related')).toHaveLength(1);
  });

  it('different keys create different records', async () => {
    const a = await client.post('/api/v1/accounts', { name: 'Twice Keyed' }, { headers: { 'idempotency-key': 'k-a' } });
    const b = await client.post('/api/v1/accounts', { name: 'Twice Keyed' }, { headers: { 'idempotency-key': 'k-b' } });
    expect(a.body.id).not.toBe(b.body.id);
    expect(await count('accounts', 'name', 'Twice Keyed')).toBe(2);
  });

  it('keys are per user: another user with the same key gets their own record', async () => {
    const other = await t.current.createUserWithRole('account_manager');
    const otherClient = await t.current.loginAs(other.email);
    const headers = { 'idempotency-key': 'shared-key' };
    const mine = await client.post('/api/v1/accounts', { name: 'Per User Key' }, { headers });
    const theirs = await otherClient.post('/api/v1/accounts', { name: 'Per User Key' }, { headers });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.ownerId).toBe(other.id);
  });

  it('reusing a key on another path is a 409', async () => {
    const headers = { 'idempotency-key': 'path-bound' };
    expect((await client.post('/api/v1/accounts', { name: 'Path Bound' }, { headers })).status).toBe(201);
    const res = await client.post('/api/v1/contacts', { lastName: 'Path Bound' }, { headers });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('conflict');
    expect(await count('contacts', 'last_name', 'Path Bound')).toBe(0);
  });

  it('a refused create is replayed as refused and a fixed request needs a new key', async () => {
    const headers = { 'idempotency-key': 'bad-owner' };
    const body = { name: 'Refused Owner', ownerId: '0190a0a0-0000-7000-8000-00000000000f' };
    const first = await client.post('/api/v1/accounts', body, { headers });
    const second = await client.post('/api/v1/accounts', body, { headers });
    expect(first.status).toBe(400);
    expect(second.status).toBe(400);
    expect(second.body).toEqual(first.body);
    expect(await count('accounts', 'name', 'Refused Owner')).toBe(0);
  });
});
