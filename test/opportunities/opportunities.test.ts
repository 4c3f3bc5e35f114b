import { describe, expect, it } from 'vitest';
import { advanceClockForTests, resetClockForTests } from '../../src/server/platform/clock.js';
import { errorOf, fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { DEFAULT_PIPELINE, newAccount, newOpportunity, STAGES, streamOf } from './helpers.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});

describe('opportunities: create, read, change', () => {
  it('creates in the default pipeline’s first stage with the stage’s probability; money stays a decimal string', async () => {
    const am = await world.as('amA');
    const account = await newAccount(am, 'AutoERP Zlín s.r.o.');
    const contact = (await am.post('/api/v1/contacts', { firstName: 'Jana', lastName: 'Dvořáková', accountId: account.id })).body;
    const res = await am.post('/api/v1/opportunities', {
      name: 'AutoERP rollout',
      accountId: account.id,
      primaryContactId: contact.id,
      contacts: [{ contactId: contact.id, role: 'decision_maker' }],
      amount: 125000.5,
      currency: 'czk',
      expectedCloseDate: '2026-12-15',
      nextStep: 'Demo on Friday',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      name: 'AutoERP rollout',
      account: { id: account.id, name: 'AutoERP Zlín s.r.o.' },
      primaryContact: { id: contact.id, name: 'Jana Dvořáková' },
      contacts: [{ contactId: contact.id, name: 'Jana Dvořáková', role: 'decision_maker' }],
      pipelineId: DEFAULT_PIPELINE,
      stage: { id: STAGES.identification, name: 'Identification', kind: 'open', probability: 10 },
      amount: '125000.50',
      currency: 'CZK',
      amountBase: '125000.50',
      baseCurrency: 'CZK',
      probability: 10,
      probabilityOverridden: false,
      expectedCloseDate: '2026-12-15',
      ownerId: world.users.amA.id,
      forecastCategory: 'pipeline',
      status: 'open',
      daysInStage: 0,
    });
    const stream = await streamOf(am, 'opportunities', res.body.id);
    expect(stream.map((e) => e.type)).toEqual(['create']);
    expect(stream[0].data).toMatchObject({
      amount: '125000.50',
      currency: 'CZK',
      stage: { id: STAGES.identification, name: 'Identification' },
    });
    const accountStream = await streamOf(am, 'accounts', account.id);
    expect(accountStream.find((e) => e.type === 'create_related')?.data.record).toEqual({
      type: 'opportunity',
      id: res.body.id,
      name: 'AutoERP rollout',
    });
  });

  it('rejects bad input with 400 naming the field and writes nothing', async () => {
    const am = await world.as('amA');
    const account = await newAccount(am);
    const before = (await am.get('/api/v1/opportunities/count')).body.count;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amount: '10.123' }, 'amount'],
      [{ amount: -5 }, 'amount'],
      [{ amount: '1e5' }, 'amount'],
      [{ currency: 'EURO' }, 'currency'],
      [{ currency: 'XYZ' }, 'currency'],
      [{ probability: 101 }, 'probability'],
      [{ expectedCloseDate: '2026-02-30' }, 'expectedCloseDate'],
      [{ forecastCategory: 'maybe' }, 'forecastCategory'],
      [{ accountId: '00000000-0000-7000-8000-000000000000' }, 'accountId'],
      [{ stageId: '00000000-0000-7000-8000-000000000000' }, 'stageId'],
      [{ pipelineId: '00000000-0000-7000-8000-000000000000' }, 'pipelineId'],
      [{ contacts: [{ contactId: '00000000-0000-7000-8000-000000000000', role: 'champion' }] }, 'contacts.0.contactId'],
    ];
    for (const [patch, field] of cases) {
      const res = await am.post('/api/v1/opportunities', {
        name: 'X',
        accountId: account.id,
        amount: '1.00',
        currency: 'EUR',
        ...patch,
      });
      expect(res.status, `${JSON.stringify(patch)} → ${JSON.stringify(res.body)}`).toBe(400);
      expect(fieldsOf(res)).toContain(field);
    }
    expect((await am.get('/api/v1/opportunities/count')).body.count).toBe(before);
  });

  it('PATCH with a stale If-Match is 412; a field change writes an update entry with old → new', async () => {
    const am = await world.as('amA');
    const deal = await newOpportunity(am, { amount: '500.00' });
    const ok = await am.patch(
      `/api/v1/opportunities/${deal.id}`,
      { amount: '750.25', nextStep: 'Send quote' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ amount: '750.25', nextStep: 'Send quote', version: 2 });
    const stale = await am.patch(`/api/v1/opportunities/${deal.id}`, { amount: '1.00' }, { headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(errorOf(stale).code).toBe('precondition_failed');
    expect((await am.get(`/api/v1/opportunities/${deal.id}`)).body.amount).toBe('750.25');
    const update = (await streamOf(am, 'opportunities', deal.id)).find((e) => e.type === 'update');
    expect(update.data.changes).toEqual(
      expect.arrayContaining([
        { field: 'amount', old: '500.00', new: '750.25' },
        { field: 'nextStep', old: null, new: 'Send quote' },
      ]),
    );
  });

  it('a stage change writes a status entry and stage history; probability defaults, overrides and resets', async () => {
    // a bearer token survives the moved clock (a cookie session would idle out)
    const am = await t.current.bearerClient(world.users.amA);
    try {
      await stageChangeScenario(am);
    } finally {
      resetClockForTests();
    }
  });

  async function stageChangeScenario(am: Awaited<ReturnType<typeof t.current.bearerClient>>) {
    const deal = await newOpportunity(am);
    advanceClockForTests(3 * 86_400_000);
    const moved = await am.patch(
      `/api/v1/opportunities/${deal.id}`,
      { stageId: STAGES.qualification },
      { headers: { 'if-match': '"1"' } },
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stageId: STAGES.qualification, probability: 20, daysInStage: 0, version: 2 });
    const status = (await streamOf(am, 'opportunities', deal.id)).find((e) => e.type === 'status');
    expect(status.data).toMatchObject({
      from: { id: STAGES.identification, name: 'Identification' },
      to: { id: STAGES.qualification, name: 'Qualification' },
    });

    const overridden = await am.patch(`/api/v1/opportunities/${deal.id}`, { probability: 35 });
    expect(overridden.body).toMatchObject({ probability: 35, probabilityOverridden: true });
    advanceClockForTests(2 * 86_400_000);
    expect((await am.get(`/api/v1/opportunities/${deal.id}`)).body.daysInStage).toBe(2);
    const next = await am.patch(`/api/v1/opportunities/${deal.id}`, { stageId: STAGES.needsAnalysis });
    expect(next.body).toMatchObject({ probability: 30, probabilityOverridden: false });
    const withOverride = await am.patch(`/api/v1/opportunities/${deal.id}`, { stageId: STAGES.presentation, probability: 45 });
    expect(withOverride.body).toMatchObject({ probability: 45, probabilityOverridden: true });

    const history = (await am.get(`/api/v1/opportunities/${deal.id}/stage-history`)).body.data;
    expect(
      history.map((h: { stage: { name: string }; days: number; leftAt: string | null }) => [
        h.stage.name,
        h.days,
        h.leftAt === null,
      ]),
    ).toEqual([
      ['Identification', 3, false],
      ['Qualification', 2, false],
      ['Needs Analysis', 0, false],
      ['Presentation', 0, true],
    ]);
  }

  it('refuses moves into won/lost stages, gated stages, and moves of closed deals (422)', async () => {
    const am = await world.as('amA');
    const deal = await newOpportunity(am);
    const toWon = await am.patch(`/api/v1/opportunities/${deal.id}`, { stageId: STAGES.closure });
    expect(toWon.status).toBe(422);
    expect(errorOf(toWon).code).toBe('invalid_transition');
    // the message names the endpoint for API clients; the detail carries what the web UI words for people
    expect(errorOf(toWon).details[0]).toMatchObject({
      gate: 'closed_stage',
      kind: 'won',
      to: STAGES.closure,
      stage: expect.any(String),
    });

    const admin = await world.as('admin');
    const p = (
      await admin.post('/api/v1/pipelines', {
        name: 'Gated',
        stages: [
          { name: 'Assessment', probability: 10 },
          { name: 'Management decision', probability: 40, requiresApproval: true, checklist: ['Risk assessment attached'] },
          { name: 'Won', probability: 100, kind: 'won' },
          { name: 'Lost', probability: 0, kind: 'lost' },
        ],
      })
    ).body;
    expect(p.stages[1]).toMatchObject({ requiresApproval: true, checklist: ['Risk assessment attached'] });
    const gated = await newOpportunity(am, { pipelineId: p.id });
    const refused = await am.patch(`/api/v1/opportunities/${gated.id}`, { stageId: p.stages[1].id });
    expect(refused.status).toBe(422);
    expect(errorOf(refused).message).toContain('requires management approval');
    expect(errorOf(refused).details[0]).toMatchObject({ gate: 'approval', approvalStatus: 'none', stage: 'Management decision' });
    expect((await am.get(`/api/v1/opportunities/${gated.id}`)).body.stageId).toBe(p.stages[0].id);
    expect((await am.get(`/api/v1/opportunities/${gated.id}/stage-history`)).body.data).toHaveLength(1);

    await am.post(`/api/v1/opportunities/${deal.id}/close`, { outcome: 'won' });
    expect((await am.patch(`/api/v1/opportunities/${deal.id}`, { stageId: STAGES.quote })).status).toBe(422);
  });

  it('moves a deal to another pipeline’s first open stage', async () => {
    const am = await world.as('amA');
    const admin = await world.as('admin');
    const p = (
      await admin.post('/api/v1/pipelines', {
        name: 'Renewals 2',
        stages: [
          { name: 'Due', probability: 70 },
          { name: 'Renewed', probability: 100, kind: 'won' },
          { name: 'Churned', probability: 0, kind: 'lost' },
        ],
      })
    ).body;
    const deal = await newOpportunity(am);
    const res = await am.patch(`/api/v1/opportunities/${deal.id}`, { pipelineId: p.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pipelineId: p.id, stage: { name: 'Due', probability: 70 } });
    expect((await am.patch(`/api/v1/opportunities/${deal.id}`, { stageId: STAGES.quote })).status).toBe(400);
  });

  it('deletes softly and restores', async () => {
    const am = await world.as('amA');
    const deal = await newOpportunity(am);
    expect((await am.delete(`/api/v1/opportunities/${deal.id}`)).status).toBe(204);
    expect((await am.get(`/api/v1/opportunities/${deal.id}`)).status).toBe(404);
    const restored = await am.post(`/api/v1/opportunities/${deal.id}/restore`);
    expect(restored.status).toBe(200);
    expect((await streamOf(am, 'opportunities', deal.id)).map((e) => e.type).slice(0, 2)).toEqual(['restore', 'delete']);
  });
});

