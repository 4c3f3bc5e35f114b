import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountCreateInput } from '../../src/domain/accounts/account.schema.js';
import { contactCreateInput } from '../../src/domain/contacts/contact.schema.js';
import { createAccount, getVisibleAccount, updateAccount } from '../../src/server/modules/accounts/accounts.service.js';
import { createContact } from '../../src/server/modules/contacts/contacts.service.js';
import { TestApp, type TestUser } from '../helpers/app.js';

/**
 * DESIGN §6: every mutation writes its Stream entry in the same transaction as the change. A trigger makes the
 * Stream insert fail; the change itself must then not be there either.
 */
describe('Stream entries are written in the same transaction as the change', () => {
  let t: TestApp;
  let am: TestUser;
  beforeAll(async () => {
    t = await TestApp.start();
    am = await t.createUserWithRole('account_manager');
    await sql
      .raw(`
        CREATE FUNCTION test_refuse_stream() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.data::text LIKE '%REFUSE-STREAM%' THEN RAISE EXCEPTION 'stream write refused by test'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER test_refuse_stream BEFORE INSERT ON stream_entries FOR EACH ROW EXECUTE FUNCTION test_refuse_stream();`)
      .execute(t.db);
  });
  afterAll(() => t.close());

  const count = async (table: string, where: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.raw(where)}`.execute(t.db)).rows[0]
      ?.n;

  it('a create whose Stream entry fails leaves no record behind', async () => {
    await expect(createAccount(t.db, am.actor, accountCreateInput.parse({ name: 'REFUSE-STREAM s.r.o.' }))).rejects.toThrow(
      /refused by test/,
    );
    expect(await count('accounts', `name = 'REFUSE-STREAM s.r.o.'`)).toBe(0);
  });

  it('an update whose Stream entry fails leaves the record and its version unchanged', async () => {
    const acc = await createAccount(t.db, am.actor, accountCreateInput.parse({ name: 'Atomic s.r.o.' }));
    await expect(updateAccount(t.db, am.actor, acc.id, { description: 'REFUSE-STREAM' }, acc.version)).rejects.toThrow(
      /refused by test/,
    );
    const after = await getVisibleAccount(t.db, am.actor, acc.id);
    expect(after.description).toBeNull();
    expect(after.version).toBe(acc.version);
    expect(await count('stream_entries', `entity_id = '${acc.id}'`)).toBe(1);
  });

  it('a contact whose related-record entry fails is not created', async () => {
    const acc = await createAccount(t.db, am.actor, accountCreateInput.parse({ name: 'Host s.r.o.' }));
    await expect(
      createContact(t.db, am.actor, contactCreateInput.parse({ lastName: 'REFUSE-STREAM', accountId: acc.id })),
    ).rejects.toThrow(/refused by test/);
    expect(await count('contacts', `last_name = 'REFUSE-STREAM'`)).toBe(0);
    expect(await count('stream_entries', `entity_id = '${acc.id}' AND type = 'create_related'`)).toBe(0);
  });

  it('over HTTP the failure is a 500 with a generic message and nothing is half-written', async () => {
    const client = await t.loginAs(am.email);
    const res = await client.post('/api/v1/accounts', { name: 'Via HTTP', description: 'x' });
    expect(res.status).toBe(201);
    const refused = await client.patch(`/api/v1/accounts/${res.body.id}`, { description: 'REFUSE-STREAM' });
    expect(refused.status).toBe(500);
    expect(refused.body.error.message).toBe('Internal error');
    expect(JSON.stringify(refused.body)).not.toContain('refused by test');
    expect((await client.get(`/api/v1/accounts/${res.body.id}`)).body.description).toBe('x');
  });
});
