import { afterEach, describe, expect, it } from 'vitest';
import { advanceClockForTests, resetClockForTests } from '../../src/server/platform/clock.js';
import { fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { DEFAULT_PIPELINE, newOpportunity, STAGES } from './helpers.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});

describe('win/loss analysis', () => {
  it('counts, base-currency amounts, win rate and cycle by reason/stage/owner — within the read scope', async () => {
    const admin = await world.as('admin');
    await admin.post('/api/v1/exchange-rates', { currency: 'EUR', date: '2020-01-01', rate: '25.00' });
    const am = await world.as('amA');
    const amB = await world.as('amB');
    const w1 = await newOpportunity(am, { amount: '1000.00', currency: 'CZK', source: 'referral' });
    const w2 = await newOpportunity(am, { amount: '100.10', currency: 'EUR', source: 'web_form' });
    const l1 = await newOpportunity(am, { amount: '500.00', currency: 'CZK' });
    const l2 = await newOpportunity(amB, { amount: '700.00', currency: 'CZK' });
    await am.patch(`/api/v1/opportunities/${l1.id}`, { stageId: STAGES.quote });
    await am.post(`/api/v1/opportunities/${w1.id}/close`, { outcome: 'won' });
    await am.post(`/api/v1/opportunities/${w2.id}/close`, { outcome: 'won' });
    await am.post(`/api/v1/opportunities/${l1.id}/close`, { outcome: 'lost', reason: 'price' });
    await amB.post(`/api/v1/opportunities/${l2.id}/close`, { outcome: 'lost', reason: 'competition' });

    const all = await admin.get('/api/v1/analytics/win-loss?groupBy=reason');
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.totals).toMatchObject({ won: 2, lost: 2, wonAmount: '3502.50', lostAmount: '1200.00', winRate: 0.5 });
    expect(all.body.totals.avgCycleDays).toBe(0);
    const byKey = Object.fromEntries(all.body.groups.map((g: any) => [g.key, g]));
    expect(byKey.won).toMatchObject({ won: 2, lost: 0, wonAmount: '3502.50', winRate: 1 });
    expect(byKey.price).toMatchObject({ won: 0, lost: 1, lostAmount: '500.00', winRate: 0 });
    expect(byKey.competition).toMatchObject({ lost: 1, lostAmount: '700.00' });

    // amA's team scope: amB's lost deal is not counted
    const scoped = await am.get('/api/v1/analytics/win-loss?groupBy=owner');
    expect(scoped.body.totals).toMatchObject({ won: 2, lost: 1, lostAmount: '500.00' });
    expect(scoped.body.groups).toHaveLength(1);
    expect(scoped.body.groups[0]).toMatchObject({ key: world.users.amA.id, label: world.users.amA.name });

    const stage = await admin.get('/api/v1/analytics/win-loss?groupBy=stage');
    const quote = stage.body.groups.find((g: any) => g.key === STAGES.quote);
    expect(quote).toMatchObject({ label: 'Quote', lost: 1, won: 0 });
    const month = await admin.get('/api/v1/analytics/win-loss?groupBy=month');
    expect(month.body.groups).toHaveLength(1);
    expect(month.body.groups[0].key).toMatch(/^\d{4}-\d{2}$/);
    const source = await admin.get('/api/v1/analytics/win-loss?groupBy=source');
    expect(source.body.groups.find((g: any) => g.key === 'web_form')).toMatchObject({ won: 1, wonAmount: '2502.50' });

    const none = await admin.get('/api/v1/analytics/win-loss?from=2001-01-01&to=2001-12-31');
    expect(none.body.totals).toMatchObject({ won: 0, lost: 0, wonAmount: '0.00', winRate: null });
    const bad = await admin.get('/api/v1/analytics/win-loss?from=2026-02-01&to=2026-01-01');
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toContain('querystring.to');
  });
});

describe('board: won/lost columns show recent closes', () => {
  afterEach(() => resetClockForTests());

  it('defaults to deals closed in the last 90 days; closedSince reaches further; open stages are unaffected', async () => {
    const am = await t.current.bearerClient(world.users.amA);
    const won = await newOpportunity(am, { name: 'Old win', amount: '10.00' });
    const open = await newOpportunity(am, { name: 'Still open', amount: '5.00' });
    expect((await am.post(`/api/v1/opportunities/${won.id}/close`, { outcome: 'won' })).status).toBe(200);
    const column = (b: any, stage: string) => b.columns.find((c: any) => c.stage.id === stage);
    const before = (await am.get(`/api/v1/pipelines/${DEFAULT_PIPELINE}/board`)).body;
    expect(column(before, STAGES.closure).cards.map((c: any) => c.id)).toContain(won.id);

    advanceClockForTests(91 * 86_400_000);
    const later = (await am.get(`/api/v1/pipelines/${DEFAULT_PIPELINE}/board`)).body;
    expect(column(later, STAGES.closure).cards.map((c: any) => c.id)).not.toContain(won.id);
    expect(column(later, STAGES.identification).cards.map((c: any) => c.id)).toContain(open.id);
    const since = (await am.get(`/api/v1/pipelines/${DEFAULT_PIPELINE}/board?closedSince=2000-01-01`)).body;
    expect(column(since, STAGES.closure).cards.map((c: any) => c.id)).toContain(won.id);
    expect(Number(column(since, STAGES.closure).sum)).toBeGreaterThanOrEqual(Number(column(later, STAGES.closure).sum) + 10);
  });
});
