import { describe, expect, it } from 'vitest';
import { fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('activities on records', () => {
  it('creating one from a lead writes create_related there; holding it writes to the Stream and stops the first-contact clock', async () => {
    const api = await world.as('sdrA');
    const lead = (
      await api.post('/api/v1/leads', { firstName: 'J', lastName: 'Dvořáková', company: 'AutoERP', source: 'web_form' })
    ).body;
    const created = await api.post('/api/v1/activities', {
      type: 'meeting',
      subject: 'AutoERP – requirements discovery and system presentation',
      startsAt: inHours(2),
      endsAt: inHours(3),
      videoUrl: 'https://meet.example.com/autoerp',
      relatedTo: { type: 'lead', id: lead.id },
      participants: [{ type: 'lead', id: lead.id }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: 'planned',
      relatedTo: { type: 'lead', id: lead.id, name: 'J Dvořáková' },
      participants: [{ type: 'lead', id: lead.id, name: 'J Dvořáková' }],
    });

    let stream = (await api.get(`/api/v1/leads/${lead.id}/stream`)).body.data;
    expect(stream[0]).toMatchObject({
      type: 'create_related',
      data: { relation: 'activities', record: { type: 'activity', id: created.body.id, activityType: 'meeting' } },
    });
    expect((await api.get(`/api/v1/leads/${lead.id}`)).body.firstContactedAt).toBeNull();

    const held = await api.patch(
      `/api/v1/activities/${created.body.id}`,
      { status: 'held', outcome: 'Demo went well; quote next week' },
      { headers: { 'if-match': `"${created.body.version}"` } },
    );
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    expect(held.body.completedAt).not.toBeNull();
    stream = (await api.get(`/api/v1/leads/${lead.id}/stream`)).body.data;
    expect(stream[0]).toMatchObject({ type: 'activity', data: { status: 'held', outcome: 'Demo went well; quote next week' } });
    expect((await api.get(`/api/v1/leads/${lead.id}`)).body.firstContactedAt).not.toBeNull();
    const related = await api.get(`/api/v1/activities?relatedType=lead&relatedId=${lead.id}`);
    expect(related.body.data.map((a: { id: string }) => a.id)).toEqual([created.body.id]);
  });

  it('a logged call counts as first contact at once; a planned task does not', async () => {
    const api = await world.as('sdrA');
    const lead = (await api.post('/api/v1/leads', { lastName: 'Called', source: 'cold_call' })).body;
    await api.post('/api/v1/activities', {
      type: 'task',
      subject: 'Prepare offer',
      dueAt: inHours(24),
      relatedTo: { type: 'lead', id: lead.id },
    });
    expect((await api.get(`/api/v1/leads/${lead.id}`)).body.firstContactedAt).toBeNull();
    await api.post('/api/v1/activities', {
      type: 'call',
      subject: 'Intro call',
      status: 'held',
      relatedTo: { type: 'lead', id: lead.id },
    });
    expect((await api.get(`/api/v1/leads/${lead.id}`)).body.firstContactedAt).not.toBeNull();
  });

  it('recycling a lead creates a re-contact task for that day', async () => {
    const api = await world.as('sdrA');
    const lead = (await api.post('/api/v1/leads', { lastName: 'Later', company: 'Budget 2027 s.r.o.', source: 'referral' })).body;
    await api.post(`/api/v1/leads/${lead.id}/status`, { status: 'in_process' });
    await api.post(`/api/v1/leads/${lead.id}/status`, {
      status: 'recycled',
      recontactOn: '2027-01-15',
      reason: 'Budget next year',
    });
    const tasks = (await api.get(`/api/v1/activities?relatedType=lead&relatedId=${lead.id}&type=task`)).body.data;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      subject: 'Re-contact Later',
      status: 'planned',
      ownerId: world.users.sdrA.id,
      description: 'Budget next year',
    });
    expect(tasks[0].dueAt.startsWith('2027-01-15')).toBe(true);
  });

  it('refuses outcomes that do not fit the type, bad times and invisible related records, naming the field', async () => {
    const api = await world.as('amA');
    const task = await api.post('/api/v1/activities', { type: 'task', subject: 'X', status: 'held' });
    expect(task.status).toBe(400);
    expect(fieldsOf(task)).toContain('status');
    const times = await api.post('/api/v1/activities', {
      type: 'meeting',
      subject: 'X',
      startsAt: inHours(3),
      endsAt: inHours(2),
    });
    expect(fieldsOf(times)).toContain('endsAt');
    const noStart = await api.post('/api/v1/activities', { type: 'call', subject: 'X' });
    expect(fieldsOf(noStart)).toContain('startsAt');
    const foreign = (await (await world.as('amB')).post('/api/v1/accounts', { name: 'Vertrieb Nord GmbH' })).body;
    const hidden = await api.post('/api/v1/activities', {
      type: 'task',
      subject: 'X',
      relatedTo: { type: 'account', id: foreign.id },
    });
    expect(hidden.status).toBe(400);
    expect(fieldsOf(hidden)).toEqual(['relatedTo.id']);
    const amB = await world.as('amB');
    const mine = (await api.post('/api/v1/activities', { type: 'task', subject: 'Private follow-up' })).body;
    expect((await amB.get(`/api/v1/activities/${mine.id}`)).status).toBe(404);
  });
});

describe('my day', () => {
  it("shows today's meetings, due and overdue tasks, and my leads waiting for first contact", async () => {
    const user = await t.current.createUserWithRole('sdr', { teamIds: [world.teamA] });
    const api = await t.current.loginAs(user.email);
    const today = new Date();
    const at = (h: number, dayOffset = 0) => {
      const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + dayOffset, h));
      return d.toISOString();
    };
    await api.post('/api/v1/activities', { type: 'meeting', subject: 'Today 10', startsAt: at(10) });
    await api.post('/api/v1/activities', { type: 'call', subject: 'Today 9', startsAt: at(9) });
    await api.post('/api/v1/activities', { type: 'meeting', subject: 'Tomorrow', startsAt: at(10, 1) });
    await api.post('/api/v1/activities', { type: 'task', subject: 'Overdue', dueAt: at(9, -2) });
    await api.post('/api/v1/activities', { type: 'task', subject: 'Next week', dueAt: at(9, 7) });
    const done = (await api.post('/api/v1/activities', { type: 'task', subject: 'Done', dueAt: at(8) })).body;
    await api.patch(`/api/v1/activities/${done.id}`, { status: 'completed' });
    const lead = (await api.post('/api/v1/leads', { lastName: 'Waiting', source: 'web_form' })).body;

    const res = await api.get(`/api/v1/my-day?tz=UTC&date=${at(0).slice(0, 10)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.agenda.map((a: { subject: string }) => a.subject)).toEqual(['Today 9', 'Today 10']);
    expect(res.body.tasks.map((a: { subject: string; overdue: boolean }) => [a.subject, a.overdue])).toEqual([['Overdue', true]]);
    expect(res.body.leadsAwaitingContact.map((l: { id: string }) => l.id)).toEqual([lead.id]);
    expect((await api.get('/api/v1/my-day?tz=Mars/Olympus')).status).toBe(400);
  });
});
