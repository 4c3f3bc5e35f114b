import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBenchUsers, generateData } from '../../bench/generate.js';
import { accountListQuery } from '../../src/domain/accounts/account.schema.js';
import type { Actor } from '../../src/server/access/actor.js';
import { readScope } from '../../src/server/access/policy.js';
import { listAccountRows } from '../../src/server/modules/accounts/accounts.repo.js';
import { type Database, openDatabase } from '../../src/server/platform/db.js';
import { migrate } from '../../src/server/platform/migrate.js';
import { likePattern } from '../../src/server/platform/search.js';
import { SEARCH_WINDOW } from '../../src/server/platform/search-page.js';

// A searched list picks its page by one of two plans (searchPageIds): both must give exactly the rows, in
// exactly the order, that the plain "filter, sort, limit" query gives — on more rows than the first plan's
// window, for frequent, rare, bunched-up and absent terms, every sort, both directions, across pages.
describe('searched lists page exactly like the plain query', () => {
  let database: Database;
  let actors: Actor[];

  beforeAll(async () => {
    database = await openDatabase({ kind: 'memory' });
    await migrate(database.db);
    const users = await createBenchUsers(database);
    await generateData(database, users, { accounts: SEARCH_WINDOW * 2 + 500, contacts: 1 });
    actors = [users.admin, users.accountManager];
  }, 120_000);
  afterAll(() => database?.close());

  const SORTS = {
    name: sql`lower(a.name) ASC, a.id ASC`,
    '-name': sql`lower(a.name) DESC, a.id DESC`,
    createdAt: sql`a.created_at ASC, a.id ASC`,
    '-updatedAt': sql`a.updated_at DESC, a.id DESC`,
  } as const;

  it('for every kind of term, sort and reader', async () => {
    const terms = ['dvorak', 'Zeman', 'plzen', 's.r.o.', 'kolar sklarny', 'a', 'no such company', '9'];
    let compared = 0;
    for (const actor of actors) {
      for (const [sort, order] of Object.entries(SORTS)) {
        for (const q of terms) {
          const expected = (
            await sql<{ id: string }>`SELECT a.id FROM accounts a
              WHERE ${readScope(actor, 'account', 'a.ownerId')} AND a.deleted_at IS NULL AND a.search_text LIKE ${likePattern(q)}
              ORDER BY ${order} LIMIT 150`.execute(database.db)
          ).rows.map((r) => r.id);
          const got: string[] = [];
          let cursor: string | undefined;
          for (let page = 0; page < 3; page++) {
            const result = await listAccountRows(database.db, actor, accountListQuery.parse({ q, sort, limit: 50, cursor }));
            got.push(...result.rows.map((r) => r.id));
            if (!result.nextCursor) break;
            cursor = result.nextCursor;
          }
          expect(got, `${actor.role} q=${q} sort=${sort}`).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  }, 120_000);
});
