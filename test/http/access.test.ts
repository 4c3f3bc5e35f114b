import { beforeAll, describe, expect, it } from 'vitest';
import { accountCreateInput } from '../../src/domain/accounts/account.schema.js';
import { contactCreateInput } from '../../src/domain/contacts/contact.schema.js';
import { accountInput, contactInput, rng } from '../../src/server/demo/factories.js';
import { createAccount } from '../../src/server/modules/accounts/accounts.service.js';
import { createContact } from '../../src/server/modules/contacts/contacts.service.js';
import { errorOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

/**
 * DESIGN §6: permission checks in one place, tested per role on every path that returns data.
 * Records: A (owned by amA), A2 (owned by amA2, amA's teammate), B (owned by amB, the other team).
 */
type Who = keyof World['users'];
type Owner = 'A' | 'A2' | 'B';
const ROLES: Who[] = ['admin', 'director', 'marketing', 'leadA', 'amA', 'sdrA', 'leadB', 'amB'];
const SEES: Record<string, Owner[]> = {
  admin: ['A', 'A2', 'B'],
  director: ['A', 'A2', 'B'],
  marketing: ['A', 'A2', 'B'],
  leadA: ['A', 'A2'],
  amA: ['A', 'A2'],
  sdrA: ['A', 'A2'],
  leadB: ['B'],
  amB: ['B'],
};
const WRITES: Record<string, Owner[]> = {
  admin: ['A', 'A2', 'B'],
  director: ['A', 'A2', 'B'],
  marketing: [],
  leadA: ['A', 'A2'],
  amA: ['A'],
  sdrA: [],
  leadB: ['B'],
  amB: ['B'],
};
const OWNERS: Owner[] = ['A', 'A2', 'B'];

describe('access rules per role (accounts and contacts)', () => {
  let w: World;
  const account = {} as Record<Owner, string>;
  const contact = {} as Record<Owner, string>;
  /** A sub-account of each owner's account, owned by the same user. */
  const child = {} as Record<Owner, string>;
  /** A contact owned by amB but linked to A's account: visible through no side path to team A. */
  let foreignContactOnA: string;
  useTestApp(async (app) => {
    w = await buildWorld(app);
    const r = rng(7);
    const ownerUser = { A: w.users.amA, A2: w.users.amA2, B: w.users.amB };
    for (const o of OWNERS) {
      const owner = ownerUser[o];
      const acc = await createAccount(
        app.db,
        owner.actor,
        accountCreateInput.parse(
          accountInput(r, { name: `Quokka ${o} Strojírny s.r.o.`, registrationNumber: null, vatNumber: null }),
        ),
      );
      account[o] = acc.id;
      const sub = await createAccount(
        app.db,
        owner.actor,
        accountCreateInput.parse(accountInput(r, { name: `Quokka ${o} pobočka`, parentId: acc.id })),
      );
      child[o] = sub.id;
      const c = await createContact(
        app.db,
        owner.actor,
        contactCreateInput.parse(contactInput(r, { lastName: `Wombatová${o}`, accountId: acc.id })),
      );
      contact[o] = c.id;
    }
    const foreign = await createContact(
      app.db,
      w.users.admin.actor,
      contactCreateInput.parse(contactInput(r, { lastName: 'Wombatová-cizí', accountId: account.A, ownerId: w.users.amB.id })),
    );
    foreignContactOnA = foreign.id;
  });

  const idsOf = (rows: Array<{ id: string }>) => new Set(rows.map((x) => x.id));

  describe.each(ROLES)('%s', (who) => {
    let visible: Owner[];
    let hidden: Owner[];
    beforeAll(() => {
      visible = SEES[who] as Owner[];
      hidden = OWNERS.filter((o) => !visible.includes(o));
    });

    it('account list and search show exactly the visible records', async () => {
      const client = await w.as(who);
      const listed = idsOf(await client.all('/api/v1/accounts?limit=7'));
      const searched = idsOf(await client.all('/api/v1/accounts?q=quokka'));
      for (const o of visible) {
        expect(listed.has(account[o])).toBe(true);
        expect(searched.has(account[o])).toBe(true);
        expect(searched.has(child[o])).toBe(true);
      }
      for (const o of hidden) {
        expect(listed.has(account[o])).toBe(false);
        expect(searched.has(account[o])).toBe(false);
        expect(searched.has(child[o])).toBe(false);
      }
      expect(searched.size).toBe(visible.length * 2);
    });

    it('contact list and search show exactly the visible records', async () => {
      const client = await w.as(who);
      const listed = idsOf(await client.all('/api/v1/contacts?limit=5'));
      const searched = idsOf(await client.all('/api/v1/contacts?q=wombatova'));
      for (const o of visible) {
        expect(listed.has(contact[o])).toBe(true);
        expect(searched.has(contact[o])).toBe(true);
      }
      for (const o of hidden) {
        expect(listed.has(contact[o])).toBe(false);
        expect(searched.has(contact[o])).toBe(false);
      }
      const seesForeign = visible.includes('B');
      expect(searched.has(foreignContactOnA)).toBe(seesForeign);
      expect(searched.size).toBe(visible.length + (seesForeign ? 1 : 0));
    });

    it('count and CSV export cover exactly the visible records', async () => {
      const client = await w.as(who);
      const accCount = await client.get('/api/v1/accounts/count?q=quokka');
      expect(accCount.status).toBe(200);
      expect(accCount.body).toEqual({ count: visible.length * 2 });
      const conCount = await client.get('/api/v1/contacts/count?q=wombatova');
      expect(conCount.body).toEqual({ count: visible.length + (visible.includes('B') ? 1 : 0) });
      const csv = await client.get('/api/v1/accounts/export?q=quokka');
      expect(csv.status).toBe(200);
      expect(String(csv.headers['content-type'])).toMatch(/^text\/csv/);
      const text = String(csv.body);
      for (const o of OWNERS) {
        expect({ o, exported: text.includes(account[o]) }).toEqual({ o, exported: visible.includes(o) });
        expect({ o, exported: text.includes(`Quokka ${o} pobočka`) }).toEqual({ o, exported: visible.includes(o) });
      }
      const contactsCsv = String((await client.get('/api/v1/contacts/export?q=wombatova')).body);
      for (const o of OWNERS)
        expect({ o, exported: contactsCsv.includes(contact[o]) }).toEqual({ o, exported: visible.includes(o) });
    });

    it('detail and Stream answer 200 for visible records and 404 for the others', async () => {
      const client = await w.as(who);
      for (const o of OWNERS) {
        const expected = visible.includes(o) ? 200 : 404;
        for (const url of [
          `/api/v1/accounts/${account[o]}`,
          `/api/v1/accounts/${account[o]}/stream`,
          `/api/v1/contacts/${contact[o]}`,
          `/api/v1/contacts/${contact[o]}/stream`,
        ]) {
          const res = await client.get(url);
          expect({ url, status: res.status }).toEqual({ url, status: expected });
          if (expected === 404) {
            expect(errorOf(res).code).toBe('not_found');
            // nothing about the record leaks in the error
            expect(JSON.stringify(res.body)).not.toMatch(/Quokka|Wombat/);
          } else if (url.endsWith('/stream')) {
            expect(res.body.data.map((e: { type: string }) => e.type)).toContain('create');
          } else {
            expect(res.body.id).toBe(url.includes('/accounts/') ? account[o] : contact[o]);
          }
        }
      }
    });

    it('related lists (contacts of an account, sub-accounts) go through the same scope', async () => {
      const client = await w.as(who);
      for (const o of OWNERS) {
        const contacts = idsOf(await client.all(`/api/v1/contacts?accountId=${account[o]}`));
        const subs = idsOf(await client.all(`/api/v1/accounts?parentId=${account[o]}`));
        if (visible.includes(o)) {
          expect(contacts.has(contact[o])).toBe(true);
          expect([...subs]).toEqual([child[o]]);
        } else {
          // Only a contact the user owns (here: team B's contact on A's account) can show up.
          const own = o === 'A' && visible.includes('B') ? [foreignContactOnA] : [];
          expect([...contacts]).toEqual(own);
          expect(subs.size).toBe(0);
        }
      }
      // A's account carries a contact owned by team B: only those who see B's records get it.
      const onA = idsOf(await client.all(`/api/v1/contacts?accountId=${account.A}`));
      expect(onA.has(foreignContactOnA)).toBe(visible.includes('B'));
    });

    it('PATCH answers 200 where the role may write, 403 where it may only read, 404 where it sees nothing', async () => {
      const client = await w.as(who);
      for (const o of OWNERS) {
        const expected = WRITES[who]?.includes(o) ? 200 : visible.includes(o) ? 403 : 404;
        const acc = await client.patch(`/api/v1/accounts/${account[o]}`, { description: `edited by ${who}` });
        const con = await client.patch(`/api/v1/contacts/${contact[o]}`, { title: `edited by ${who}` });
        expect({ o, account: acc.status, contact: con.status }).toEqual({ o, account: expected, contact: expected });
        if (expected === 200) {
          expect(acc.body.description).toBe(`edited by ${who}`);
          expect(con.body.title).toBe(`edited by ${who}`);
        } else {
          expect(errorOf(acc).code).toBe(expected === 403 ? 'forbidden' : 'not_found');
        }
      }
    });

    it('DELETE and notes follow the same rules', async () => {
      const client = await w.as(who);
      for (const o of OWNERS) {
        const canWrite = WRITES[who]?.includes(o);
        const del = await client.delete(`/api/v1/contacts/${contact[o]}`);
        expect({ o, status: del.status }).toEqual({ o, status: canWrite ? 204 : visible.includes(o) ? 403 : 404 });
        if (canWrite) {
          const restored = await client.post(`/api/v1/contacts/${contact[o]}/restore`);
          expect(restored.status).toBe(200);
          expect(restored.body.deletedAt).toBeNull();
        }
        const note = await client.post(`/api/v1/accounts/${account[o]}/stream`, { type: 'note', body: `note by ${who}` });
        if (!visible.includes(o)) expect(note.status).toBe(404);
      }
    });

    it('creating records: marketing may not, every other role may', async () => {
      const client = await w.as(who);
      const acc = await client.post('/api/v1/accounts', { name: `Created by ${who}` });
      const con = await client.post('/api/v1/contacts', { lastName: `Created by ${who}` });
      if (who === 'marketing') {
        expect([acc.status, con.status]).toEqual([403, 403]);
        expect(errorOf(acc).code).toBe('forbidden');
        const all = await client.all<{ name: string }>('/api/v1/accounts?q=created%20by%20marketing');
        expect(all).toEqual([]);
      } else {
        expect([acc.status, con.status]).toEqual([201, 201]);
        expect(acc.body.ownerId).toBe(w.users[who].id);
        expect(con.body.ownerId).toBe(w.users[who].id);
      }
    });
  });

  it("an account manager may see a teammate's record but not change it", async () => {
    const amA = await w.as('amA');
    const seen = await amA.get(`/api/v1/accounts/${account.A2}`);
    expect(seen.status).toBe(200);
    const before = seen.body;
    const res = await amA.patch(`/api/v1/accounts/${account.A2}`, { name: 'Hijacked' });
    expect(res.status).toBe(403);
    const after = await amA.get(`/api/v1/accounts/${account.A2}`);
    expect(after.body.name).toBe(before.name);
    expect(after.body.version).toBe(before.version);
  });

  it("a team lead may edit and reassign a team member's record within the team", async () => {
    const leadA = await w.as('leadA');
    const res = await leadA.patch(`/api/v1/accounts/${account.A2}`, { industry: 'Energy', ownerId: w.users.amA.id });
    expect(res.status).toBe(200);
    expect(res.body.industry).toBe('Energy');
    expect(res.body.ownerId).toBe(w.users.amA.id);
    const back = await leadA.patch(`/api/v1/accounts/${account.A2}`, { ownerId: w.users.amA2.id });
    expect(back.status).toBe(200);
    const outside = await leadA.patch(`/api/v1/accounts/${account.A2}`, { ownerId: w.users.amB.id });
    expect(outside.status).toBe(403);
    expect(errorOf(outside).details[0]?.field).toBe('ownerId');
  });

  it('an account manager may hand a record to a teammate but not to another team', async () => {
    const amA = await w.as('amA');
    const created = await amA.post('/api/v1/accounts', { name: 'Handover test', ownerId: w.users.amB.id });
    expect(created.status).toBe(403);
    expect(errorOf(created).details.map((d) => d.field)).toEqual(['ownerId']);
    const ok = await amA.post('/api/v1/accounts', { name: 'Handover test', ownerId: w.users.amA2.id });
    expect(ok.status).toBe(201);
    expect(ok.body.ownerId).toBe(w.users.amA2.id);
  });

  it('a contact cannot be linked to an account the user cannot see', async () => {
    const amB = await w.as('amB');
    const res = await amB.post('/api/v1/contacts', { lastName: 'Sneaky', accountId: account.A });
    expect(res.status).toBe(400);
    expect(errorOf(res).details.map((d) => d.field)).toEqual(['accountId']);
  });
});
