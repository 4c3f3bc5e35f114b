import { describe, expect, it } from 'vitest';
import { fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { DEFAULT_PIPELINE, STAGES, streamOf } from './helpers.js';

let world: World;
useTestApp(async (app) => {
  world = await buildWorld(app);
});

async function leadInProcess(who: keyof World['users'], company: string) {
  const api = await world.as(who);
  const lead = (
    await api.post('/api/v1/leads', {
      firstName: 'Petra',
      lastName: 'Říhová',
      company,
      email: `petra@${company.replace(/\W/g, '').toLowerCase()}.cz`,
      source: 'trade_show',
      ownerId: world.users[who].id,
    })
  ).body;
  expect((await api.post(`/api/v1/leads/${lead.id}/status`, { status: 'in_process' })).status).toBe(200);
  return { api, lead };
}

describe('converting a lead with an opportunity', () => {
  it('lands the opportunity in the first stage of the default pipeline, linked to the lead, account and contact', async () => {
    const { api, lead } = await leadInProcess('sdrA', 'Pekárna Šťastný s.r.o.');
    const res = await api.post(`/api/v1/leads/${lead.id}/convert`, {
      opportunity: { name: 'Bakery ERP', amount: '250000.00', currency: 'CZK', closeDate: '2027-03-31' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.opportunityId).toEqual(expect.any(String));
    const opp = (await api.get(`/api/v1/opportunities/${res.body.opportunityId}`)).body;
    expect(opp).toMatchObject({
      name: 'Bakery ERP',
      pipelineId: DEFAULT_PIPELINE,
      stage: { id: STAGES.identification, name: 'Identification' },
      amount: '250000.00',
      currency: 'CZK',
      expectedCloseDate: '2027-03-31',
      accountId: res.body.accountId,
      primaryContactId: res.body.contactId,
      ownerId: world.users.sdrA.id,
      leadId: lead.id,
      source: 'trade_show',
      status: 'open',
    });
    const oppStream = await streamOf(api, 'opportunities', opp.id);
    expect(oppStream.map((e) => e.type).sort()).toEqual(['convert', 'create']);
    expect(oppStream.find((e) => e.type === 'convert').data.lead).toEqual({ type: 'lead', id: lead.id, name: 'Petra Říhová' });
    const leadConvert = (await streamOf(api, 'leads', lead.id)).find((e) => e.type === 'convert');
    expect(leadConvert.data).toEqual({ accountId: res.body.accountId, contactId: res.body.contactId, opportunityId: opp.id });
    expect((await api.get(`/api/v1/opportunities/${opp.id}/stage-history`)).body.data).toHaveLength(1);
  });

  it('uses the named pipeline; bad opportunity input converts nothing', async () => {
    const admin = await world.as('admin');
    const p = (
      await admin.post('/api/v1/pipelines', {
        name: 'Partners',
        stages: [
          { name: 'Intro', probability: 15 },
          { name: 'Deal', probability: 100, kind: 'won' },
          { name: 'No', probability: 0, kind: 'lost' },
        ],
      })
    ).body;
    const { api, lead } = await leadInProcess('amA', 'Vinařství Morava a.s.');
    const bad = await api.post(`/api/v1/leads/${lead.id}/convert`, {
      opportunity: { name: 'Wine', amount: '12.345', currency: 'EUR' },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toContain('opportunity.amount');
    const noPipeline = await api.post(`/api/v1/leads/${lead.id}/convert`, {
      opportunity: { name: 'Wine', amount: '12.34', currency: 'EUR', pipelineId: '00000000-0000-7000-8000-000000000000' },
    });
    expect(noPipeline.status).toBe(400);
    expect(fieldsOf(noPipeline)).toContain('opportunity.pipelineId');
    expect((await api.get(`/api/v1/leads/${lead.id}`)).body.status).toBe('in_process');
    expect((await api.get('/api/v1/accounts?q=vinarstvi')).body.data).toHaveLength(0);

    const ok = await api.post(`/api/v1/leads/${lead.id}/convert`, {
      opportunity: { name: 'Wine', amount: 12.34, currency: 'EUR', pipelineId: p.id },
    });
    expect(ok.status).toBe(200);
    const opp = (await api.get(`/api/v1/opportunities/${ok.body.opportunityId}`)).body;
    expect(opp).toMatchObject({
      pipelineId: p.id,
      stage: { name: 'Intro', probability: 15 },
      amount: '12.34',
      currency: 'EUR',
      expectedCloseDate: null,
    });
  });

  it('without an opportunity converts as before', async () => {
    const { api, lead } = await leadInProcess('amA', 'Pila Beskydy s.r.o.');
    const res = await api.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(res.status).toBe(200);
    expect(res.body.opportunityId).toBeNull();
  });
});