describe('closing and reopening', () => {
  it('closes as won: Closure stage, forecast closed, Stream with outcome', async () => {
    const am = await world.as('amA');
    const deal = await newOpportunity(am, { stageId: STAGES.negotiation });
    const res = await am.post(
      `/api/v1/opportunities/${deal.id}/close`,
      { outcome: 'won', note: 'Signed at the board meeting' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'won',
      stage: { id: STAGES.closure, name: 'Closure' },
      probability: 100,
      forecastCategory: 'closed',
      closeNote: 'Signed at the board meeting',
      lostReason: null,
    });
    expect(res.body.closedAt).not.toBeNull();
    const entry = (await streamOf(am, 'opportunities', deal.id))[0];
    expect(entry).toMatchObject({
      type: 'status',
      data: {
        outcome: 'won',
        from: { id: STAGES.negotiation, name: 'Negotiation' },
        to: { id: STAGES.closure, name: 'Closure' },
        amount: '1000.00',
        currency: 'CZK',
      },
    });
    expect((await am.post(`/api/v1/opportunities/${deal.id}/close`, { outcome: 'lost', reason: 'price' })).status).toBe(422);
    expect((await am.post(`/api/v1/opportunities/${deal.id}/reopen`)).status).toBe(422);
  });

  it('requires a valid reason to close as lost; reopens into the last open stage', async () => {
    const am = await world.as('amA');
    const deal = await newOpportunity(am, { stageId: STAGES.quote, probability: 65 });
    const noReason = await am.post(`/api/v1/opportunities/${deal.id}/close`, { outcome: 'lost' });
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason)).toEqual(['reason']);
    const badReason = await am.post(`/api/v1/opportunities/${deal.id}/close`, { outcome: 'lost', reason: 'weather' });
    expect(badReason.status).toBe(400);
    expect(fieldsOf(badReason)).toContain('reason');
    expect(
      (
        await am.post(
          `/api/v1/opportunities/${deal.id}/close`,
          { outcome: 'lost', reason: 'price' },
          { headers: { 'if-match': '"7"' } },
        )
      ).status,
    ).toBe(412);

    const lost = await am.post(`/api/v1/opportunities/${deal.id}/close`, {
      outcome: 'lost',
      reason: 'competition',
      note: 'Went with a competitor',
    });
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({
      status: 'lost',
      stage: { name: 'Lost' },
      lostReason: 'competition',
      forecastCategory: 'omitted',
      probability: 0,
    });

    const reopened = await am.post(`/api/v1/opportunities/${deal.id}/reopen`, undefined, {
      headers: { 'if-match': `"${lost.body.version}"` },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({
      status: 'open',
      stage: { id: STAGES.quote, name: 'Quote' },
      lostReason: null,
      closedAt: null,
      forecastCategory: 'pipeline',
    });
    const [reopenEntry, closeEntry] = await streamOf(am, 'opportunities', deal.id);
    expect(reopenEntry).toMatchObject({
      type: 'status',
      data: { reopened: true, previousReason: 'competition', from: { name: 'Lost' }, to: { name: 'Quote' } },
    });
    expect(closeEntry).toMatchObject({
      type: 'status',
      data: { outcome: 'lost', reason: 'competition', note: 'Went with a competitor' },
    });
    const path = (await am.get(`/api/v1/opportunities/${deal.id}/stage-history`)).body.data.map(
      (h: { stage: { name: string } }) => h.stage.name,
    );
    expect(path).toEqual(['Quote', 'Lost', 'Quote']);
  });
});

