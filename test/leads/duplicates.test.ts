import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

let world: World;
useTestApp(async (app) => {
  world = await buildWorld(app);
});

describe('duplicate detection', () => {
  it('finds the same person and company across leads, contacts and accounts, saying why', async () => {
    const am = await world.as('amA');
    const account = (await am.post('/api/v1/accounts', { name: 'Dřevostavby Morava s.r.o.', registrationNumber: '27082440' }))
      .body;
    const contact = (
      await am.post('/api/v1/contacts', {
        firstName: 'Jana',
        lastName: 'Dvořáková',
        emails: ['jana@drevostavby.cz'],
        phones: ['603 123 456'],
        accountId: account.id,
      })
    ).body;
    const earlier = (
      await am.post('/api/v1/leads', {
        firstName: 'Jana',
        lastName: 'Dvorakova',
        company: 'DREVOSTAVBY MORAVA sro',
        source: 'email',
      })
    ).body;
    const lead = (
      await am.post('/api/v1/leads', {
        firstName: 'Jana',
        lastName: 'Dvořáková',
        company: 'Dřevostavby Morava, spol. s r.o.',
        email: 'JANA@drevostavby.cz',
        phone: '+420603123456',
        registrationNumber: '27082440',
        source: 'web_form',
      })
    ).body;

    const res = await am.get(`/api/v1/leads/${lead.id}/duplicates`);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.data.map((c: { id: string }) => [c.id, c]));
    const reasonsOf = (id: string) =>
      (byId.get(id) as { reasons: Array<{ reason: string }> }).reasons.map((r) => r.reason).sort();
    expect(reasonsOf(contact.id)).toEqual(['email', 'name', 'phone']);
    expect(reasonsOf(account.id)).toEqual(['company', 'registrationNumber']);
    expect(reasonsOf(earlier.id)).toEqual(['company', 'name']);
    expect(byId.has(lead.id)).toBe(false);
    // exact identifiers outrank a similar name
    const order = res.body.data.map((c: { id: string }) => c.id);
    expect(order.indexOf(contact.id)).toBeLessThan(order.indexOf(earlier.id));
  });

  it('checks while typing, and never shows records the user may not see', async () => {
    const amB = await world.as('amB');
    await amB.post('/api/v1/contacts', { firstName: 'Klaus', lastName: 'Schäfer', emails: ['klaus@vertrieb.de'] });
    const own = await amB.get('/api/v1/duplicates?email=klaus@vertrieb.de&lastName=Schafer&firstName=Klaus');
    expect(own.body.data).toHaveLength(1);
    expect(own.body.data[0].reasons.map((r: { reason: string }) => r.reason).sort()).toEqual(['email', 'name']);
    const other = await (await world.as('amA')).get('/api/v1/duplicates?email=klaus@vertrieb.de');
    expect(other.body.data).toEqual([]);
    const bad = await amB.get('/api/v1/duplicates?registrationNumber=27082441');
    expect(bad.status).toBe(400);
  });
});

describe('merging leads', () => {
  it('keeps the chosen values, moves the Stream to the survivor and keeps the other as deleted', async () => {
    const api = await world.as('sdrA');
    const target = (
      await api.post('/api/v1/leads', {
        lastName: 'Říha',
        email: 'riha@firma.cz',
        source: 'web_form',
        ownerId: world.users.sdrA.id,
      })
    ).body;
    const source = (
      await api.post('/api/v1/leads', {
        lastName: 'Riha',
        company: 'Říha Stroje a.s.',
        phone: '777 111 222',
        source: 'email',
        ownerId: world.users.sdrA.id,
      })
    ).body;
    await api.post(`/api/v1/leads/${source.id}/stream`, { type: 'note', body: 'Called from the trade show list' });

    const res = await api.post(
      `/api/v1/leads/${target.id}/merge`,
      { sourceId: source.id, fields: { lastName: 'source' } },
      { headers: { 'if-match': `"${target.version}"` } },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      lastName: 'Riha',
      email: 'riha@firma.cz',
      company: 'Říha Stroje a.s.',
      phone: '+420777111222',
    });

    const stream = (await api.get(`/api/v1/leads/${target.id}/stream`)).body.data;
    expect(stream[0].type).toBe('merge');
    expect(stream[0].data.source).toEqual({ id: source.id, name: source.name });
    expect(
      stream.some(
        (e: { type: string; data: { body?: string } }) => e.type === 'note' && e.data.body === 'Called from the trade show list',
      ),
    ).toBe(true);
    expect((await api.get(`/api/v1/leads/${source.id}`)).status).toBe(404);
    const deleted = await (await world.as('admin')).get('/api/v1/leads?deleted=true&q=riha');
    expect(deleted.body.data.map((l: { id: string }) => l.id)).toContain(source.id);
  });

  it('refuses to merge a lead into itself or with a stale version', async () => {
    const api = await world.as('admin');
    const a = (await api.post('/api/v1/leads', { lastName: 'Self', source: 'other' })).body;
    const b = (await api.post('/api/v1/leads', { lastName: 'Other', source: 'other' })).body;
    expect((await api.post(`/api/v1/leads/${a.id}/merge`, { sourceId: a.id })).status).toBe(400);
    expect((await api.post(`/api/v1/leads/${a.id}/merge`, { sourceId: b.id }, { headers: { 'if-match': '"99"' } })).status).toBe(
      412,
    );
  });
});

