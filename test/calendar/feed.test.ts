import { describe, expect, it } from 'vitest';
import { advanceClockForTests, now } from '../../src/server/platform/clock.js';
import { type Client, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { parseIcs } from './helpers.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});
const inDays = (d: number, hour = 9) => {
  const x = new Date(now().getTime() + d * 86_400_000);
  x.setUTCHours(hour, 0, 0, 0);
  return x.toISOString();
};
const feedPath = (url: string) => new URL(url).pathname;

async function create(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/activities', body);
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

describe('private ICS feed', () => {
  it('needs sign-in to get the URL; the URL is stable until rotated', async () => {
    expect((await t.current.api.get('/api/v1/calendar/feed')).status).toBe(401);
    const am = await world.as('amA');
    const first = await am.get('/api/v1/calendar/feed');
    expect(first.status).toBe(200);
    expect(first.body.url).toMatch(/^http:\/\/localhost:3000\/api\/v1\/calendar\/feed\/[A-Za-z0-9_-]+\.ics$/);
    expect((await am.get('/api/v1/calendar/feed')).body.url).toBe(first.body.url);
    // stored hashed: the token itself is nowhere in the table in clear
    const token = /feed\/(.+)\.ics$/.exec(first.body.url)?.[1] as string;
    const row = await t.current.db
      .selectFrom('calendarFeedTokens')
      .selectAll()
      .where('userId', '=', world.users.amA.id)
      .executeTakeFirstOrThrow();
    expect(row.tokenHash).not.toContain(token);
    expect(row.tokenEncrypted).not.toContain(token);
  });

  it("lists the user's meetings, calls and tasks of the window with stable UIDs, sequence and status", async () => {
    const am = await world.as('amA');
    const lead = await am.post('/api/v1/leads', {
      firstName: 'Jana',
      lastName: 'Dvořáková',
      company: 'AutoERP s.r.o.',
      email: 'jana@autoerp.example',
    });
    expect(lead.status).toBe(201);
    const meeting = await create(am, {
      type: 'meeting',
      subject: 'AutoERP – requirements discovery and system presentation',
      description: 'Agenda: current ERP, pain points',
      startsAt: inDays(3, 9),
      endsAt: inDays(3, 10),
      location: 'Brno, Technická 12',
      videoUrl: 'https://meet.example.com/autoerp',
      relatedTo: { type: 'lead', id: lead.body.id },
    });
    const moved = await am.patch(
      `/api/v1/activities/${meeting.id}`,
      { startsAt: inDays(4, 9), endsAt: inDays(4, 10) },
      { headers: { 'if-match': `"${meeting.version}"` } },
    );
    expect(moved.status).toBe(200);
    const call = await create(am, { type: 'call', subject: 'Follow-up call', startsAt: inDays(-2, 13) });
    const task = await create(am, { type: 'task', subject: 'Send the proposal', dueAt: inDays(6, 15) });
    const cancelled = await create(am, { type: 'meeting', subject: 'Cancelled visit', startsAt: inDays(10, 8) });
    expect(
      (await am.patch(`/api/v1/activities/${cancelled.id}`, { status: 'cancelled' }, { headers: { 'if-match': '"1"' } })).status,
    ).toBe(200);
    const old = await create(am, { type: 'call', subject: 'Too old', startsAt: inDays(-40, 9) });
    const email = await create(am, { type: 'email', subject: 'Not a calendar item', dueAt: inDays(1) });
    const deleted = await create(am, { type: 'call', subject: 'Deleted call', startsAt: inDays(2) });
    expect((await am.delete(`/api/v1/activities/${deleted.id}`)).status).toBe(204);
    // someone else's meeting where amA is a participant is in amA's feed; amA2's own task is not
    const am2 = await world.as('amA2');
    const joint = await create(am2, {
      type: 'meeting',
      subject: 'Joint pitch',
      startsAt: inDays(5, 11),
      participants: [{ type: 'user', id: world.users.amA.id }],
    });
    const foreign = await create(am2, { type: 'task', subject: 'Private to amA2', dueAt: inDays(2) });

    const { url } = (await am.get('/api/v1/calendar/feed')).body;
    const res = await t.current.api.get(feedPath(url)); // no session: the token is the credential
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const { events } = parseIcs(res.body);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    for (const id of [meeting.id, call.id, task.id, cancelled.id, joint.id]) expect(byUid.has(`${id}@stride`)).toBe(true);
    for (const id of [old.id, email.id, deleted.id, foreign.id]) expect(byUid.has(`${id}@stride`)).toBe(false);

    const m = byUid.get(`${meeting.id}@stride`) as (typeof events)[number];
    expect(m.summary).toBe('AutoERP – requirements discovery and system presentation');
    expect(m.sequence).toBe(2);
    expect(m.start.toJSDate().toISOString()).toBe(inDays(4, 9));
    expect(m.end.toJSDate().toISOString()).toBe(inDays(4, 10));
    expect(m.location).toBe('Brno, Technická 12');
    expect(m.url).toBe('https://meet.example.com/autoerp');
    expect(m.description).toContain('Agenda: current ERP');
    expect(m.organizer).toBe(`mailto:${world.users.amA.email}`);
    expect(m.status).toBe('CONFIRMED');
    expect(m.dtstamp).toBeTruthy();

    const c = byUid.get(`${cancelled.id}@stride`) as (typeof events)[number];
    expect(c.status).toBe('CANCELLED');
    expect(c.sequence).toBe(2);
    const tk = byUid.get(`${task.id}@stride`) as (typeof events)[number];
    expect(tk.allDay).toBe(true);
    expect(tk.start.toString()).toBe(inDays(6).slice(0, 10));
    expect(byUid.get(`${joint.id}@stride`)?.organizer).toBe(`mailto:${world.users.amA2.email}`);
  });

  it('rotating revokes the old URL (404) and issues a working new one', async () => {
    const am = await world.as('amA');
    const before = (await am.get('/api/v1/calendar/feed')).body.url as string;
    const rotated = await am.post('/api/v1/calendar/feed/rotate');
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).not.toBe(before);
    expect((await t.current.api.get(feedPath(before))).status).toBe(404);
    expect((await t.current.api.get(feedPath(rotated.body.url))).status).toBe(200);
    expect((await am.get('/api/v1/calendar/feed')).body.url).toBe(rotated.body.url);
    expect((await t.current.api.get('/api/v1/calendar/feed/not-a-token.ics')).status).toBe(404);
    expect((await t.current.api.get('/api/v1/calendar/feed/whatever')).status).toBe(404);
    // the revocation is in the user's Stream
    const entries = await t.current.db
      .selectFrom('streamEntries')
      .select('data')
      .where('entityType', '=', 'user')
      .where('entityId', '=', world.users.amA.id)
      .execute();
    expect(JSON.stringify(entries)).toContain('revoked');
  });

  it('the window moves with time', async () => {
    const am = await world.as('amA');
    const soon = await create(am, { type: 'call', subject: 'Will age out', startsAt: inDays(1) });
    const { url } = (await am.get('/api/v1/calendar/feed')).body;
    expect(parseIcs((await t.current.api.get(feedPath(url))).body).events.some((e) => e.uid === `${soon.id}@stride`)).toBe(true);
    advanceClockForTests(35 * 86_400_000);
    expect(parseIcs((await t.current.api.get(feedPath(url))).body).events.some((e) => e.uid === `${soon.id}@stride`)).toBe(false);
  });
});
