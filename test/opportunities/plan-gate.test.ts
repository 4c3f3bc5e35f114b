import { describe, expect, it } from 'vitest';
import { errorOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

let world: World;
useTestApp(async (app) => {
  world = await buildWorld(app);
});

describe('stage gate: activity plan done before a deal leaves the stage (issue 5)', () => {
  it('refuses to move or win the deal while plan items are open, and lets it go once they are done', async () => {
    const admin = await world.as('admin');
    const pipeline = (await admin.get('/api/v1/pipelines')).body.data.find(
      (p: { isDefault?: boolean; name: string }) => p.isDefault ?? true,
    );
    const stages = pipeline.stages.map((s: Record<string, unknown>) => ({
      id: s.id,
      name: s.name,
      probability: s.probability,
      kind: s.kind,
      requiresApproval: s.requiresApproval,
      checklist: s.checklist,
      requiresPlanDone: s.name === 'Qualification',
    }));
    const patched = await admin.patch(
      `/api/v1/pipelines/${pipeline.id}`,
      { stages },
      { headers: { 'if-match': `"${pipeline.version}"` } },
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const qualification = patched.body.stages.find((s: { name: string }) => s.name === 'Qualification');
    const needsAnalysis = patched.body.stages.find((s: { name: string }) => s.name === 'Needs Analysis');
    expect(qualification.requiresPlanDone).toBe(true);

    const plan = (
      await admin.post('/api/v1/activity-plans', {
        name: 'New enterprise deal',
        items: [{ type: 'call', subject: 'Discovery call', dueDayOffset: 0 }],
      })
    ).body;
    const am = await world.as('amA');
    const account = (await am.post('/api/v1/accounts', { name: 'AutoERP Zlín s.r.o.' })).body;
    const deal = (
      await am.post('/api/v1/opportunities', {
        name: 'CRM system',
        accountId: account.id,
        stageId: qualification.id,
        amount: '100000.00',
        currency: 'CZK',
      })
    ).body;
    const applied = await am.post(`/api/v1/activity-plans/${plan.id}/apply`, { relatedTo: { type: 'opportunity', id: deal.id } });
    expect(applied.status, JSON.stringify(applied.body)).toBeLessThan(300);

    const refused = await am.patch(`/api/v1/opportunities/${deal.id}`, { stageId: needsAnalysis.id });
    expect(refused.status).toBe(422);
    expect(errorOf(refused).details[0]).toMatchObject({ gate: 'plan', openItems: 1 });
    expect((await am.post(`/api/v1/opportunities/${deal.id}/close`, { outcome: 'won' })).status).toBe(422);

    const call = (await am.get(`/api/v1/activities?relatedType=opportunity&relatedId=${deal.id}`)).body.data[0];
    expect((await am.patch(`/api/v1/activities/${call.id}`, { status: 'held', outcome: 'Needs confirmed' })).status).toBe(200);
    const moved = await am.patch(`/api/v1/opportunities/${deal.id}`, { stageId: needsAnalysis.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.stageId).toBe(needsAnalysis.id);
  });
});
