import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/users/user.schema.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../src/server/demo/seed.js';
import { useTestApp } from '../helpers/app.js';

describe('demo seed', () => {
  const t = useTestApp();

  it('loads users in every role, ~50 accounts and ~150 contacts, each with Stream history', { timeout: 120_000 }, async () => {
    const db = t.current.db;
    const result = await seedDemo(db);
    expect(result).toEqual({ accounts: 50, contacts: 150, adminEmail: 'admin@demo.stride.local' });

    const roles = await sql<{ role: string }>`SELECT DISTINCT role FROM users`.execute(db);
    expect(roles.rows.map((r) => r.role).sort()).toEqual([...ROLES].sort());
    const counts = await sql<{ accounts: number; contacts: number; linked: number; teams: number }>`
      SELECT (SELECT count(*) FROM accounts WHERE deleted_at IS NULL)::int AS accounts,
             (SELECT count(*) FROM contacts WHERE deleted_at IS NULL)::int AS contacts,
             (SELECT count(*) FROM contacts WHERE account_id IS NOT NULL)::int AS linked,
             (SELECT count(*) FROM teams)::int AS teams`.execute(db);
    expect(counts.rows[0]).toEqual({ accounts: 50, contacts: 150, linked: 150, teams: 2 });

    const withoutCreate = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT id FROM accounts UNION ALL SELECT id FROM contacts
      ) r WHERE NOT EXISTS (SELECT 1 FROM stream_entries s WHERE s.entity_id = r.id AND s.type = 'create')`.execute(db);
    expect(withoutCreate.rows[0]?.n).toBe(0);
    const types = await sql<{ type: string }>`SELECT DISTINCT type FROM stream_entries WHERE entity_type = 'account'`.execute(db);
    expect(types.rows.map((r) => r.type).sort()).toEqual(expect.arrayContaining(['create', 'create_related', 'note', 'update']));
    const subAccounts = await sql<{ n: number }>`SELECT count(*)::int AS n FROM accounts WHERE parent_id IS NOT NULL`.execute(db);
    expect(subAccounts.rows[0]?.n).toBeGreaterThan(0);

    // every demo user can sign in; the access rules hold on the seeded data
    const seen: Record<string, number> = {};
    for (const u of DEMO_USERS) {
      const client = await t.current.loginAs(u.email, DEMO_PASSWORD);
      seen[u.role + (u.team ? `:${u.team}` : '')] = (await client.all('/api/v1/accounts?limit=200')).length;
    }
    expect(seen.admin).toBe(50);
    expect(seen.sales_director).toBe(50);
    expect(seen.marketing).toBe(50);
    // owners rotate over barbora, petr, mark, lead.cz, lead.de: team CZ owns 3/5, team DE 2/5
    expect(seen['team_lead:cz']).toBe(30);
    expect(seen['account_manager:cz']).toBe(30);
    expect(seen['sdr:cz']).toBe(30);
    expect(seen['team_lead:de']).toBe(20);
    expect(seen['account_manager:de']).toBe(20);

    // a seeded account's Stream reads back through the API, newest first
    const barbora = await t.current.loginAs('barbora@demo.stride.local', DEMO_PASSWORD);
    const [first] = await barbora.all<{ id: string; name: string }>('/api/v1/accounts?sort=createdAt&limit=1');
    const stream = await barbora.all<{ type: string }>(`/api/v1/accounts/${first?.id}/stream`);
    expect(stream.at(-1)?.type).toBe('create');
    expect(stream.map((e) => e.type)).toEqual(expect.arrayContaining(['create', 'update', 'note', 'create_related']));
  });
});
