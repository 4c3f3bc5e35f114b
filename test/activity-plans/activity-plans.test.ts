import { describe, expect, it } from 'vitest';
import { planItemsOpen } from '../../src/server/modules/activity-plans/activity-plans.service.js';
import { errorOf, fieldsOf, type Json, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});

const enterprisePlan = () => ({
  name: 'New enterprise deal',
  description: 'Seed 003: the checklist every enterprise deal goes through',
  items: [
    { type: 'call', subject: 'Discovery call', dueDayOffset: 0 },
    { type: 'meeting', subject: 'Demo', dueDayOffset: 5, owner: { kind: 'applier' } },
    { type: 'task', subject: 'Send proposal', dueDayOffset: 10 },
  ],
});

async function createPlan(body: Json = enterprisePlan()) {
  const res = await (await world.as('admin')).post('/api/v1/activity-plans', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('activity plans: CRUD', () => {
  it('admins create, read, change (If-Match) and delete plans; items keep their ids', async () => {
    const plan = await createPlan();
    expect(plan.items).toHaveLength(3);
    expect(plan.items[0]).toMatchObject({
      type: 'call',
      subject: 'Discovery call',
      dueDayOffset: 0,
      owner: { kind: 'record_owner' },
    });
    expect(plan.items[0].id).toEqual(expect.any(String));

    const admin = await world.as('admin');
    const got = await admin.get(`/api/v1/activity-plans/${plan.id}`);
    expect(got.headers.etag).toBe(`"${plan.version}"`);

    const items = [
      plan.items[0],
      { ...plan.items[2], dueDayOffset: 7 },
      { type: 'email', subject: 'Follow-up', dueDayOffset: 12 },
    ];
    const changed = await admin.patch(
      `/api/v1/activity-plans/${plan.id}`,
      { name: 'Enterprise deal', items },
      { headers: { 'if-match': `"${plan.version}"` } },
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.items.map((i: Json) => i.id).slice(0, 2)).toEqual([plan.items[0].id, plan.items[2].id]);
    expect(changed.body.items[1].dueDayOffset).toBe(7);
    const staleRes = await admin.patch(
      `/api/v1/activity-plans/${plan.id}`,
      { name: 'Again' },
      { headers: { 'if-match': `"${plan.version}"` } },
    );
    expect(staleRes.status).toBe(412);

    const stream = await admin.get(`/api/v1/activity-plans/${plan.id}/stream`);
    expect(stream.body.data.map((e: Json) => e.type)).toEqual(['update', 'create']);
    expect(stream.body.data[0].data.changes).toEqual(
      expect.arrayContaining([{ field: 'name', old: 'New enterprise deal', new: 'Enterprise deal' }]),
    );

    const list = await (await world.as('amA')).get('/api/v1/activity-plans');
    expect(list.body.data.map((p: Json) => p.id)).toContain(plan.id);

    expect(
      (await admin.delete(`/api/v1/activity-plans/${plan.id}`, { headers: { 'if-match': `"${changed.body.version}"` } })).status,
    ).toBe(204);
    expect((await admin.get(`/api/v1/activity-plans/${plan.id}`)).status).toBe(404);
    expect((await admin.post(`/api/v1/activity-plans/${plan.id}/restore`)).status).toBe(200);
  });

  it('only admins change plans; bad input names the field', async () => {
    const amA = await world.as('amA');
    const res = await amA.post('/api/v1/activity-plans', enterprisePlan());
    expect(res.status).toBe(403);
    const admin = await world.as('admin');
    const bad = await admin.post('/api/v1/activity-plans', {
      name: 'X',
      items: [{ type: 'visit', subject: '', dueDayOffset: -1 }],
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['items.0.type', 'items.0.subject', 'items.0.dueDayOffset']));
    const empty = await admin.post('/api/v1/activity-plans', { name: 'Empty', items: [] });
    expect(fieldsOf(empty)).toContain('items');
    const ghost = await admin.post('/api/v1/activity-plans', {
      name: 'Ghost owner',
      items: [
        { type: 'task', subject: 'x', dueDayOffset: 1, owner: { kind: 'user', userId: '0190b3a0-0000-7000-8000-0000000000ff' } },
      ],
    });
    expect(ghost.status).toBe(400);
    expect(fieldsOf(ghost)).toEqual(['items.0.owner.userId']);
  });
});

describe('activity plans: apply and progress', () => {
  it('creates the activities in one go with due dates and owners, writes the Stream, and reports progress', async () => {
    const plan = await createPlan();
    const amA = await world.as('amA');
    const account = (await amA.post('/api/v1/accounts', { name: 'AutoERP a.s.', ownerId: world.users.amA2.id })).body;
    const startAt = '2026-11-02T09:00:00.000Z';
    const applied = await amA.post(`/api/v1/activity-plans/${plan.id}/apply`, {
      relatedTo: { type: 'account', id: account.id },
      startAt,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body).toMatchObject({
      planId: plan.id,
      planName: 'New enterprise deal',
      done: 0,
      open: 3,
      total: 3,
      skipped: 0,
    });

    const activities: Json[] = (await amA.get(`/api/v1/activities?relatedType=account&relatedId=${account.id}&limit=50`)).body
      .data;
    const bySubject = new Map(activities.map((a) => [a.subject, a]));
    expect(bySubject.get('Discovery call')).toMatchObject({
      type: 'call',
      status: 'planned',
      startsAt: startAt,
      ownerId: world.users.amA2.id,
    });
    expect(bySubject.get('Demo')).toMatchObject({
      type: 'meeting',
      startsAt: '2026-11-07T09:00:00.000Z',
      ownerId: world.users.amA.id,
    });
    expect(bySubject.get('Send proposal')).toMatchObject({
      type: 'task',
      dueAt: '2026-11-12T09:00:00.000Z',
      ownerId: world.users.amA2.id,
    });

    const stream: Json[] = (await amA.get(`/api/v1/accounts/${account.id}/stream`)).body.data;
    const planEntry = stream.find((e) => e.type === 'create_related' && e.data.relation === 'activity_plans');
    expect(planEntry?.data.record).toEqual({ type: 'activity_plan', id: plan.id, name: 'New enterprise deal' });
    expect(stream.filter((e) => e.type === 'create_related' && e.data.relation === 'activities')).toHaveLength(3);

    // complete one, cancel one: progress and the stage-gate hook follow
    const call = bySubject.get('Discovery call');
    const amA2 = await world.as('amA2');
    expect(
      (
        await amA2.patch(
          `/api/v1/activities/${call.id}`,
          { status: 'held', outcome: 'Needs ERP by Q2' },
          { headers: { 'if-match': `"${call.version}"` } },
        )
      ).status,
    ).toBe(200);
    const task = bySubject.get('Send proposal');
    expect(
      (
        await amA2.patch(
          `/api/v1/activities/${task.id}`,
          { status: 'cancelled' },
          { headers: { 'if-match': `"${task.version}"` } },
        )
      ).status,
    ).toBe(200);
    const progress = await amA.get(`/api/v1/activity-plans/progress?relatedType=account&relatedId=${account.id}`);
    expect(progress.status).toBe(200);
    expect(progress.body.data).toHaveLength(1);
    expect(progress.body.data[0]).toMatchObject({ done: 1, skipped: 1, open: 1, total: 3 });
    expect(progress.body.data[0].items.map((i: Json) => [i.position, i.status])).toEqual([
      [0, 'held'],
      [1, 'planned'],
      [2, 'cancelled'],
    ]);
    expect(await planItemsOpen(t.current.db, { type: 'account', id: account.id })).toBe(1);
    expect(await planItemsOpen(t.current.db, { type: 'account', id: account.id }, plan.id)).toBe(1);
    expect(await planItemsOpen(t.current.db, { type: 'account', id: account.id }, '0190b3a0-0000-7000-8000-0000000000ff')).toBe(
      0,
    );
  });

  it('refuses a record the user cannot see (and shows no progress of it), an inactive plan, and marketing', async () => {
    const plan = await createPlan();
    const amB = await world.as('amB');
    const hidden = (await amB.post('/api/v1/leads', { lastName: 'Henry', company: 'Hidden GmbH', source: 'other' })).body;
    const amA = await world.as('amA');
    const res = await amA.post(`/api/v1/activity-plans/${plan.id}/apply`, { relatedTo: { type: 'lead', id: hidden.id } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['relatedTo.id']);
    expect((await amA.get(`/api/v1/activity-plans/progress?relatedType=lead&relatedId=${hidden.id}`)).status).toBe(404);
    const none = await amB.get(`/api/v1/activities?relatedType=lead&relatedId=${hidden.id}`);
    expect(none.body.data).toEqual([]);

    const missing = await amA.post('/api/v1/activity-plans/0190b3a0-0000-7000-8000-0000000000ff/apply', {
      relatedTo: { type: 'lead', id: hidden.id },
    });
    expect(missing.status).toBe(404);

    const admin = await world.as('admin');
    const off = await admin.patch(
      `/api/v1/activity-plans/${plan.id}`,
      { active: false },
      { headers: { 'if-match': `"${plan.version}"` } },
    );
    expect(off.status).toBe(200);
    const own = (await amA.post('/api/v1/leads', { lastName: 'Nováková', company: 'Own s.r.o.', source: 'other' })).body;
    const inactive = await amA.post(`/api/v1/activity-plans/${plan.id}/apply`, { relatedTo: { type: 'lead', id: own.id } });
    expect(inactive.status).toBe(422);
    expect(errorOf(inactive).code).toBe('invalid_transition');
    // nothing half-written
    expect((await amA.get(`/api/v1/activities?relatedType=lead&relatedId=${own.id}`)).body.data).toEqual([]);

    const active = await createPlan();
    const marketing = await world.as('marketing');
    const refused = await marketing.post(`/api/v1/activity-plans/${active.id}/apply`, {
      relatedTo: { type: 'lead', id: own.id },
    });
    expect(refused.status).toBe(403);
    expect((await amA.get(`/api/v1/activity-plans/progress?relatedType=lead&relatedId=${own.id}`)).body.data).toEqual([]);
  });
});
