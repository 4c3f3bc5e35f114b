import { describe, expect, it } from 'vitest';
import { errorOf, fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { newOpportunity, streamOf } from './helpers.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});

const assessment = {
  strategicFit: 4,
  strategicFitNote: 'Automotive supplier, our core segment',
  expectedValue: '1250000.5',
  currency: 'CZK',
  risks: [
    { description: 'Customer IT capacity', likelihood: 3, impact: 4 },
    { description: 'Competitor incumbent', likelihood: 2, impact: 3 },
  ],
  recommendation: 'pursue',
  recommendationNote: 'Go with a pilot',
};

async function gatedPipeline() {
  const admin = await world.as('admin');
  const res = await admin.post('/api/v1/pipelines', {
    name: `Gated ${Math.random()}`,
    stages: [
      { name: 'Assessment', probability: 10 },
      { name: 'Management decision', probability: 40, requiresApproval: true },
      { name: 'Won', probability: 100, kind: 'won' },
      { name: 'Lost', probability: 0, kind: 'lost' },
    ],
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function notificationsOf(who: keyof World['users']) {
  return (await (await world.as(who)).get('/api/v1/notifications?limit=50')).body.data as Array<Record<string, any>>;
}

describe('management approval (seed 004)', () => {
  it('assessment → request → director approves → the gated stage opens; all in the Stream, owner notified', async () => {
    await t.current.db.updateTable('users').set({ locale: 'de' }).where('id', '=', world.users.director.id).execute();
    const am = await world.as('amA');
    const director = await world.as('director');
    const p = await gatedPipeline();
    const deal = await newOpportunity(am, { pipelineId: p.id });

    const refused = await am.patch(`/api/v1/opportunities/${deal.id}`, { stageId: p.stages[1].id });
    expect(refused.status).toBe(422);
    expect(errorOf(refused).message).toContain('requires management approval');
    expect(errorOf(refused).message).toContain('request approval first');

    const early = await am.post(`/api/v1/opportunities/${deal.id}/approval-request`, {});
    expect(early.status).toBe(422);
    expect(errorOf(early).message).toContain('assessment');

    const bad = await am.request('PUT', `/api/v1/opportunities/${deal.id}/assessment`, {
      ...assessment,
      risks: [{ description: 'x', likelihood: 9, impact: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toContain('risks.0.likelihood');

    const put = await am.request('PUT', `/api/v1/opportunities/${deal.id}/assessment`, assessment);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.assessment).toMatchObject({
      strategicFit: 4,
      expectedValue: '1250000.50',
      highestRisk: 12,
      recommendation: 'pursue',
    });
    expect(put.body).toMatchObject({
      status: 'none',
      canDecide: false,
      gatedStages: [{ id: p.stages[1].id, name: 'Management decision' }],
    });

    const req = await am.post(`/api/v1/opportunities/${deal.id}/approval-request`, { note: 'Please decide by Friday' });
    expect(req.status).toBe(200);
    expect(req.body).toMatchObject({ status: 'requested', requestedBy: { id: world.users.amA.id } });
    expect((await am.post(`/api/v1/opportunities/${deal.id}/approval-request`, {})).status).toBe(409);
    // still waiting: the gate says so
    const waiting = await am.patch(`/api/v1/opportunities/${deal.id}`, { stageId: p.stages[1].id });
    expect(errorOf(waiting).message).toContain('waiting for a decision');

    for (const who of ['director', 'admin'] as const) {
      const n = (await notificationsOf(who)).find((x) => x.type === 'approval_request');
      expect(n).toMatchObject({ link: `/opportunities/${deal.id}`, body: 'Please decide by Friday' });
    }
    // each approver reads the request in their own language
    expect((await notificationsOf('admin')).find((x) => x.type === 'approval_request')?.title).toContain('asks for approval');
    expect((await notificationsOf('director')).find((x) => x.type === 'approval_request')?.title).toContain('bittet um Freigabe');
    expect((await notificationsOf('leadA')).some((x) => x.type === 'approval_request')).toBe(false);

    // only management decides
    const lead = await world.as('leadA');
    const byLead = await lead.post(`/api/v1/opportunities/${deal.id}/approval`, { decision: 'approved' });
    expect(byLead.status).toBe(403);
    const byOwner = await am.post(`/api/v1/opportunities/${deal.id}/approval`, { decision: 'approved' });
    expect(byOwner.status).toBe(403);

    const ok = await director.post(`/api/v1/opportunities/${deal.id}/approval`, { decision: 'approved', comment: 'Go' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'approved',
      decidedBy: { id: world.users.director.id },
      comment: 'Go',
      canDecide: true,
    });
    const decided = (await notificationsOf('amA')).find((x) => x.type === 'approval_decision');
    expect(decided?.title).toContain('approved');

    const moved = await am.patch(`/api/v1/opportunities/${deal.id}`, { stageId: p.stages[1].id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stage: { name: 'Management decision' }, approvalStatus: 'approved' });

    const stream = await streamOf(am, 'opportunities', deal.id);
    const approvals = stream.filter((e) => e.type === 'approval').map((e) => e.data.action);
    expect(approvals).toEqual(['approved', 'requested', 'assessment']);
    expect(stream.find((e) => e.data.action === 'approved')).toMatchObject({
      actor: { id: world.users.director.id },
      data: { comment: 'Go' },
    });
  });

  it('a rejection needs a comment, keeps the gate shut, and the rejected deal can still be closed as lost', async () => {
    const am = await world.as('amA');
    const admin = await world.as('admin');
    const p = await gatedPipeline();
    const deal = await newOpportunity(am, { pipelineId: p.id });
    await am.request('PUT', `/api/v1/opportunities/${deal.id}/assessment`, { ...assessment, recommendation: 'hand_over' });
    await am.post(`/api/v1/opportunities/${deal.id}/approval-request`, {});
    const noComment = await admin.post(`/api/v1/opportunities/${deal.id}/approval`, { decision: 'rejected' });
    expect(noComment.status).toBe(400);
    expect(fieldsOf(noComment)).toContain('comment');
    const rejected = await admin.post(`/api/v1/opportunities/${deal.id}/approval`, {
      decision: 'rejected',
      comment: 'Not our customer: hand over to the group',
    });
    expect(rejected.body.status).toBe('rejected');
    const refused = await am.patch(`/api/v1/opportunities/${deal.id}`, { stageId: p.stages[1].id });
    expect(refused.status).toBe(422);
    expect(errorOf(refused).message).toContain('rejected');
    // no pending request: nothing to decide
    expect((await admin.post(`/api/v1/opportunities/${deal.id}/approval`, { decision: 'approved' })).status).toBe(422);
    const closed = await am.post(`/api/v1/opportunities/${deal.id}/close`, {
      outcome: 'lost',
      reason: 'fit',
      note: 'handed over',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('lost');
  });

  it('someone who cannot see the deal gets 404, and a stale If-Match 412', async () => {
    const am = await world.as('amA');
    const amB = await world.as('amB');
    const deal = await newOpportunity(am);
    expect((await amB.get(`/api/v1/opportunities/${deal.id}/approval`)).status).toBe(404);
    expect((await amB.request('PUT', `/api/v1/opportunities/${deal.id}/assessment`, assessment)).status).toBe(404);
    const stale = await am.request('PUT', `/api/v1/opportunities/${deal.id}/assessment`, assessment, {
      headers: { 'if-match': '"99"' },
    });
    expect(stale.status).toBe(412);
  });
});
