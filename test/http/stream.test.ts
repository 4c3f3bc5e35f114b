import { describe, expect, it } from 'vitest';
import { type Client, errorOf, type Json, type TestUser, useTestApp } from '../helpers/app.js';

type Entry = {
  id: string;
  type: string;
  createdAt: string;
  actor: { id: string; name: string } | null;
  data: Record<string, Json>;
};

describe('Stream', () => {
  let am: TestUser;
  let mate: TestUser;
  let client: Client;
  useTestApp(async (app) => {
    const team = await app.createTeam();
    am = await app.createUserWithRole('account_manager', { name: 'Barbora Dvořáková', teamIds: [team.id] });
    mate = await app.createUserWithRole('account_manager', { name: 'Jana Nováková', teamIds: [team.id] });
    client = await app.loginAs(am.email);
  });
  const streamOf = async (resource: string, id: string): Promise<Entry[]> =>
    client.all<Entry>(`/api/v1/${resource}/${id}/stream`);

  it('a create writes one `create` entry with the actor', async () => {
    const acc = await client.post('/api/v1/accounts', { name: 'Elektro Morava s.r.o.' });
    const entries = await streamOf('accounts', acc.body.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      type: 'create',
      actor: { id: am.id, name: 'Barbora Dvořáková' },
      data: { name: 'Elektro Morava s.r.o.' },
    });
    expect(Date.parse(entries[0]?.createdAt ?? '')).not.toBeNaN();
  });

  it('an update lists exactly the changed fields, old → new', async () => {
    const acc = await client.post('/api/v1/accounts', {
      name: 'Textil Haná a.s.',
      industry: 'Retail',
      billingAddress: { city: 'Olomouc', country: 'CZ' },
    });
    const res = await client.patch(`/api/v1/accounts/${acc.body.id}`, {
      name: 'Textil Haná a.s.', // unchanged
      industry: 'Manufacturing',
      description: 'Visited in May',
      billingAddress: { city: 'Brno' },
    });
    expect(res.status).toBe(200);
    expect(res.body.billingAddress).toEqual({ street: null, city: 'Brno', postalCode: null, country: 'CZ' });
    const entries = await streamOf('accounts', acc.body.id);
    expect(entries.map((e) => e.type)).toEqual(['update', 'create']);
    const changes = entries[0]?.data.changes as Array<{ field: string; old: unknown; new: unknown }>;
    expect([...changes].sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'billingCity', old: 'Olomouc', new: 'Brno' },
      { field: 'description', old: null, new: 'Visited in May' },
      { field: 'industry', old: 'Retail', new: 'Manufacturing' },
    ]);
  });

  it('a PATCH that changes nothing writes no entry and keeps the version', async () => {
    const acc = await client.post('/api/v1/accounts', { name: 'No Change s.r.o.', industry: 'Food' });
    const res = await client.patch(`/api/v1/accounts/${acc.body.id}`, { name: 'No Change s.r.o.', industry: 'Food' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(acc.body.version);
    expect((await streamOf('accounts', acc.body.id)).map((e) => e.type)).toEqual(['create']);
  });

  it('contact updates diff lists (emails, phones) as values', async () => {
    const c = await client.post('/api/v1/contacts', {
      firstName: 'Jan',
      lastName: 'Novák',
      emails: ['jan@example.cz'],
      phones: ['603 123 456'],
    });
    await client.patch(`/api/v1/contacts/${c.body.id}`, {
      emails: ['jan@example.cz'],
      phones: ['+420 777 123 456'],
      title: 'CFO',
    });
    const [update] = await streamOf('contacts', c.body.id);
    expect(update?.type).toBe('update');
    expect(update?.data.changes).toEqual([
      { field: 'title', old: null, new: 'CFO' },
      { field: 'phones', old: ['+420603123456'], new: ['+420777123456'] },
    ]);
  });

  it('an owner change writes `update` and `assign`', async () => {
    const acc = await client.post('/api/v1/accounts', { name: 'Assign Me s.r.o.' });
    const res = await client.patch(`/api/v1/accounts/${acc.body.id}`, { ownerId: mate.id });
    expect(res.status).toBe(200);
    expect(res.body.owner).toEqual({ id: mate.id, name: 'Jana Nováková' });
    const entries = await streamOf('accounts', acc.body.id);
    const assign = entries.find((e) => e.type === 'assign');
    expect(assign?.data).toEqual({ from: am.id, to: mate.id });
    expect(assign?.actor?.id).toBe(am.id);
    const update = entries.find((e) => e.type === 'update');
    expect(update?.data.changes).toEqual([{ field: 'ownerId', old: am.id, new: mate.id }]);
  });

  it("linking contacts writes create_related / relate / unrelate on the account's Stream", async () => {
    const first = await client.post('/api/v1/accounts', { name: 'Stavby Šumava s.r.o.' });
    const second = await client.post('/api/v1/accounts', { name: 'Dřevostavby Polabí a.s.' });
    const contact = await client.post('/api/v1/contacts', {
      firstName: 'Kateřina',
      lastName: 'Říhová',
      accountId: first.body.id,
    });
    expect(contact.body.account).toEqual({ id: first.body.id, name: 'Stavby Šumava s.r.o.' });
    const record = { type: 'contact', id: contact.body.id, name: 'Kateřina Říhová' };

    let firstStream = await streamOf('accounts', first.body.id);
    expect(firstStream[0]).toMatchObject({ type: 'create_related', data: { relation: 'contacts', record } });

    const moved = await client.patch(`/api/v1/contacts/${contact.body.id}`, { accountId: second.body.id });
    expect(moved.status).toBe(200);
    firstStream = await streamOf('accounts', first.body.id);
    expect(firstStream.map((e) => e.type)).toEqual(['unrelate', 'create_related', 'create']);
    expect(firstStream[0]?.data).toEqual({ relation: 'contacts', record });
    let secondStream = await streamOf('accounts', second.body.id);
    expect(secondStream.map((e) => e.type)).toEqual(['relate', 'create']);
    expect(secondStream[0]?.data).toEqual({ relation: 'contacts', record });

    await client.patch(`/api/v1/contacts/${contact.body.id}`, { accountId: null });
    secondStream = await streamOf('accounts', second.body.id);
    expect(secondStream.map((e) => e.type)).toEqual(['unrelate', 'relate', 'create']);
    const contactStream = await streamOf('contacts', contact.body.id);
    expect(contactStream.map((e) => e.type)).toEqual(['update', 'update', 'create']);
    expect(contactStream[0]?.data.changes).toEqual([{ field: 'accountId', old: second.body.id, new: null }]);
  });

  it("sub-accounts write create_related / relate / unrelate on the parent's Stream", async () => {
    const parent = await client.post('/api/v1/accounts', { name: 'Holding a.s.' });
    const other = await client.post('/api/v1/accounts', { name: 'Other Holding a.s.' });
    const sub = await client.post('/api/v1/accounts', { name: 'Holding Brno s.r.o.', parentId: parent.body.id });
    expect(sub.body.parent).toEqual({ id: parent.body.id, name: 'Holding a.s.' });
    const record = { type: 'account', id: sub.body.id, name: 'Holding Brno s.r.o.' };
    expect((await streamOf('accounts', parent.body.id))[0]).toMatchObject({
      type: 'create_related',
      data: { relation: 'subAccounts', record },
    });
    await client.patch(`/api/v1/accounts/${sub.body.id}`, { parentId: other.body.id });
    expect((await streamOf('accounts', parent.body.id))[0]).toMatchObject({
      type: 'unrelate',
      data: { relation: 'subAccounts', record },
    });
    expect((await streamOf('accounts', other.body.id))[0]).toMatchObject({
      type: 'relate',
      data: { relation: 'subAccounts', record },
    });
  });

  it('a note answers 201 and comes first in the Stream', async () => {
    const acc = await client.post('/api/v1/accounts', { name: 'Noted s.r.o.' });
    await client.patch(`/api/v1/accounts/${acc.body.id}`, { industry: 'Energy' });
    const note = await client.post(`/api/v1/accounts/${acc.body.id}/stream`, {
      type: 'note',
      body: 'Zákazník požaduje nabídku do konce měsíce.',
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      type: 'note',
      actor: { id: am.id, name: 'Barbora Dvořáková' },
      data: { body: 'Zákazník požaduje nabídku do konce měsíce.' },
    });
    const entries = await streamOf('accounts', acc.body.id);
    expect(entries.map((e) => e.type)).toEqual(['note', 'update', 'create']);
    expect(entries[0]).toEqual(note.body);
  });

  it('a note on a contact works the same way; the type defaults to note', async () => {
    const c = await client.post('/api/v1/contacts', { lastName: 'Horák' });
    const note = await client.post(`/api/v1/contacts/${c.body.id}/stream`, { body: 'Called, no answer.' });
    expect(note.status).toBe(201);
    expect((await streamOf('contacts', c.body.id))[0]?.data).toEqual({ body: 'Called, no answer.' });
    const wrongType = await client.post(`/api/v1/contacts/${c.body.id}/stream`, { type: 'update', body: 'forged' });
    expect(wrongType.status).toBe(400);
    expect(errorOf(wrongType).details.map((d) => d.field)).toEqual(['type']);
  });

  it('delete and restore write entries', async () => {
    const acc = await client.post('/api/v1/accounts', { name: 'Phoenix s.r.o.' });
    expect((await client.delete(`/api/v1/accounts/${acc.body.id}`)).status).toBe(204);
    // the Stream of a deleted record is not readable through the normal path
    expect((await client.get(`/api/v1/accounts/${acc.body.id}/stream`)).status).toBe(404);
    const restored = await client.post(`/api/v1/accounts/${acc.body.id}/restore`);
    expect(restored.status).toBe(200);
    const entries = await streamOf('accounts', acc.body.id);
    expect(entries.map((e) => e.type)).toEqual(['restore', 'delete', 'create']);
    expect(entries[1]?.actor?.id).toBe(am.id);
  });

  it('paging with the cursor returns every entry exactly once, newest first', async () => {
    const acc = await client.post('/api/v1/accounts', { name: 'Chatty s.r.o.' });
    for (let i = 0; i < 23; i++) {
      expect((await client.post(`/api/v1/accounts/${acc.body.id}/stream`, { body: `note ${i}` })).status).toBe(201);
    }
    const pages: Entry[][] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/accounts/${acc.body.id}/stream?limit=5${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await client.get(url);
      expect(res.status).toBe(200);
      pages.push(res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 4]);
    const all = pages.flat();
    expect(new Set(all.map((e) => e.id)).size).toBe(24);
    expect(all.map((e) => e.data.body ?? e.type)).toEqual([...Array.from({ length: 23 }, (_, i) => `note ${22 - i}`), 'create']);
  });
});
