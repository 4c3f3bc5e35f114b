import { describe, expect, it } from 'vitest';
import { LEAD_STATUSES, type LeadStatus } from '../../src/domain/leads/lead.lifecycle.js';
import { recordFirstContact } from '../../src/server/modules/leads/first-contact.js';
import { advanceClockForTests, resetClockForTests } from '../../src/server/platform/clock.js';
import { errorOf, fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});

async function newLead(body: Record<string, unknown> = {}, who: keyof World['users'] = 'admin') {
  const api = await world.as(who);
  const res = await api.post('/api/v1/leads', { lastName: 'Dvořáková', company: 'AutoERP s.r.o.', source: 'web_form', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Puts a lead into a status directly (the fixture for the transition matrix). */
async function leadInStatus(status: LeadStatus) {
  const lead = await newLead({ ownerId: world.users.sdrA.id });
  await t.current.db.updateTable('leads').set({ status }).where('id', '=', lead.id).execute();
  return lead.id as string;
}

describe('leads: create, round-robin and Stream', () => {
  it('hands unowned leads of a team out in turn to its active sales members, skipping deactivated ones', async () => {
    const teamA = world.teamA;
    const owners: string[] = [];
    for (let i = 0; i < 6; i++) owners.push((await newLead({ teamId: teamA, email: `rr${i}@example.cz` })).ownerId);
    const members = [world.users.amA.id, world.users.amA2.id, world.users.sdrA.id].sort();
    // every member twice, in a rotation
    expect([...owners].sort()).toEqual([...members, ...members].sort());
    expect(owners.slice(0, 3).sort()).toEqual(members);

    const admin = await world.as('admin');
    const amA2 = (await admin.get(`/api/v1/users/${world.users.amA2.id}`)).body;
    expect(
      (await admin.patch(`/api/v1/users/${amA2.id}`, { active: false }, { headers: { 'if-match': `"${amA2.version}"` } })).status,
    ).toBe(200);
    const later: string[] = [];
    for (let i = 0; i < 4; i++) later.push((await newLead({ teamId: teamA })).ownerId);
    expect(later).not.toContain(world.users.amA2.id);
    expect(new Set(later)).toEqual(new Set([world.users.amA.id, world.users.sdrA.id]));
    const again = (await admin.get(`/api/v1/users/${amA2.id}`)).body;
    await admin.patch(`/api/v1/users/${amA2.id}`, { active: true }, { headers: { 'if-match': `"${again.version}"` } });
  });

  it('stays fair when many leads arrive at once', async () => {
    const api = await world.as('admin');
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        api.post('/api/v1/leads', { company: `Burst ${i}`, source: 'web_form', teamId: world.teamA }),
      ),
    );
    const counts = new Map<string, number>();
    for (const r of results) {
      expect(r.status).toBe(201);
      counts.set(r.body.ownerId, (counts.get(r.body.ownerId) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([3, 3, 3]);
  });

  it('writes create, assign and status entries, and sets the 24-hour first-contact deadline', async () => {
    const lead = await newLead({ teamId: world.teamA });
    expect(lead.status).toBe('assigned');
    expect(new Date(lead.firstContactDueAt).getTime() - new Date(lead.createdAt).getTime()).toBe(24 * 3_600_000);
    const stream = (await (await world.as('admin')).get(`/api/v1/leads/${lead.id}/stream`)).body.data;
    expect(stream.map((e: { type: string }) => e.type).sort()).toEqual(['assign', 'create', 'status']);
    expect(stream.find((e: { type: string }) => e.type === 'status').data).toEqual({ from: 'new', to: 'assigned' });
  });

  it('refuses a lead with nothing to identify it, naming the field', async () => {
    const res = await (await world.as('admin')).post('/api/v1/leads', { source: 'web_form', title: 'CEO' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toContain('lastName');
  });
});

describe('lead lifecycle', () => {
  const allowed: Array<[LeadStatus, LeadStatus]> = [
    ['assigned', 'in_process'],
    ['assigned', 'dead'],
    ['new', 'dead'],
    ['in_process', 'recycled'],
    ['in_process', 'dead'],
    ['recycled', 'in_process'],
  ];
  const body = (to: LeadStatus) =>
    to === 'dead'
      ? { status: to, reason: 'No budget' }
      : to === 'recycled'
        ? { status: to, recontactOn: '2027-02-01' }
        : { status: to };

  for (const [from, to] of allowed) {
    it(`allows ${from} → ${to} and records it in the Stream`, async () => {
      const id = await leadInStatus(from);
      const api = await world.as('sdrA');
      const res = await api.post(`/api/v1/leads/${id}/status`, body(to));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe(to);
      const latest = (await api.get(`/api/v1/leads/${id}/stream?limit=1`)).body.data[0];
      expect(latest.type).toBe('status');
      expect(latest.data).toMatchObject({ from, to });
    });
  }

  const targets: LeadStatus[] = ['in_process', 'recycled', 'dead'];
  const refused = LEAD_STATUSES.flatMap((from) =>
    targets.filter((to) => !allowed.some(([f, t2]) => f === from && t2 === to)).map((to) => [from, to] as const),
  );
  for (const [from, to] of refused) {
    it(`refuses ${from} → ${to} with 422 invalid_transition`, async () => {
      const id = await leadInStatus(from);
      const res = await (await world.as('sdrA')).post(`/api/v1/leads/${id}/status`, body(to));
      expect(res.status).toBe(422);
      expect(errorOf(res).code).toBe('invalid_transition');
      const after = await (await world.as('admin')).get(`/api/v1/leads/${id}`);
      expect(after.body.status).toBe(from);
    });
  }

  it('asks for a reason to mark dead and a re-contact date to recycle', async () => {
    const id = await leadInStatus('in_process');
    const api = await world.as('sdrA');
    const dead = await api.post(`/api/v1/leads/${id}/status`, { status: 'dead' });
    expect(dead.status).toBe(400);
    expect(fieldsOf(dead)).toContain('reason');
    const recycled = await api.post(`/api/v1/leads/${id}/status`, { status: 'recycled' });
    expect(recycled.status).toBe(400);
    expect(fieldsOf(recycled)).toContain('recontactOn');
    const ok = await api.post(`/api/v1/leads/${id}/status`, {
      status: 'recycled',
      recontactOn: '2026-12-01',
      reason: 'Budget next year',
    });
    expect(ok.body).toMatchObject({ status: 'recycled', recontactOn: '2026-12-01', statusReason: 'Budget next year' });
  });

  it('keeps a converted lead read-only', async () => {
    const id = await leadInStatus('converted');
    const res = await (await world.as('admin')).patch(`/api/v1/leads/${id}`, { company: 'Changed' });
    expect(res.status).toBe(422);
  });
});

describe('lead score', () => {
  it('computes and explains the score, sorts by it, and recomputes when an admin changes the weights', async () => {
    const strong = await newLead({ company: 'Score Strong', companySize: 5, industryFit: 5, engagement: 4, icpFit: 5 });
    const weak = await newLead({ company: 'Score Weak', companySize: 1, industryFit: 2, engagement: 1, icpFit: 1 });
    expect(strong.score).toBe(94); // (4+4+3+4)×25 / 4 = 93.75
    expect(weak.score).toBe(6); // (0+1+0+0)×25 / 4 = 6.25
    expect(strong.scoreExplanation.factors.find((f: { factor: string }) => f.factor === 'engagement')).toEqual({
      factor: 'engagement',
      points: 4,
      weight: 1,
      contribution: 18.8,
    });
    const admin = await world.as('admin');
    const sorted = (await admin.get('/api/v1/leads?sort=-score&q=score&limit=10')).body.data.map(
      (l: { company: string }) => l.company,
    );
    expect(sorted).toEqual(['Score Strong', 'Score Weak']);

    expect(
      (
        await (
          await world.as('amA')
        ).request('PUT', '/api/v1/lead-score-weights', { companySize: 0, industryFit: 1, engagement: 0, icpFit: 0 })
      ).status,
    ).toBe(403);
    expect(
      (await admin.request('PUT', '/api/v1/lead-score-weights', { companySize: 0, industryFit: 1, engagement: 0, icpFit: 0 }))
        .status,
    ).toBe(200);
    expect((await admin.get(`/api/v1/leads/${strong.id}`)).body.score).toBe(100);
    expect((await admin.get(`/api/v1/leads/${weak.id}`)).body.score).toBe(25);
    expect((await admin.get('/api/v1/leads?minScore=50&q=score')).body.data.map((l: { id: string }) => l.id)).toEqual([
      strong.id,
    ]);
    await admin.request('PUT', '/api/v1/lead-score-weights', { companySize: 1, industryFit: 1, engagement: 1, icpFit: 1 });
  });
});

describe('first-contact clock', () => {
  it('flags a lead not contacted within 24 hours and lists it as breached until first contact', async () => {
    try {
      const lead = await newLead({ company: 'SLA Watch s.r.o.', ownerId: world.users.sdrA.id });
      // a bearer client: moving the clock a day ahead would also end the idle cookie sessions
      const api = await t.current.bearerClient(world.users.admin);
      expect((await api.get(`/api/v1/leads/${lead.id}`)).body.slaBreached).toBe(false);
      advanceClockForTests(25 * 3_600_000);
      expect((await api.get(`/api/v1/leads/${lead.id}`)).body.slaBreached).toBe(true);
      const breached = await api.all('/api/v1/leads?view=sla_breached');
      expect(breached.map((l: { id: string }) => l.id)).toContain(lead.id);
      await recordFirstContact(t.current.db, lead.id, new Date());
      expect((await api.get(`/api/v1/leads/${lead.id}`)).body.slaBreached).toBe(false);
      expect((await api.all('/api/v1/leads?view=sla_breached')).map((l: { id: string }) => l.id)).not.toContain(lead.id);
    } finally {
      resetClockForTests();
    }
  });
});

describe('lead access', () => {
  it('shows a team queue to its members only; marketing may bring leads in but not change them', async () => {
    const t2 = t.current;
    const emptyTeam = await t2.createTeam({ name: 'Queue only', memberIds: [world.users.sdrA.id] });
    // a team with no sales member leaves the lead unassigned in the team's queue
    await t2.db.deleteFrom('teamMembers').where('teamId', '=', emptyTeam.id).execute();
    await t2.db.insertInto('teamMembers').values({ teamId: emptyTeam.id, userId: world.users.marketing.id }).execute();
    const queued = await newLead({ company: 'Queued GmbH', teamId: emptyTeam.id }, 'marketing');
    expect(queued.ownerId).toBeNull();
    expect(queued.status).toBe('new');

    const amB = await world.as('amB');
    expect((await amB.get(`/api/v1/leads/${queued.id}`)).status).toBe(404);
    expect((await amB.get(`/api/v1/leads/${queued.id}/stream`)).status).toBe(404);
    expect((await amB.get('/api/v1/leads?q=queued')).body.data).toEqual([]);

    const marketing = await world.as('marketing');
    expect((await marketing.get(`/api/v1/leads/${queued.id}`)).status).toBe(200);
    expect((await marketing.patch(`/api/v1/leads/${queued.id}`, { company: 'X' })).status).toBe(403);

    const owned = await newLead({ company: 'Owned by A', ownerId: world.users.amA.id });
    expect((await amB.get(`/api/v1/leads/${owned.id}`)).status).toBe(404);
    expect((await (await world.as('leadA')).get(`/api/v1/leads/${owned.id}`)).status).toBe(200);
    const count = (await amB.get('/api/v1/leads/count?q=owned by a')).body.count;
    expect(count).toBe(0);
  });
});
