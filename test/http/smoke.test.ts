import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';

describe('test infrastructure', () => {
  const t = useTestApp();

  it('serves health from a migrated database', async () => {
    const res = await t.current.api.get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
  });
});
