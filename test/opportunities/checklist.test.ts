import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorOf, type Json, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { DEFAULT_PIPELINE, newOpportunity, STAGES, streamOf } from './helpers.js';

/**
 * Stage checklists (issue 4, decision 019): a deal moves forward out of a stage only when that stage's checklist
 * is ticked; backwards, to lost and to another pipeline it always may go.
 */

let world: World;
useTestApp(async (app) => {
  world = await buildWorld(app);
});

type Stages = { discovery: Json; proposal: Json; negotiation: Json; won: Json; lost: Json };
let pipeline: Json;
let stages: Stages;

const DISCOVERY = ['Budget confirmed', 'Decision maker known'];

beforeAll(async () => {
  const admin = await world.as('admin');
  const res = await admin.post('/api/v1/pipelines', {
    name: 'Enterprise',
    stages: [
      { name: 'Discovery', probability: 10, checklist: DISCOVERY },
      { name: 'Proposal', probability: 50, checklist: ['Proposal sent'] },
      { name: 'Negotiation', probability: 80 },
      { name: 'Signed', probability: 100, kind: 'won', checklist: ['Contract filed'] },
      { name: 'Lost', probability: 0, kind: 'lost' },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  pipeline = res.body;
  const [discovery, proposal, negotiation, won, lost] = pipeline.stages;
  stages = { discovery, proposal, negotiation, won, lost };
});

const deal = (api: Client, stage: keyof Stages = 'discovery') =>
  newOpportunity(api, { pipelineId: pipeline.id, stageId: stages[stage].id });

const checklistOf = async (api: Client, id: string) => (await api.get(`/api/v1/opportunities/${id}/checklist`)).body;

const tick = (api: Client, id: string, index: number, done: boolean, version?: number, item?: string) =>
  api.request(
    'PUT',
    `/api/v1/opportunities/${id}/checklist/${index}`,
    { done, ...(item !== undefined ? { item } : {}) },
    version !== undefined ? { headers: { 'if-match': `"${version}"` } } : {},
  );

const move = (api: Client, id: string, stageId: string) => api.patch(`/api/v1/opportunities/${id}`, { stageId });

/** Replaces one stage's checklist (the pipeline PATCH sends the whole ordered stage list). */
async function editChecklist(stageId: string, checklist: string[]) {
  const admin = await world.as('admin');
  const current = (await admin.get(`/api/v1/pipelines/${pipeline.id}`)).body;
  const res = await admin.patch(
    `/api/v1/pipelines/${pipeline.id}`,
    {
      stages: current.stages.map((s: Json) => ({
        id: s.id,
        name: s.name,
        probability: s.probability,
        kind: s.kind,
        requiresApproval: s.requiresApproval,
        requiresPlanDone: s.requiresPlanDone,
        checklist: s.id === stageId ? checklist : s.checklist,
      })),
    },
    { headers: { 'if-match': `"${current.version}"` } },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('the checklist of the current stage', () => {
  it('lists the stage’s items, none done, with the deal’s version as ETag', async () => {
    const am = await world.as('amA');
    const d = await deal(am);
    const res = await am.get(`/api/v1/opportunities/${d.id}/checklist`);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${d.version}"`);
    expect(res.body).toEqual({
      opportunityId: d.id,
      version: d.version,
      stageId: stages.discovery.id,
      stage: { id: stages.discovery.id, name: 'Discovery', kind: 'open' },
      items: [
        { index: 0, item: 'Budget confirmed', done: false, doneBy: null, doneAt: null },
        { index: 1, item: 'Decision maker known', done: false, doneBy: null, doneAt: null },
      ],
      done: 0,
      total: 2,
    });
  });

  it('is empty for stages without one (the default pipeline)', async () => {
    const am = await world.as('amA');
    const d = await newOpportunity(am);
    expect(await checklistOf(am, d.id)).toMatchObject({ stageId: STAGES.identification, items: [], done: 0, total: 0 });
  });
});

describe('the forward gate', () => {
  it('refuses a forward move while items are open (422 naming stageId and the items), allows it once all are ticked', async () => {
    const am = await world.as('amA');
    const d = await deal(am);

    const refused = await move(am, d.id, stages.proposal.id);
    expect(refused.status).toBe(422);
    const err = errorOf(refused);
    expect(err.code).toBe('invalid_transition');
    expect(err.message).toContain('"Budget confirmed", "Decision maker known"');
    expect(err.details[0]).toMatchObject({
      field: 'stageId',
      gate: 'checklist',
      from: stages.discovery.id,
      to: stages.proposal.id,
      openItems: DISCOVERY,
      stage: 'Discovery',
    });
    // nothing moved, nothing written
    const after = (await am.get(`/api/v1/opportunities/${d.id}`)).body;
    expect(after).toMatchObject({ stageId: stages.discovery.id, version: d.version });
    expect((await am.get(`/api/v1/opportunities/${d.id}/stage-history`)).body.data).toHaveLength(1);

    // skipping stages is forward too
    expect((await move(am, d.id, stages.negotiation.id)).status).toBe(422);

    const first = await tick(am, d.id, 0, true, d.version);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.headers.etag).toBe(`"${d.version + 1}"`);
    expect(first.body).toMatchObject({ version: d.version + 1, done: 1, total: 2 });
    expect(first.body.items[0]).toMatchObject({
      item: 'Budget confirmed',
      done: true,
      doneBy: { id: world.users.amA.id, name: 'Barbora Dvořáková' },
    });
    expect(Date.parse(first.body.items[0].doneAt)).not.toBeNaN();

    const stillRefused = await move(am, d.id, stages.proposal.id);
    expect(stillRefused.status).toBe(422);
    expect(errorOf(stillRefused).details[0]).toMatchObject({ field: 'stageId', openItems: ['Decision maker known'] });

    expect((await tick(am, d.id, 1, true, d.version + 1)).body).toMatchObject({ done: 2, total: 2 });
    const moved = await move(am, d.id, stages.proposal.id);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.stageId).toBe(stages.proposal.id);
    // the new stage's items start unticked
    expect(await checklistOf(am, d.id)).toMatchObject({ stageId: stages.proposal.id, done: 0, total: 1 });
  });

  it('always allows moving backwards, to another pipeline, and closing as lost', async () => {
    const am = await world.as('amA');
    const d = await deal(am, 'proposal');
    const back = await move(am, d.id, stages.discovery.id);
    expect(back.status, JSON.stringify(back.body)).toBe(200);

    const other = await newOpportunity(am, { pipelineId: pipeline.id, stageId: stages.discovery.id });
    const repiped = await am.patch(`/api/v1/opportunities/${other.id}`, { pipelineId: DEFAULT_PIPELINE });
    expect(repiped.status, JSON.stringify(repiped.body)).toBe(200);
    expect(repiped.body.stageId).toBe(STAGES.identification);

    const lost = await am.post(`/api/v1/opportunities/${d.id}/close`, { outcome: 'lost', reason: 'timing' });
    expect(lost.status, JSON.stringify(lost.body)).toBe(200);
    expect(lost.body).toMatchObject({ status: 'lost', stageId: stages.lost.id });
    // reopening a lost deal is not gated either
    expect((await am.post(`/api/v1/opportunities/${d.id}/reopen`)).status).toBe(200);
  });

  it('refuses closing as won while items are open; the won stage’s own checklist does not block it', async () => {
    const am = await world.as('amA');
    const d = await deal(am, 'proposal');
    const refused = await am.post(`/api/v1/opportunities/${d.id}/close`, { outcome: 'won' });
    expect(refused.status).toBe(422);
    expect(errorOf(refused).message).toContain('"Proposal sent"');
    expect(errorOf(refused).details[0]).toMatchObject({
      field: 'stageId',
      gate: 'checklist',
      to: stages.won.id,
      openItems: ['Proposal sent'],
    });
    expect((await am.get(`/api/v1/opportunities/${d.id}`)).body.status).toBe('open');

    await tick(am, d.id, 0, true);
    const won = await am.post(`/api/v1/opportunities/${d.id}/close`, { outcome: 'won' });
    expect(won.status, JSON.stringify(won.body)).toBe(200);
    expect(won.body.status).toBe('won');
    // the won stage shows its checklist (e.g. paperwork after signature); it gates nothing
    expect(await checklistOf(am, d.id)).toMatchObject({
      stageId: stages.won.id,
      items: [{ item: 'Contract filed', done: false }],
    });
  });

  it('a stage without items never blocks', async () => {
    const am = await world.as('amA');
    const d = await deal(am, 'negotiation');
    expect((await am.post(`/api/v1/opportunities/${d.id}/close`, { outcome: 'won' })).status).toBe(200);
  });
});

describe('ticking and unticking', () => {
  it('unticks, writes a checklist Stream entry per change, and re-closes the gate', async () => {
    const am = await world.as('amA');
    const d = await deal(am, 'proposal');
    const on = await tick(am, d.id, 0, true, d.version, 'Proposal sent');
    expect(on.status).toBe(200);
    const off = await tick(am, d.id, 0, false, on.body.version);
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ version: d.version + 2, done: 0, items: [{ done: false, doneBy: null, doneAt: null }] });
    expect((await move(am, d.id, stages.negotiation.id)).status).toBe(422);

    const entries = (await streamOf(am, 'opportunities', d.id)).filter((e) => e.type === 'checklist');
    expect(entries.map((e) => e.data)).toEqual([
      { stage: { id: stages.proposal.id, name: 'Proposal' }, item: 'Proposal sent', index: 0, done: false },
      { stage: { id: stages.proposal.id, name: 'Proposal' }, item: 'Proposal sent', index: 0, done: true },
    ]);
    expect(entries[0].actor).toEqual({ id: world.users.amA.id, name: 'Barbora Dvořáková' });
  });

  it('asking for the state an item already has changes nothing (no version, no Stream)', async () => {
    const am = await world.as('amA');
    const d = await deal(am, 'proposal');
    const res = await tick(am, d.id, 0, false, d.version);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(d.version);
    expect((await streamOf(am, 'opportunities', d.id)).some((e) => e.type === 'checklist')).toBe(false);
  });

  it('honours If-Match (412), refuses an unknown index (400 naming index) and a changed item (409)', async () => {
    const am = await world.as('amA');
    const d = await deal(am);
    await am.patch(`/api/v1/opportunities/${d.id}`, { nextStep: 'Call the CFO' }, { headers: { 'if-match': `"${d.version}"` } });
    const stale = await tick(am, d.id, 0, true, d.version);
    expect(stale.status).toBe(412);
    expect(errorOf(stale).code).toBe('precondition_failed');

    const outOfRange = await tick(am, d.id, 2, true);
    expect(outOfRange.status).toBe(400);
    expect(errorOf(outOfRange).details[0]).toMatchObject({ field: 'index' });
    expect((await tick(am, d.id, -1, true)).status).toBe(400);
    expect((await am.request('PUT', `/api/v1/opportunities/${d.id}/checklist/x`, { done: true })).status).toBe(400);
    expect((await am.request('PUT', `/api/v1/opportunities/${d.id}/checklist/0`, { done: 'yes' })).status).toBe(400);

    const changed = await tick(am, d.id, 0, true, undefined, 'Decision maker known');
    expect(changed.status).toBe(409);
    expect((await checklistOf(am, d.id)).done).toBe(0);
  });
});

describe('access', () => {
  it('others’ teams get 404; read-only roles and teammates without write reach get 403; the team lead may tick', async () => {
    const am = await world.as('amA');
    const d = await deal(am);

    const amB = await world.as('amB');
    expect((await amB.get(`/api/v1/opportunities/${d.id}/checklist`)).status).toBe(404);
    expect((await tick(amB, d.id, 0, true)).status).toBe(404);

    const marketing = await world.as('marketing');
    expect((await marketing.get(`/api/v1/opportunities/${d.id}/checklist`)).status).toBe(200);
    expect((await tick(marketing, d.id, 0, true)).status).toBe(403);

    const amA2 = await world.as('amA2');
    expect((await amA2.get(`/api/v1/opportunities/${d.id}/checklist`)).status).toBe(200);
    expect((await tick(amA2, d.id, 0, true)).status).toBe(403);

    expect((await checklistOf(am, d.id)).done).toBe(0);
    expect((await streamOf(am, 'opportunities', d.id)).some((e) => e.type === 'checklist')).toBe(false);

    const leadA = await world.as('leadA');
    const res = await tick(leadA, d.id, 0, true);
    expect(res.status).toBe(200);
    expect(res.body.items[0].doneBy).toMatchObject({ id: world.users.leadA.id });
  });

  it('a deleted deal’s checklist is not found', async () => {
    const am = await world.as('amA');
    const d = await deal(am);
    expect((await am.delete(`/api/v1/opportunities/${d.id}`)).status).toBe(204);
    expect((await am.get(`/api/v1/opportunities/${d.id}/checklist`)).status).toBe(404);
    expect((await tick(am, d.id, 0, true)).status).toBe(404);
  });
});

describe('an admin edits the checklist', () => {
  it('matches ticks by text: removed items stop counting, new items start unticked, re-added items keep their tick', async () => {
    const am = await world.as('amA');
    const d = await deal(am);
    await tick(am, d.id, 0, true);
    await tick(am, d.id, 1, true);

    await editChecklist(stages.discovery.id, ['Technical fit checked', 'Budget confirmed']);
    const edited = await checklistOf(am, d.id);
    expect(edited.items.map((i: Json) => [i.index, i.item, i.done])).toEqual([
      [0, 'Technical fit checked', false],
      [1, 'Budget confirmed', true],
    ]);
    expect(edited).toMatchObject({ done: 1, total: 2 });
    const refused = await move(am, d.id, stages.proposal.id);
    expect(refused.status).toBe(422);
    expect(errorOf(refused).details[0]).toMatchObject({ openItems: ['Technical fit checked'] });

    await editChecklist(stages.discovery.id, [...DISCOVERY]);
    expect((await checklistOf(am, d.id)).done).toBe(2);
    expect((await move(am, d.id, stages.proposal.id)).status).toBe(200);

    // an emptied checklist no longer gates
    await editChecklist(stages.proposal.id, []);
    expect((await move(am, d.id, stages.negotiation.id)).status).toBe(200);
    await editChecklist(stages.proposal.id, ['Proposal sent']);
  });
});
