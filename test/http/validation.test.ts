import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorOf, fieldsOf, type TestUser, useTestApp } from '../helpers/app.js';

/** DESIGN §6: bad input → a clear 4xx naming the field; never a 500, never a half-written record. */
describe('input validation', () => {
  let am: TestUser;
  let client: Client;
  const t = useTestApp(async (app) => {
    am = await app.createUserWithRole('account_manager');
    client = await app.loginAs(am.email);
  });

  const counts = async () => {
    const db = t.current.db;
    const row = await sql<{ a: number; c: number; s: number }>`
      SELECT (SELECT count(*) FROM accounts)::int AS a, (SELECT count(*) FROM contacts)::int AS c,
             (SELECT count(*) FROM stream_entries WHERE entity_type IN ('account', 'contact'))::int AS s`.execute(db);
    return row.rows[0];
  };
  let before: Awaited<ReturnType<typeof counts>>;
  beforeAll(async () => {
    before = await counts();
  });

  describe.each([
    ['missing name', {}, 'name'],
    ['blank name', { name: '   ' }, 'name'],
    ['name of the wrong type', { name: 123 }, 'name'],
    ['IČO with a wrong check digit', { name: 'Firma s.r.o.', registrationNumber: '27082441' }, 'registrationNumber'],
    ['bad email', { name: 'Firma s.r.o.', email: 'not-an-email' }, 'email'],
    ['bad phone', { name: 'Firma s.r.o.', phone: '12' }, 'phone'],
    ['bad VAT id', { name: 'Firma s.r.o.', vatNumber: 'CZ123' }, 'vatNumber'],
    ['bad website', { name: 'Firma s.r.o.', website: 'not a site' }, 'website'],
    ['unknown type', { name: 'Firma s.r.o.', type: 'friend' }, 'type'],
    ['size of the wrong type', { name: 'Firma s.r.o.', size: 'big' }, 'size'],
    ['negative size', { name: 'Firma s.r.o.', size: -1 }, 'size'],
    ['ownerId not a uuid', { name: 'Firma s.r.o.', ownerId: 'barbora' }, 'ownerId'],
    ['unknown ownerId', { name: 'Firma s.r.o.', ownerId: '0190a0a0-0000-7000-8000-000000000001' }, 'ownerId'],
    ['unknown parentId', { name: 'Firma s.r.o.', parentId: '0190a0a0-0000-7000-8000-000000000002' }, 'parentId'],
    ['bad country', { name: 'Firma s.r.o.', billingAddress: { country: 'Czechia' } }, 'billingAddress.country'],
  ])('POST /accounts with %s', (_label, body, field) => {
    it(`answers 400 naming ${field}`, async () => {
      const res = await client.post('/api/v1/accounts', body);
      expect(res.status).toBe(400);
      const err = errorOf(res);
      expect(err.code).toBe('validation_failed');
      expect(fieldsOf(res)).toContain(field);
      expect(err.message).toContain(field);
    });
  });

  describe.each([
    ['missing lastName', { firstName: 'Jana' }, 'lastName'],
    ['bad email in the list', { lastName: 'Nováková', emails: ['jana@example.cz', 'nope'] }, 'emails.1'],
    ['emails not a list', { lastName: 'Nováková', emails: 'jana@example.cz' }, 'emails'],
    ['bad phone in the list', { lastName: 'Nováková', phones: ['603 123 456', '12345'] }, 'phones.1'],
    ['accountId not a uuid', { lastName: 'Nováková', accountId: 'x' }, 'accountId'],
    ['unknown accountId', { lastName: 'Nováková', accountId: '0190a0a0-0000-7000-8000-000000000003' }, 'accountId'],
    ['unknown ownerId', { lastName: 'Nováková', ownerId: '0190a0a0-0000-7000-8000-000000000004' }, 'ownerId'],
  ])('POST /contacts with %s', (_label, body, field) => {
    it(`answers 400 naming ${field}`, async () => {
      const res = await client.post('/api/v1/contacts', body);
      expect(res.status).toBe(400);
      expect(errorOf(res).code).toBe('validation_failed');
      expect(fieldsOf(res)).toContain(field);
    });
  });

  it('wrote nothing for any of the failed creates', async () => {
    expect(await counts()).toEqual(before);
  });

  it('accepts a valid IČO and normalises short ones, VAT ids and phones', async () => {
    const valid = await client.post('/api/v1/accounts', {
      name: 'Valid IČO a.s.',
      registrationNumber: '27082440',
      vatNumber: 'cz 27082440',
      phone: '00420 603 123 456',
    });
    expect(valid.status).toBe(201);
    expect(valid.body.registrationNumber).toBe('27082440');
    expect(valid.body.vatNumber).toBe('CZ27082440');
    expect(valid.body.phone).toBe('+420603123456');
    const short = await client.post('/api/v1/accounts', { name: 'Short IČO s.r.o.', registrationNumber: '6947' });
    expect(short.status).toBe(201);
    expect(short.body.registrationNumber).toBe('00006947');
    const foreign = await client.post('/api/v1/accounts', {
      name: 'Nord Handel GmbH',
      registrationNumber: 'HRB 12345',
      vatNumber: 'DE123456789',
      phone: '+49 30 1234567',
    });
    expect(foreign.status).toBe(201);
    expect(foreign.body.registrationNumber).toBe('HRB 12345');
    expect(foreign.body.phone).toBe('+49301234567');
    const contact = await client.post('/api/v1/contacts', {
      lastName: 'Nováková',
      emails: ['Jana.Novakova@Example.CZ'],
      phones: ['603 123 456'],
    });
    expect(contact.status).toBe(201);
    expect(contact.body.emails).toEqual(['jana.novakova@example.cz']);
    expect(contact.body.phones).toEqual(['+420603123456']);
  });

  it('PATCH validates the same fields and leaves the record unchanged', async () => {
    const created = await client.post('/api/v1/accounts', { name: 'Patch Target s.r.o.' });
    const id = created.body.id;
    for (const [body, field] of [
      [{ registrationNumber: '27082441' }, 'registrationNumber'],
      [{ vatNumber: 'CZ123' }, 'vatNumber'],
      [{ email: 'x@' }, 'email'],
      [{ name: '' }, 'name'],
      [{ parentId: id }, 'parentId'],
    ] as const) {
      const res = await client.patch(`/api/v1/accounts/${id}`, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(fieldsOf(res)).toContain(field);
    }
    const after = await client.get(`/api/v1/accounts/${id}`);
    expect(after.body.version).toBe(created.body.version);
    expect(after.body.name).toBe('Patch Target s.r.o.');
  });

  it('a malformed id in the path is a 400 naming the id, not a 500 or 404', async () => {
    for (const url of ['/api/v1/accounts/not-a-uuid', '/api/v1/contacts/123', '/api/v1/accounts/not-a-uuid/stream']) {
      const res = await client.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(fieldsOf(res).join(' ')).toMatch(/id/);
    }
    const patch = await client.patch('/api/v1/accounts/nope', { name: 'x' });
    expect(patch.status).toBe(400);
    const del = await client.delete('/api/v1/contacts/nope');
    expect(del.status).toBe(400);
  });

  it('malformed JSON is a 400', async () => {
    const res = await client.request('POST', '/api/v1/accounts', undefined, {
      payload: '{"name": "Broken',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toMatch(/bad_request|validation_failed/);
  });

  it('a non-JSON body is refused with a 4xx', async () => {
    const res = await client.request('POST', '/api/v1/accounts', undefined, {
      payload: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(errorOf(res).code).toBe('unsupported_media_type');
  });

  it('bad query parameters are a 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['/api/v1/accounts?limit=0', 'limit'],
      ['/api/v1/accounts?limit=abc', 'limit'],
      ['/api/v1/accounts?sort=colour', 'sort'],
      ['/api/v1/accounts?type=friend', 'type'],
      ['/api/v1/accounts?ownerId=me', 'ownerId'],
      ['/api/v1/contacts?accountId=x', 'accountId'],
      ['/api/v1/accounts?cursor=garbage', 'cursor'],
      ['/api/v1/contacts?cursor=eyJ4IjoxfQ', 'cursor'],
    ];
    for (const [url, field] of cases) {
      const res = await client.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(fieldsOf(res).join(' ')).toContain(field);
    }
  });

  it('a malformed If-Match header is a 400, not a silent overwrite', async () => {
    const created = await client.post('/api/v1/accounts', { name: 'If-Match Target' });
    const res = await client.patch(
      `/api/v1/accounts/${created.body.id}`,
      { name: 'Changed' },
      { headers: { 'if-match': 'yesterday' } },
    );
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['If-Match']);
    expect((await client.get(`/api/v1/accounts/${created.body.id}`)).body.name).toBe('If-Match Target');
  });

  it('an empty note is a 400 naming body', async () => {
    const created = await client.post('/api/v1/accounts', { name: 'Note Target' });
    const res = await client.post(`/api/v1/accounts/${created.body.id}/stream`, { type: 'note', body: '  ' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['body']);
  });

  it('an unknown route under /api is a JSON 404', async () => {
    const res = await client.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('not_found');
  });
});