describe('converting a lead', () => {
  it('creates account and contact, links them, makes the lead read-only and shows its history on the contact', async () => {
    const api = await world.as('sdrA');
    const lead = (
      await api.post('/api/v1/leads', {
        firstName: 'Barbora',
        lastName: 'Čermáková',
        company: 'AutoERP Zlín s.r.o.',
        email: 'cermakova@autoerp.cz',
        registrationNumber: '45274649',
        city: 'Zlín',
        source: 'web_form',
        ownerId: world.users.sdrA.id,
      })
    ).body;
    await api.post(`/api/v1/leads/${lead.id}/stream`, { type: 'note', body: 'Meeting Friday at 11' });
    expect((await api.post(`/api/v1/leads/${lead.id}/convert`, {})).status).toBe(422); // still `assigned`
    await api.post(`/api/v1/leads/${lead.id}/status`, { status: 'in_process' });

    const res = await api.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lead).toMatchObject({
      status: 'converted',
      convertedAccountId: res.body.accountId,
      convertedContactId: res.body.contactId,
    });

    const account = (await api.get(`/api/v1/accounts/${res.body.accountId}`)).body;
    expect(account).toMatchObject({ name: 'AutoERP Zlín s.r.o.', registrationNumber: '45274649', ownerId: world.users.sdrA.id });
    const contact = (await api.get(`/api/v1/contacts/${res.body.contactId}`)).body;
    expect(contact).toMatchObject({
      firstName: 'Barbora',
      lastName: 'Čermáková',
      emails: ['cermakova@autoerp.cz'],
      accountId: account.id,
    });

    const contactStream = (await api.get(`/api/v1/contacts/${contact.id}/stream`)).body.data;
    expect(contactStream.find((e: { type: string }) => e.type === 'convert').data.lead).toEqual({
      type: 'lead',
      id: lead.id,
      name: 'Barbora Čermáková',
    });
    const fromLead = contactStream.find((e: { type: string; data: { body?: string } }) => e.data.body === 'Meeting Friday at 11');
    expect(fromLead.record).toEqual({ type: 'lead', id: lead.id });
    const accountStream = (await api.get(`/api/v1/accounts/${account.id}/stream`)).body.data.map((e: { type: string }) => e.type);
    expect(accountStream).toEqual(expect.arrayContaining(['convert', 'create', 'create_related']));

    expect((await api.patch(`/api/v1/leads/${lead.id}`, { title: 'CEO' })).status).toBe(422);
    expect((await api.post(`/api/v1/leads/${lead.id}/convert`, {})).status).toBe(422);
  });

  it('can convert into an existing account the duplicate check suggests, and creates nothing on a bad request', async () => {
    const api = await world.as('amA');
    const account = (await api.post('/api/v1/accounts', { name: 'Pekárny Haná a.s.' })).body;
    const lead = (
      await api.post('/api/v1/leads', {
        firstName: 'Eva',
        lastName: 'Horáková',
        company: 'Pekarny Hana',
        source: 'referral',
        ownerId: world.users.amA.id,
      })
    ).body;
    await api.post(`/api/v1/leads/${lead.id}/status`, { status: 'in_process' });
    const contactsBefore = (await api.get('/api/v1/contacts/count')).body.count;

    const bad = await api.post(`/api/v1/leads/${lead.id}/convert`, { account: { id: '00000000-0000-7000-8000-000000000000' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('account.id');
    expect((await api.get('/api/v1/contacts/count')).body.count).toBe(contactsBefore);
    expect((await api.get(`/api/v1/leads/${lead.id}`)).body.status).toBe('in_process');

    const ok = await api.post(`/api/v1/leads/${lead.id}/convert`, { account: { id: account.id } });
    expect(ok.status).toBe(200);
    expect(ok.body.accountId).toBe(account.id);
    const contacts = (await api.get(`/api/v1/contacts?accountId=${account.id}`)).body.data;
    expect(contacts.map((c: { name: string }) => c.name)).toEqual(['Eva Horáková']);
  });
});
