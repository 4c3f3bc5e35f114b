import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';

describe('test infrastructure', () => {
  const t = useTestApp();

  it('runs on the database the run asked for (PGlite, or PostgreSQL with TEST_DATABASE_URL)', async () => {
    const res = await t.current.api.get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, database: process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded' });
  });

  it('starts from the migrated template: every migration applied, no data', async () => {
    const applied = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(t.current.db);
    expect(applied.rows.map((r) => r.name)[0]).toBe('0001_foundation.sql');
    const counts = await sql<{ users: number; accounts: number }>`
      SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM accounts)::int AS accounts`.execute(t.current.db);
    expect(counts.rows[0]).toEqual({ users: 0, accounts: 0 });
  });
});
