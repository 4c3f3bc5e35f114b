import { describe, expect, it } from 'vitest';
import { type Client, errorOf, type TestUser, useTestApp } from '../helpers/app.js';

/** Hostile or odd input must never produce a 500 (DESIGN §5: "Bad input never gets a 500"). */
describe('robustness: odd input gets a 4xx, never a 500', () => {
  let admin: TestUser;
  let client: Client;
  let accountId: string;
  const t = useTestApp(async (app) => {
    admin = await app.createUserWithRole('admin', { name: 'Zdeněk Správce' });
    client = await app.loginAs(admin.email);
    for (let i = 0; i < 3; i++) {
      const res = await client.post('/api/v1/accounts', { name: `Robust ${i}` });
      accountId = res.body.id;
    }
  });

  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['accounts by name, id not a uuid', '/api/v1/accounts?sort=name', { v: 'robust', id: 'not-a-uuid' }],
    [
      'accounts by date, value not a date',
      '/api/v1/accounts?sort=-updatedAt',
      { v: 'not a date', id: '0190a0a0-0000-7000-8000-000000000001' },
    ],
    ['accounts by date, numeric value', '/api/v1/accounts?sort=createdAt', { v: 12, id: '0190a0a0-0000-7000-8000-000000000001' }],
    ['contacts, id not a uuid', '/api/v1/contacts', { v: 'x', id: '42' }],
    ['stream, value not a number', 'STREAM', { v: 'abc', id: '0190a0a0-0000-7000-8000-000000000001' }],
  ])('a forged cursor (%s) is a 400 naming cursor', async (_label, base, value) => {
    const url = base === 'STREAM' ? `/api/v1/accounts/${accountId}/stream` : base;
    const res = await client.get(`${url}${url.includes('?') ? '&' : '?'}cursor=${forged(value)}`);
    expect(res.status).toBe(400);
    expect(errorOf(res).details.map((d) => d.field)).toEqual(['cursor']);
  });

  it('a real cursor keeps working', async () => {
    const first = await client.get('/api/v1/accounts?limit=1&sort=-updatedAt');
    const next = await client.get(`/api/v1/accounts?limit=1&sort=-updatedAt&cursor=${first.body.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.body.data[0].id).not.toBe(first.body.data[0].id);
  });

  it('a NUL character in text is refused with a 4xx, not a 500', async () => {
    const acc = await client.post('/api/v1/accounts', { name: 'Nul\u0000Byte s.r.o.' });
    expect(acc.status).toBeGreaterThanOrEqual(400);
    expect(acc.status).toBeLessThan(500);
    expect(errorOf(acc).code).toBe('validation_failed');
    const note = await client.post(`/api/v1/accounts/${accountId}/stream`, { body: 'bad \u0000 note' });
    expect(note.status).toBe(400);
    const search = await client.get(`/api/v1/accounts?q=${encodeURIComponent('a\u0000b')}`);
    expect(search.status).toBeLessThan(500);
  });

  it('a body over the limit is a 413', async () => {
    const res = await client.post('/api/v1/accounts', { name: 'Big', description: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(errorOf(res).code).toBe('payload_too_large');
  });

  it('text longer than its field allows is a 400 naming the field', async () => {
    const res = await client.post('/api/v1/accounts', { name: 'x'.repeat(201) });
    expect(res.status).toBe(400);
    expect(errorOf(res).details.map((d) => d.field)).toEqual(['name']);
  });

  it('a JSON array or scalar instead of an object is a 400', async () => {
    for (const payload of ['[]', '"name"', '42', 'null']) {
      const res = await client.request('POST', '/api/v1/accounts', undefined, {
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect({ payload, status: res.status }).toEqual({ payload, status: 400 });
    }
  });

  it('repeated query parameters are a 400, not a crash', async () => {
    const res = await client.get('/api/v1/accounts?type=partner&type=customer');
    expect(res.status).toBe(400);
  });

  it('an over-long Idempotency-Key is a 400 naming the header', async () => {
    const res = await client.post('/api/v1/accounts', { name: 'Long Key' }, { headers: { 'idempotency-key': 'k'.repeat(201) } });
    expect(res.status).toBe(400);
    expect(errorOf(res).details.map((d) => d.field)).toEqual(['Idempotency-Key']);
  });

  it('the user directory search finds a match even when it is beyond the page limit', async () => {
    for (const name of ['Adam Abeceda', 'Bára Bednářová', 'Cyril Čapek']) await t.current.createUserWithRole('sdr', { name });
    const res = await client.get(`/api/v1/users?q=${encodeURIComponent('zdenek')}&limit=1`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((u: { id: string }) => u.id)).toEqual([admin.id]);
  });
});
