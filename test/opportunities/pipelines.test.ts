import { describe, expect, it } from 'vitest';
import { errorOf, fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { DEFAULT_PIPELINE, newOpportunity, streamOf } from './helpers.js';

let world: World;
useTestApp(async (app) => {
  world = await buildWorld(app);
});

const threeStages = [
  { name: 'Talk', probability: 20 },
  { name: 'Signed', probability: 100, kind: 'won' },
  { name: 'Gone', probability: 0, kind: 'lost' },
];

describe('pipelines', () => {
  it('ships the default pipeline of seed 002, readable by every role', async () => {
    const api = await world.as('sdrA');
    const res = await api.get('/api/v1/pipelines');
    expect(res.status).toBe(200);
    const def = res.body.data.find((p: { isDefault: boolean }) => p.isDefault);
    expect(def.id).toBe(DEFAULT_PIPELINE);
    expect(def.stages.map((s: { name: string; probability: number; kind: string }) => [s.name, s.probability, s.kind])).toEqual([
      ['Identification', 10, 'open'],
      ['Qualification', 20, 'open'],
      ['Needs Analysis', 30, 'open'],
      ['Presentation', 50, 'open'],
      ['Quote', 60, 'open'],
      ['Negotiation', 80, 'open'],
      ['Closure', 100, 'won'],
      ['Lost', 0, 'lost'],
    ]);
    const one = await api.get(`/api/v1/pipelines/${DEFAULT_PIPELINE}`);
    expect(one.headers.etag).toBe(`"${one.body.version}"`);
  });

  it('lets only admins create and change pipelines; validates the stage list naming the field', async () => {
    const am = await world.as('amA');
    expect((await am.post('/api/v1/pipelines', { name: 'Renewals', stages: threeStages })).status).toBe(403);
    const admin = await world.as('admin');
    const noWon = await admin.post('/api/v1/pipelines', {
      name: 'Broken',
      stages: [
        { name: 'A', probability: 10 },
        { name: 'B', probability: 0, kind: 'lost' },
        { name: 'C', probability: 5 },
      ],
    });
    expect(noWon.status).toBe(400);
    expect(fieldsOf(noWon)).toContain('stages');
    const badProbability = await admin.post('/api/v1/pipelines', {
      name: 'Broken',
      stages: [{ ...threeStages[0], probability: 120 }, threeStages[1], threeStages[2]],
    });
    expect(badProbability.status).toBe(400);
    expect(fieldsOf(badProbability)).toContain('stages.0.probability');
    const twiceTicked = await admin.post('/api/v1/pipelines', {
      name: 'Broken',
      stages: [{ ...threeStages[0], checklist: ['Budget known', 'budget known'] }, threeStages[1], threeStages[2]],
    });
    expect(twiceTicked.status).toBe(400);
    expect(fieldsOf(twiceTicked)).toContain('stages.0.checklist');

    const created = await admin.post('/api/v1/pipelines', { name: 'Renewals', stages: threeStages });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Renewals', isDefault: false, version: 1 });
    expect(created.body.stages.map((s: { name: string; position: number }) => [s.name, s.position])).toEqual([
      ['Talk', 1],
      ['Signed', 2],
      ['Gone', 3],
    ]);
    expect((await admin.post('/api/v1/pipelines', { name: 'renewals', stages: threeStages })).status).toBe(409);
    const stream = await streamOf(admin, 'pipelines', created.body.id);
    expect(stream.map((e) => e.type)).toEqual(['create']);
  });

  it('renames, reorders and adds stages without losing an opportunity; stale If-Match is 412', async () => {
    const admin = await world.as('admin');
    const p = (await admin.post('/api/v1/pipelines', { name: 'Projects', stages: threeStages })).body;
    const am = await world.as('amA');
    const deal = await newOpportunity(am, { pipelineId: p.id });
    const [talk, signed, gone] = p.stages;
    expect(deal.stageId).toBe(talk.id);

    const stages = [
      { name: 'Scoping', probability: 5 },
      { id: talk.id, name: 'Talking', probability: 25 },
      { id: signed.id, name: signed.name, probability: 100, kind: 'won' },
      { id: gone.id, name: gone.name, probability: 0, kind: 'lost' },
    ];
    expect((await admin.patch(`/api/v1/pipelines/${p.id}`, { stages }, { headers: { 'if-match': '"99"' } })).status).toBe(412);
    const res = await admin.patch(`/api/v1/pipelines/${p.id}`, { stages }, { headers: { 'if-match': `"${p.version}"` } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.stages.map((s: { name: string; position: number }) => [s.name, s.position])).toEqual([
      ['Scoping', 1],
      ['Talking', 2],
      ['Signed', 3],
      ['Gone', 4],
    ]);

    const after = (await am.get(`/api/v1/opportunities/${deal.id}`)).body;
    expect(after.stage).toMatchObject({ id: talk.id, name: 'Talking', probability: 25 });
    // the probability follows the stage unless overridden
    expect(after.probability).toBe(25);
    const update = (await streamOf(admin, 'pipelines', p.id))[0];
    expect(update.type).toBe('update');
    expect(update.data.stages.map((c: { action: string; name: string }) => `${c.action}:${c.name}`)).toEqual(
      expect.arrayContaining(['added:Scoping', 'changed:Talking']),
    );
  });

  it('refuses to retire a stage that still holds opportunities, naming how many; retires it once empty', async () => {
    const admin = await world.as('admin');
    const p = (
      await admin.post('/api/v1/pipelines', {
        name: 'Services',
        stages: [{ name: 'First', probability: 10 }, { name: 'Second', probability: 40 }, threeStages[1], threeStages[2]],
      })
    ).body;
    const [first, second, won, lost] = p.stages;
    const am = await world.as('amA');
    const d1 = await newOpportunity(am, { pipelineId: p.id, stageId: second.id });
    await newOpportunity(am, { pipelineId: p.id, stageId: second.id });

    const keep = (s: { id: string; name: string; probability: number; kind: string }) => ({
      id: s.id,
      name: s.name,
      probability: s.probability,
      kind: s.kind,
    });
    const refused = await admin.patch(`/api/v1/pipelines/${p.id}`, { stages: [keep(first), keep(won), keep(lost)] });
    expect(refused.status).toBe(409);
    expect(errorOf(refused).message).toContain('"Second" still holds 2 opportunities');
    expect(errorOf(refused).details[0]).toMatchObject({ stageId: second.id, count: 2 });
    expect((await admin.get(`/api/v1/pipelines/${p.id}`)).body.stages).toHaveLength(4);

    // move both deals, then the stage retires; their history still names it
    for (const d of (await am.get(`/api/v1/opportunities?pipelineId=${p.id}`)).body.data) {
      expect((await am.patch(`/api/v1/opportunities/${d.id}`, { stageId: first.id })).status).toBe(200);
    }
    const retired = await admin.patch(`/api/v1/pipelines/${p.id}`, { stages: [keep(first), keep(won), keep(lost)] });
    expect(retired.status).toBe(200);
    expect(retired.body.stages.map((s: { name: string }) => s.name)).toEqual(['First', 'Signed', 'Gone']);
    const history = (await am.get(`/api/v1/opportunities/${d1.id}/stage-history`)).body.data;
    expect(history.map((h: { stage: { name: string; retired: boolean } }) => [h.stage.name, h.stage.retired])).toEqual([
      ['Second', true],
      ['First', false],
    ]);
  });

  it('does not delete the default pipeline or one with deals', async () => {
    const admin = await world.as('admin');
    expect((await admin.delete(`/api/v1/pipelines/${DEFAULT_PIPELINE}`)).status).toBe(409);
    const p = (await admin.post('/api/v1/pipelines', { name: 'Temp', stages: threeStages })).body;
    await newOpportunity(await world.as('amA'), { pipelineId: p.id });
    const res = await admin.delete(`/api/v1/pipelines/${p.id}`);
    expect(res.status).toBe(409);
    expect(errorOf(res).message).toContain('1 opportunity');
    const empty = (await admin.post('/api/v1/pipelines', { name: 'Empty', stages: threeStages })).body;
    expect((await admin.delete(`/api/v1/pipelines/${empty.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/pipelines/${empty.id}`)).status).toBe(404);
  });

  it('moves the default flag', async () => {
    const admin = await world.as('admin');
    const p = (await admin.post('/api/v1/pipelines', { name: 'New default', stages: threeStages })).body;
    expect((await admin.patch(`/api/v1/pipelines/${p.id}`, { isDefault: true })).body.isDefault).toBe(true);
    expect((await admin.get(`/api/v1/pipelines/${DEFAULT_PIPELINE}`)).body.isDefault).toBe(false);
    expect((await admin.patch(`/api/v1/pipelines/${DEFAULT_PIPELINE}`, { isDefault: true })).body.isDefault).toBe(true);
  });
});
