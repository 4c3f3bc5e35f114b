import { afterEach, describe, expect, it } from 'vitest';
import { checkStalledDeals } from '../../src/server/modules/opportunities/stalled.service.js';
import { advanceClockForTests, resetClockForTests } from '../../src/server/platform/clock.js';
import { fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { newOpportunity, STAGES, streamOf } from './helpers.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});
afterEach(() => resetClockForTests());

/** Bearer clients: sessions would expire while the tests move the clock by weeks. */
const clients = new Map<string, Awaited<ReturnType<typeof t.current.bearerClient>>>();
async function as(who: keyof World['users']) {
  let c = clients.get(who);
  if (!c) {
    c = await t.current.bearerClient(world.users[who]);
    clients.set(who, c);
  }
  return c;
}

const DAY = 86_400_000;
const rules = {
  default: { noActivityDays: 10, maxDaysInStage: 20, escalateAfterDays: 5 },
  pipelines: {},
};

async function notes(who: keyof World['users']) {
  return ((await (await as(who)).get('/api/v1/notifications?limit=50')).body.data as Array<Record<string, any>>).filter(
    (n) => n.type === 'stalled_deal',
  );
}

describe('stalled deals', () => {
  it('rules are admin-only; stalled is computed with the clock, listed, notified once, escalated once', async () => {
    const admin = await as('admin');
    const am = await as('amA');
    expect((await am.request('PUT', '/api/v1/stalled-deal-rules', rules)).status).toBe(403);
    const bad = await admin.request('PUT', '/api/v1/stalled-deal-rules', {
      ...rules,
      default: { ...rules.default, noActivityDays: 0 },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toContain('default.noActivityDays');
    expect((await admin.request('PUT', '/api/v1/stalled-deal-rules', rules)).status).toBe(200);
    expect((await am.get('/api/v1/stalled-deal-rules')).body.default).toEqual(rules.default);

    const quiet = await newOpportunity(am, { name: 'Quiet deal' });
    const busy = await newOpportunity(am, { name: 'Busy deal' });
    expect((await am.get(`/api/v1/opportunities/${quiet.id}`)).body).toMatchObject({ stalled: false, stalledReason: null });

    advanceClockForTests(11 * DAY);
    await am.post(`/api/v1/opportunities/${busy.id}/stream`, { type: 'note', body: 'Called the buyer' });
    const q = await am.get(`/api/v1/opportunities/${quiet.id}`);
    expect(q.body).toMatchObject({ stalled: true, stalledReason: 'no_activity' });
    expect((await am.get(`/api/v1/opportunities/${busy.id}`)).body.stalled).toBe(false);
    const list = await am.get('/api/v1/opportunities?stalled=true');
    expect(list.body.data.map((o: any) => o.id)).toEqual([quiet.id]);
    const board = await am.get('/api/v1/pipelines/01900000-0000-7000-8000-000000000001/board');
    const cards = board.body.columns.flatMap((c: any) => c.cards);
    expect(cards.find((c: any) => c.id === quiet.id)).toMatchObject({ stalled: true, stalledReason: 'no_activity' });
    // team scope: another team's user never sees it in the stalled list
    expect((await (await as('amB')).get('/api/v1/opportunities?stalled=true')).body.data).toEqual([]);

    expect(await checkStalledDeals(t.current.db)).toMatchObject({ notified: 1, escalated: 0 });
    expect(await checkStalledDeals(t.current.db)).toMatchObject({ notified: 0, escalated: 0 });
    expect(await notes('amA')).toHaveLength(1);
    expect((await notes('amA'))[0]).toMatchObject({ title: 'Stalled deal: Quiet deal', link: `/opportunities/${quiet.id}` });

    advanceClockForTests(6 * DAY);
    // 17 days: the busy deal is not stalled (note 6 days ago, 17 < 20 days in stage); the quiet one escalates
    expect(await checkStalledDeals(t.current.db)).toMatchObject({ notified: 0, escalated: 1 });
    const leadNotes = await notes('leadA');
    expect(leadNotes.map((n) => n.title)).toEqual(['Escalated: Quiet deal is still stalled']);
    expect(await checkStalledDeals(t.current.db)).toMatchObject({ notified: 0, escalated: 0 });
  });

  it('time in stage counts; resolving: continue (task + plan), on hold, close as lost — each in the Stream', async () => {
    const admin = await as('admin');
    const am = await as('amA');
    await admin.request('PUT', '/api/v1/stalled-deal-rules', {
      default: { noActivityDays: null, maxDaysInStage: 20, escalateAfterDays: null },
    });
    const a = await newOpportunity(am, { name: 'A' });
    const b = await newOpportunity(am, { name: 'B' });
    const c = await newOpportunity(am, { name: 'C' });
    advanceClockForTests(21 * DAY);
    for (const d of [a, b, c])
      expect((await am.get(`/api/v1/opportunities/${d.id}`)).body.stalledReason).toBe('too_long_in_stage');
    await checkStalledDeals(t.current.db);

    const noPlan = await am.post(`/api/v1/opportunities/${a.id}/stall-resolution`, { action: 'continue' });
    expect(noPlan.status).toBe(400);
    expect(fieldsOf(noPlan)).toContain('plan');
    const cont = await am.post(`/api/v1/opportunities/${a.id}/stall-resolution`, {
      action: 'continue',
      plan: 'Workshop with IT in two weeks',
    });
    expect(cont.status, JSON.stringify(cont.body)).toBe(200);
    expect(cont.body).toMatchObject({ stalled: false, nextStep: 'Workshop with IT in two weeks', onHold: false });
    const tasks = (await am.get(`/api/v1/activities?relatedType=opportunity&relatedId=${a.id}`)).body.data ?? [];
    const streamA = await streamOf(am, 'opportunities', a.id);
    const stallEntry = streamA.find((e) => e.type === 'stall');
    expect(stallEntry?.data).toMatchObject({
      action: 'continue',
      plan: 'Workshop with IT in two weeks',
      was: { stalled: true, reason: 'too_long_in_stage' },
    });
    expect(streamA.some((e) => e.type === 'create_related' && e.data.relation === 'activities')).toBe(true);
    void tasks;

    const hold = await am.post(`/api/v1/opportunities/${b.id}/stall-resolution`, {
      action: 'on_hold',
      reason: 'Budget frozen until Q2',
    });
    expect(hold.body).toMatchObject({ onHold: true, forecastCategory: 'omitted', stalled: false });
    expect((await streamOf(am, 'opportunities', b.id)).find((e) => e.type === 'stall')?.data).toMatchObject({
      action: 'on_hold',
      reason: 'Budget frozen until Q2',
      forecastCategory: { from: 'pipeline', to: 'omitted' },
    });

    const lost = await am.post(`/api/v1/opportunities/${c.id}/stall-resolution`, {
      action: 'close_lost',
      reason: 'no_decision',
      note: 'Silent for a month',
    });
    expect(lost.body).toMatchObject({ status: 'lost', lostReason: 'no_decision', stalled: false });
    const streamC = (await streamOf(am, 'opportunities', c.id)).map((e) => e.type);
    expect(streamC.slice(0, 2)).toEqual(['stall', 'status']);
    expect((await am.post(`/api/v1/opportunities/${c.id}/stall-resolution`, { action: 'on_hold', reason: 'x' })).status).toBe(
      422,
    );

    // the stall marks of resolved deals are cleared by the next round; none is stalled now
    expect(await checkStalledDeals(t.current.db)).toMatchObject({ notified: 0 });
    const stalledNow = (await am.get('/api/v1/opportunities?stalled=true&limit=100')).body.data.map((o: any) => o.id);
    expect(stalledNow.filter((id: string) => [a.id, b.id, c.id].includes(id))).toEqual([]);
    // a read-only role cannot resolve
    expect(
      (await (await as('marketing')).post(`/api/v1/opportunities/${a.id}/stall-resolution`, { action: 'on_hold', reason: 'x' }))
        .status,
    ).toBe(403);
    void STAGES;
  });

  it('notifies the owner and escalates to the team lead, each in their own language', async () => {
    const admin = await as('admin');
    await admin.request('PUT', '/api/v1/stalled-deal-rules', {
      default: { noActivityDays: 10, maxDaysInStage: null, escalateAfterDays: 5 },
      pipelines: {},
    });
    const { db } = t.current;
    await db.updateTable('users').set({ locale: 'cs' }).where('id', '=', world.users.amA2.id).execute();
    await db.updateTable('users').set({ locale: 'de' }).where('id', '=', world.users.leadA.id).execute();
    try {
      const deal = await newOpportunity(await as('amA2'), { name: 'Tichý obchod' });
      const about = async (who: keyof World['users']) =>
        (await notes(who)).filter((n) => n.link === `/opportunities/${deal.id}`).map((n) => ({ title: n.title, body: n.body }));

      advanceClockForTests(11 * DAY);
      await checkStalledDeals(t.current.db);
      expect(await about('amA2')).toEqual([{ title: 'Váznoucí obchod: Tichý obchod', body: 'Příliš dlouho bez aktivity' }]);

      advanceClockForTests(6 * DAY);
      await checkStalledDeals(t.current.db);
      const [escalation, ...more] = await about('leadA');
      expect(more).toEqual([]);
      expect(escalation?.title).toBe('Eskalation: Tichý obchod stockt weiterhin');
      expect(escalation?.body).toMatch(
        /^Der Verantwortliche wurde am \d{2}\.\d{2}\.\d{4} benachrichtigt, seitdem hat sich nichts geändert\.$/,
      );
    } finally {
      await db
        .updateTable('users')
        .set({ locale: 'en' })
        .where('id', 'in', [world.users.amA2.id, world.users.leadA.id])
        .execute();
    }
  });
});
