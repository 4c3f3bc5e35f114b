import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

let world: World;
useTestApp(async (app) => {
  world = await buildWorld(app);
});

const ifMatch = (record: { version: number }) => ({ headers: { 'if-match': `"${record.version}"` } });

describe('merging contacts', () => {
  it('keeps both email lists, takes picked fields, moves the Stream and keeps the duplicate as deleted', async () => {
    const api = await world.as('amA');
    const account = (await api.post('/api/v1/accounts', { name: 'Kovovýroba Haná s.r.o.' })).body;
    const target = (
      await api.post('/api/v1/contacts', { firstName: 'Jan', lastName: 'Novák', emails: ['jan@kovo.cz'], accountId: account.id })
    ).body;
    const source = (
      await api.post('/api/v1/contacts', {
        firstName: 'Jan',
        lastName: 'Novak',
        title: 'Jednatel',
        emails: ['novak@gmail.com'],
        phones: ['603 111 222'],
      })
    ).body;
    await api.post(`/api/v1/contacts/${source.id}/stream`, { type: 'note', body: 'Met at the trade show' });
    const call = (
      await api.post('/api/v1/activities', {
        type: 'call',
        subject: 'Follow-up call',
        status: 'held',
        relatedTo: { type: 'contact', id: source.id },
      })
    ).body;

    const res = await api.post(`/api/v1/contacts/${target.id}/merge`, { sourceId: source.id }, ifMatch(target));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      lastName: 'Novák',
      title: 'Jednatel',
      emails: ['jan@kovo.cz', 'novak@gmail.com'],
      phones: ['+420603111222'],
      accountId: account.id,
    });
    const stream = (await api.get(`/api/v1/contacts/${target.id}/stream`)).body.data;
    expect(stream[0]).toMatchObject({ type: 'merge', data: { source: { id: source.id, name: 'Jan Novak' } } });
    expect(stream.some((e: { data: { body?: string } }) => e.data.body === 'Met at the trade show')).toBe(true);
    expect((await api.get(`/api/v1/contacts/${source.id}`)).status).toBe(404);
    // activities (and attachments, emails, applied plans) move with the history
    expect((await api.get(`/api/v1/activities/${call.id}`)).body.relatedTo).toMatchObject({ type: 'contact', id: target.id });
    expect(stream[0].data.movedLinks.activities).toBe(1);
    expect((await api.get('/api/v1/contacts?deleted=true&q=novak')).body.data.map((c: { id: string }) => c.id)).toContain(
      source.id,
    );
  });

  it('needs write access to both records and names a bad field', async () => {
    const mine = (await (await world.as('amA')).post('/api/v1/contacts', { lastName: 'Mine' })).body;
    const teammates = (await (await world.as('amA2')).post('/api/v1/contacts', { lastName: 'Teammate' })).body;
    const api = await world.as('amA');
    expect((await api.post(`/api/v1/contacts/${mine.id}/merge`, { sourceId: teammates.id })).status).toBe(403);
    const bad = await api.post(`/api/v1/contacts/${mine.id}/merge`, { sourceId: teammates.id, fields: { password: 'source' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('fields.password');
  });
});

describe('merging accounts', () => {
  it('moves contacts, sub-accounts and history to the survivor, each move in the Stream', async () => {
    const api = await world.as('leadA');
    const target = (await api.post('/api/v1/accounts', { name: 'Strojírny Brno a.s.', registrationNumber: '27082440' })).body;
    const source = (
      await api.post('/api/v1/accounts', { name: 'STROJIRNY BRNO', website: 'strojirny-brno.cz', type: 'customer' })
    ).body;
    const contact = (await api.post('/api/v1/contacts', { lastName: 'Černý', accountId: source.id })).body;
    const child = (await api.post('/api/v1/accounts', { name: 'Strojírny Brno – servis', parentId: source.id })).body;

    const res = await api.post(
      `/api/v1/accounts/${target.id}/merge`,
      { sourceId: source.id, fields: { type: 'source' } },
      ifMatch(target),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Strojírny Brno a.s.',
      type: 'customer',
      website: 'https://strojirny-brno.cz',
      registrationNumber: '27082440',
    });

    expect((await api.get(`/api/v1/contacts/${contact.id}`)).body.accountId).toBe(target.id);
    expect((await api.get(`/api/v1/accounts/${child.id}`)).body.parentId).toBe(target.id);
    const contactStream = (await api.get(`/api/v1/contacts/${contact.id}/stream`)).body.data;
    expect(contactStream[0]).toMatchObject({
      type: 'update',
      data: { changes: [{ field: 'accountId', old: source.id, new: target.id }] },
    });
    const stream = (await api.get(`/api/v1/accounts/${target.id}/stream`)).body.data;
    expect(stream[0]).toMatchObject({ type: 'merge', data: { moved: { contacts: 1, subAccounts: 1 } } });
    expect((await api.get(`/api/v1/accounts/${source.id}`)).status).toBe(404);
  });

  it('does not make the survivor its own parent when it was a sub-account of the duplicate', async () => {
    const api = await world.as('admin');
    const parent = (await api.post('/api/v1/accounts', { name: 'Holding a.s.' })).body;
    const child = (await api.post('/api/v1/accounts', { name: 'Holding Services', parentId: parent.id })).body;
    const res = await api.post(`/api/v1/accounts/${child.id}/merge`, { sourceId: parent.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.parentId).toBeNull();
  });
});