describe('access', () => {
  it('others’ teams see neither the deal nor its Stream; teammates read but account managers change only their own', async () => {
    const amA = await world.as('amA');
    const deal = await newOpportunity(amA);
    expect((await (await world.as('amB')).get(`/api/v1/opportunities/${deal.id}`)).status).toBe(404);
    expect((await (await world.as('amB')).get(`/api/v1/opportunities/${deal.id}/stream`)).status).toBe(404);
    expect((await (await world.as('amB')).get(`/api/v1/opportunities/${deal.id}/stage-history`)).status).toBe(404);
    expect((await (await world.as('amB')).post(`/api/v1/opportunities/${deal.id}/close`, { outcome: 'won' })).status).toBe(404);
    const amA2 = await world.as('amA2');
    expect((await amA2.get(`/api/v1/opportunities/${deal.id}`)).status).toBe(200);
    expect((await amA2.patch(`/api/v1/opportunities/${deal.id}`, { stageId: STAGES.quote })).status).toBe(403);
    expect((await (await world.as('leadA')).patch(`/api/v1/opportunities/${deal.id}`, { stageId: STAGES.quote })).status).toBe(
      200,
    );
    expect((await (await world.as('marketing')).post(`/api/v1/opportunities/${deal.id}/close`, { outcome: 'won' })).status).toBe(
      403,
    );
    const listB = await (await world.as('leadB')).all('/api/v1/opportunities?limit=200');
    expect(listB.some((o: { id: string }) => o.id === deal.id)).toBe(false);
  });
});
