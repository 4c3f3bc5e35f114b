import { describe, expect, it } from 'vitest';
import { accountCreateInput } from '../../src/domain/accounts/account.schema.js';
import { contactCreateInput } from '../../src/domain/contacts/contact.schema.js';
import { accountInput, contactInput, rng } from '../../src/server/demo/factories.js';
import { createAccount, updateAccount } from '../../src/server/modules/accounts/accounts.service.js';
import { createContact } from '../../src/server/modules/contacts/contacts.service.js';
import { advanceClockForTests, resetClockForTests } from '../../src/server/platform/clock.js';
import { type ApiResponse, type Client, errorOf, type TestUser, useTestApp } from '../helpers/app.js';

type Row = { id: string; name: string; createdAt: string; updatedAt: string };

describe('collections: paging, sorting, search, filters, soft delete', () => {
  let admin: TestUser;
  let am: TestUser;
  let client: Client;
  const ids: string[] = [];
  const t = useTestApp(async (app) => {
    admin = await app.createUserWithRole('admin');
    am = await app.createUserWithRole('account_manager');
    client = await app.loginAs(admin.email);
    const r = rng(42);
    try {
      for (let i = 0; i < 120; i++) {
        // several records per millisecond and repeated names exercise the id tie-break of the cursor
        if (i % 10 === 0) advanceClockForTests(1);
        const owner = i % 3 === 0 ? am : admin;
        const name = i % 7 === 0 ? 'Duplicitní Jméno s.r.o.' : i % 11 === 0 ? 'duplicitní jméno S.R.O.' : undefined;
        const acc = await createAccount(
          app.db,
          owner.actor,
          accountCreateInput.parse(
            accountInput(r, {
              ...(name ? { name } : {}),
              type: i % 4 === 0 ? 'partner' : 'customer',
              industry: i % 5 === 0 ? 'Energy' : 'Retail',
            }),
          ),
        );
        ids.push(acc.id);
      }
      // touch some so updatedAt differs from createdAt order
      for (const id of ids.slice(0, 30)) {
        advanceClockForTests(1);
        await updateAccount(app.db, admin.actor, id, { description: 'touched' }, undefined);
      }
    } finally {
      resetClockForTests();
    }
  });

  const pageThrough = async (sort: string, limit: number) => {
    const seen: Row[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: ApiResponse = await client.get(
        `/api/v1/accounts?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(limit);
      seen.push(...res.body.data);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return { seen, pages };
  };

  describe.each([
    [
      'name',
      (a: Row, b: Row) =>
        a.name.toLowerCase() < b.name.toLowerCase() || (a.name.toLowerCase() === b.name.toLowerCase() && a.id < b.id),
    ],
    [
      '-name',
      (a: Row, b: Row) =>
        a.name.toLowerCase() > b.name.toLowerCase() || (a.name.toLowerCase() === b.name.toLowerCase() && a.id > b.id),
    ],
    ['createdAt', (a: Row, b: Row) => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id)],
    ['-updatedAt', (a: Row, b: Row) => a.updatedAt > b.updatedAt || (a.updatedAt === b.updatedAt && a.id > b.id)],
  ] as const)('sort=%s', (sort, before) => {
    it.each([7, 50])('pages of %i return every account exactly once, in order', async (limit) => {
      const { seen, pages } = await pageThrough(sort, limit);
      expect(seen).toHaveLength(120);
      expect(new Set(seen.map((a) => a.id))).toEqual(new Set(ids));
      expect(pages).toBe(Math.ceil(120 / limit));
      if (!sort.includes('name')) {
        for (let i = 1; i < seen.length; i++) expect(before(seen[i - 1] as Row, seen[i] as Row)).toBe(true);
      }
    });
  });

  it('sort=name orders the way the database compares lower-cased names (ties by id)', async () => {
    const { seen } = await pageThrough('name', 13);
    const names = seen.map((a) => a.name.toLowerCase());
    const dupes = seen.filter((a) => a.name.toLowerCase() === 'duplicitní jméno s.r.o.');
    expect(dupes.length).toBeGreaterThanOrEqual(20);
    const dupeIds = dupes.map((a) => a.id);
    expect(dupeIds).toEqual([...dupeIds].sort());
    // contiguous block of equal keys
    const first = names.indexOf('duplicitní jméno s.r.o.');
    expect(names.slice(first, first + dupes.length).every((n) => n === 'duplicitní jméno s.r.o.')).toBe(true);
    const reversed = (await pageThrough('-name', 13)).seen.map((a) => a.id);
    expect(reversed).toEqual(seen.map((a) => a.id).reverse());
  });

  it('contacts page through every record once as well', async () => {
    const r = rng(5);
    const created = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const c = await createContact(
        t.current.db,
        admin.actor,
        contactCreateInput.parse(contactInput(r, i % 4 === 0 ? { lastName: 'Stejný' } : {})),
      );
      created.add(c.id);
    }
    for (const sort of ['lastName', '-lastName', 'createdAt', '-updatedAt']) {
      const all = await client.all<{ id: string }>(`/api/v1/contacts?sort=${sort}&limit=6`);
      expect(all).toHaveLength(40);
      expect(new Set(all.map((c) => c.id))).toEqual(created);
    }
  });

  describe('search is diacritics- and case-blind', () => {
    let dvorakova: string;
    let firma: { id: string };
    it('finds contacts typed without diacritics or in capitals', async () => {
      const c = await client.post('/api/v1/contacts', {
        firstName: 'Barbora',
        lastName: 'Dvořáková',
        emails: ['barbora@pekarny-brno.cz'],
      });
      dvorakova = c.body.id;
      const dvorak = (await client.post('/api/v1/contacts', { firstName: 'Jiří', lastName: 'Dvořák' })).body.id;
      // the factory contacts may carry the same surnames: look only at the two made here
      const mine = async (q: string) => {
        const found = await client.all<{ id: string; lastName: string }>(`/api/v1/contacts?q=${encodeURIComponent(q)}`);
        for (const f of found) expect(f.lastName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).toContain('dvorak');
        return found.map((x) => x.id).filter((id) => id === dvorakova || id === dvorak);
      };
      for (const q of ['dvorakova', 'DVOŘÁKOVÁ', 'Dvořákov', 'barbora dvorakova']) {
        expect({ q, ids: await mine(q) }).toEqual({ q, ids: [dvorakova] });
      }
      expect((await mine('DVOŘÁK')).sort()).toEqual([dvorakova, dvorak].sort());
      expect((await mine('dvorak')).sort()).toEqual([dvorakova, dvorak].sort());
      const byEmail = await client.all<{ id: string }>('/api/v1/contacts?q=pekarny-brno');
      expect(byEmail.map((x) => x.id)).toEqual([dvorakova]);
      // display keeps the original spelling
      expect((await client.get(`/api/v1/contacts/${dvorakova}`)).body.name).toBe('Barbora Dvořáková');
    });

    it('finds accounts by name, IČO, VAT id and city', async () => {
      const res = await client.post('/api/v1/accounts', {
        name: 'Šťastný Kovovýroba s.r.o.',
        registrationNumber: '45274649',
        vatNumber: 'CZ45274649',
        billingAddress: { city: 'Plzeň', country: 'CZ' },
      });
      firma = res.body;
      for (const q of ['stastny kovovyroba', 'ŠŤASTNÝ', '45274649', 'cz45274649', 'plzen', 'Plzeň']) {
        const found = await client.all<{ id: string }>(`/api/v1/accounts?q=${encodeURIComponent(q)}`);
        expect({ q, found: found.map((a) => a.id).includes(firma.id) }).toEqual({ q, found: true });
      }
      expect(await client.all(`/api/v1/accounts?q=${encodeURIComponent('45274649 nonsense')}`)).toEqual([]);
    });

    it('keeps the search text in step with edits', async () => {
      const acc = await client.post('/api/v1/accounts', { name: 'Pekárny Haná s.r.o.', billingAddress: { city: 'Olomouc' } });
      const c = await client.post('/api/v1/contacts', { firstName: 'Ondřej', lastName: 'Veselý' });
      await client.patch(`/api/v1/accounts/${acc.body.id}`, {
        name: 'Pekárny Vysočina s.r.o.',
        billingAddress: { city: 'Jihlava' },
        registrationNumber: '27082440',
      });
      await client.patch(`/api/v1/contacts/${c.body.id}`, { lastName: 'Smutný', emails: ['ondrej@smutny.cz'] });
      const ids = async (url: string) => (await client.all<{ id: string }>(url)).map((x) => x.id);
      expect(await ids('/api/v1/accounts?q=hana')).not.toContain(acc.body.id);
      expect(await ids('/api/v1/accounts?q=olomouc')).not.toContain(acc.body.id);
      for (const q of ['vysocina', 'jihlava', '27082440']) expect(await ids(`/api/v1/accounts?q=${q}`)).toContain(acc.body.id);
      expect(await ids('/api/v1/contacts?q=vesely')).not.toContain(c.body.id);
      expect(await ids('/api/v1/contacts?q=smutny')).toContain(c.body.id);
      expect(await ids('/api/v1/contacts?q=ondrej%40smutny')).toEqual([c.body.id]);
    });

    it('treats % and _ in the query as plain characters', async () => {
      await client.post('/api/v1/accounts', { name: '100% Bio s.r.o.' });
      const pct = await client.all<{ name: string }>(`/api/v1/accounts?q=${encodeURIComponent('100%')}`);
      expect(pct.map((a) => a.name)).toEqual(['100% Bio s.r.o.']);
      expect(await client.all(`/api/v1/accounts?q=${encodeURIComponent('%%%')}`)).toEqual([]);
      expect(await client.all(`/api/v1/accounts?q=${encodeURIComponent('_')}`)).toEqual([]);
    });

    it('a search result pages like any list', async () => {
      const hits = await client.all<{ id: string }>('/api/v1/accounts?q=duplicitni&limit=4');
      const single = await client.get('/api/v1/accounts?q=duplicitni&limit=200');
      expect(hits.map((h) => h.id)).toEqual(single.body.data.map((h: { id: string }) => h.id));
      expect(hits.length).toBeGreaterThanOrEqual(20);
    });
  });

  it('filters by type, ownerId and industry (case-blind), combined with paging', async () => {
    const partners = await client.all<{ type: string; id: string }>('/api/v1/accounts?type=partner&limit=9');
    expect(partners.length).toBe(30);
    expect(partners.every((a) => a.type === 'partner')).toBe(true);
    const amOwned = await client.all<{ ownerId: string }>(`/api/v1/accounts?ownerId=${am.id}&limit=9`);
    expect(amOwned.length).toBe(40);
    expect(amOwned.every((a) => a.ownerId === am.id)).toBe(true);
    const energy = await client.all<{ industry: string }>('/api/v1/accounts?industry=energy');
    expect(energy.length).toBe(24);
    expect(energy.every((a) => a.industry === 'Energy')).toBe(true);
    const combined = await client.all<{ type: string; industry: string; ownerId: string }>(
      `/api/v1/accounts?type=partner&industry=Energy&ownerId=${am.id}`,
    );
    // i % 4 === 0 && i % 5 === 0 && i % 3 === 0 → i % 60 === 0 → 0 and 60
    expect(combined).toHaveLength(2);
  });

  it('soft delete hides a record from lists and detail; deleted=true shows it; restore brings it back', async () => {
    const acc = await client.post('/api/v1/accounts', { name: 'Zmizelá Firma s.r.o.' });
    const contact = await client.post('/api/v1/contacts', { lastName: 'Zmizelý', accountId: acc.body.id });
    expect((await client.delete(`/api/v1/accounts/${acc.body.id}`)).status).toBe(204);
    expect(await client.all('/api/v1/accounts?q=zmizela')).toEqual([]);
    const detail = await client.get(`/api/v1/accounts/${acc.body.id}`);
    expect(detail.status).toBe(404);
    expect(errorOf(detail).code).toBe('not_found');
    const deleted = await client.all<{ id: string; deletedAt: string | null }>('/api/v1/accounts?deleted=true&q=zmizela');
    expect(deleted.map((a) => a.id)).toEqual([acc.body.id]);
    expect(deleted[0]?.deletedAt).toBeTruthy();
    // the normal list never includes deleted ones
    const all = await client.all<{ id: string }>('/api/v1/accounts?limit=200');
    expect(all.some((a) => a.id === acc.body.id)).toBe(false);
    // a deleted account can no longer take new contacts
    const link = await client.post('/api/v1/contacts', { lastName: 'Pozdě', accountId: acc.body.id });
    expect(link.status).toBe(400);
    expect(errorOf(link).details.map((d) => d.field)).toEqual(['accountId']);
    // deleting twice is a 404
    expect((await client.delete(`/api/v1/accounts/${acc.body.id}`)).status).toBe(404);

    const restored = await client.post(`/api/v1/accounts/${acc.body.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect((await client.all<{ id: string }>('/api/v1/accounts?q=zmizela')).map((a) => a.id)).toEqual([acc.body.id]);
    expect(await client.all('/api/v1/accounts?deleted=true&q=zmizela')).toEqual([]);
    expect((await client.get(`/api/v1/contacts/${contact.body.id}`)).body.account).toEqual({
      id: acc.body.id,
      name: 'Zmizelá Firma s.r.o.',
    });
    // restoring a live record is harmless
    const again = await client.post(`/api/v1/accounts/${acc.body.id}/restore`);
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(restored.body.version);
  });

  it('refuses a parent cycle with a 400 naming parentId', async () => {
    const a = await client.post('/api/v1/accounts', { name: 'Cycle A' });
    const b = await client.post('/api/v1/accounts', { name: 'Cycle B', parentId: a.body.id });
    const c = await client.post('/api/v1/accounts', { name: 'Cycle C', parentId: b.body.id });
    for (const [id, parentId] of [
      [a.body.id, c.body.id],
      [a.body.id, b.body.id],
      [a.body.id, a.body.id],
    ]) {
      const res = await client.patch(`/api/v1/accounts/${id}`, { parentId });
      expect(res.status).toBe(400);
      expect(errorOf(res).details.map((d) => d.field)).toEqual(['parentId']);
    }
    expect((await client.get(`/api/v1/accounts/${a.body.id}`)).body.parentId).toBeNull();
    // moving within the tree without a loop is fine
    const ok = await client.patch(`/api/v1/accounts/${c.body.id}`, { parentId: a.body.id });
    expect(ok.status).toBe(200);
    expect((await client.all<{ id: string }>(`/api/v1/accounts?parentId=${a.body.id}`)).map((x) => x.id).sort()).toEqual(
      [b.body.id, c.body.id].sort(),
    );
  });
});
