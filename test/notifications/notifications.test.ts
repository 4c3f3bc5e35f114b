import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { mentionMarkup, parseMentions } from '../../src/domain/notifications/mentions.js';
import { recordFirstContact } from '../../src/server/modules/leads/first-contact.js';
import { checkLeadSlaBreaches } from '../../src/server/modules/leads/lead-sla-breach.js';
import { advanceClockForTests, resetClockForTests } from '../../src/server/platform/clock.js';
import { type Client, errorOf, fieldsOf, type Json, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});

type Who = keyof World['users'];

async function newLead(who: Who, body: Record<string, unknown> = {}) {
  const res = await (await world.as(who)).post('/api/v1/leads', {
    lastName: 'Dvořáková',
    company: 'AutoERP s.r.o.',
    source: 'web_form',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function notificationsOf(who: Who, query = ''): Promise<Json[]> {
  const res = await (await world.as(who)).get(`/api/v1/notifications${query}`);
  expect(res.status).toBe(200);
  return res.body.data;
}

const mention = (who: Who) => mentionMarkup(world.users[who].name, world.users[who].id);

describe('@mentions', () => {
  it('parses the markup the composer writes, once per user', () => {
    const id = '0190b3a0-0000-7000-8000-000000000001';
    expect(parseMentions(`hi ${mentionMarkup('Jana [N]', id)} and again @[Jana](user:${id}) and @plain`)).toEqual([
      { name: 'Jana  N', userId: id },
    ]);
  });

  it('notifies mentioned users who can see the record, and nobody who cannot (no leak)', async () => {
    const lead = await newLead('amA');
    const amA = await world.as('amA');
    const body = `Please call them, ${mention('amA2')} and ${mention('amB')}; cc ${mention('director')} ${mention('amA')}`;
    const res = await amA.post(`/api/v1/leads/${lead.id}/stream`, { type: 'note', body });
    expect(res.status).toBe(201);

    const [n] = await notificationsOf('amA2');
    expect(n).toMatchObject({
      type: 'mention',
      link: `/leads/${lead.id}`,
      entity: { type: 'lead', id: lead.id },
      actor: { id: world.users.amA.id, name: world.users.amA.name },
      readAt: null,
    });
    expect(n.title).toContain(world.users.amA.name);
    expect(n.body).toContain(`@${world.users.amA2.name}`);
    expect((await notificationsOf('director'))[0]?.entity?.id).toBe(lead.id);
    // amB (team B) cannot open amA's lead: not notified, so not even its name leaks; the author is not notified
    expect((await notificationsOf('amB')).filter((x) => x.entity?.id === lead.id)).toEqual([]);
    expect((await notificationsOf('amA')).filter((x) => x.type === 'mention' && x.entity?.id === lead.id)).toEqual([]);
  });

  it('works on accounts too and ignores unknown user ids', async () => {
    const admin = await world.as('admin');
    const account = (await admin.post('/api/v1/accounts', { name: 'Mention Test a.s.', ownerId: world.users.amB.id })).body;
    const ghost = '0190b3a0-0000-7000-8000-0000000000ff';
    const res = await admin.post(`/api/v1/accounts/${account.id}/stream`, {
      type: 'note',
      body: `${mention('amB')} ${mention('amA')} @[Ghost](user:${ghost})`,
    });
    expect(res.status).toBe(201);
    expect((await notificationsOf('amB')).some((n) => n.type === 'mention' && n.link === `/accounts/${account.id}`)).toBe(true);
    expect((await notificationsOf('amA')).some((n) => n.entity?.id === account.id)).toBe(false);
  });
});

describe('assignment notifications', () => {
  it('tells the new owner of a lead, contact or account, but not someone assigning to themselves', async () => {
    const lead = await newLead('leadA', { ownerId: world.users.leadA.id });
    const leadA = await world.as('leadA');
    const res = await leadA.patch(
      `/api/v1/leads/${lead.id}`,
      { ownerId: world.users.sdrA.id },
      { headers: { 'if-match': `"${lead.version}"` } },
    );
    expect(res.status).toBe(200);
    const n = (await notificationsOf('sdrA')).find((x) => x.type === 'assignment' && x.entity?.id === lead.id);
    expect(n).toMatchObject({ link: `/leads/${lead.id}`, actor: { id: world.users.leadA.id } });
    expect(n.title).toContain('Dvořáková');
    expect((await notificationsOf('leadA')).some((x) => x.type === 'assignment' && x.entity?.id === lead.id)).toBe(false);

    const admin = await world.as('admin');
    const contact = (await admin.post('/api/v1/contacts', { firstName: 'Jan', lastName: 'Říha' })).body;
    const moved = await admin.patch(
      `/api/v1/contacts/${contact.id}`,
      { ownerId: world.users.amB.id },
      { headers: { 'if-match': `"${contact.version}"` } },
    );
    expect(moved.status).toBe(200);
    expect((await notificationsOf('amB')).some((x) => x.type === 'assignment' && x.link === `/contacts/${contact.id}`)).toBe(
      true,
    );
  });

  it('tells the owner a round-robin handed a new lead to', async () => {
    const lead = await newLead('marketing', { teamId: world.teamB, email: 'rr@example.de' });
    expect(lead.ownerId).toBeTruthy();
    const owner = (Object.keys(world.users) as Who[]).find((k) => world.users[k].id === lead.ownerId) as Who;
    expect((await notificationsOf(owner)).some((x) => x.type === 'assignment' && x.entity?.id === lead.id)).toBe(true);
  });
});

describe('first-contact SLA breach', () => {
  it('notifies the owner and the team lead once, and not for leads already contacted', async () => {
    const breached = await newLead('leadA', { ownerId: world.users.sdrA.id, teamId: world.teamA, email: 'late@example.cz' });
    const contacted = await newLead('leadA', { ownerId: world.users.amA2.id, teamId: world.teamA, email: 'early@example.cz' });
    await recordFirstContact(t.current.db, contacted.id, new Date());
    try {
      expect(await checkLeadSlaBreaches(t.current.db)).toBe(0);
      advanceClockForTests(25 * 3_600_000);
      expect(await checkLeadSlaBreaches(t.current.db)).toBeGreaterThanOrEqual(1);
      expect(await checkLeadSlaBreaches(t.current.db)).toBe(0);
    } finally {
      resetClockForTests();
    }
    const forSdr = (await notificationsOf('sdrA')).filter((x) => x.type === 'sla_breach' && x.entity?.id === breached.id);
    const forLead = (await notificationsOf('leadA')).filter((x) => x.type === 'sla_breach' && x.entity?.id === breached.id);
    expect(forSdr).toHaveLength(1);
    expect(forLead).toHaveLength(1);
    expect(forSdr[0].link).toBe(`/leads/${breached.id}`);
    expect((await notificationsOf('amA2')).some((x) => x.type === 'sla_breach' && x.entity?.id === contacted.id)).toBe(false);
    const row = await t.current.db
      .selectFrom('leads')
      .select('slaNotifiedAt')
      .where('id', '=', breached.id)
      .executeTakeFirstOrThrow();
    expect(row.slaNotifiedAt).toBeInstanceOf(Date);
  });
});

describe('reading notifications', () => {
  it('counts unread, marks one or all read, pages, and keeps them private', async () => {
    const admin = await world.as('admin');
    const amA2 = await world.as('amA2');
    await amA2.post('/api/v1/notifications/read-all');
    for (let i = 0; i < 3; i++) {
      const lead = await newLead('admin', { ownerId: world.users.amA.id, email: `page${i}@example.cz` });
      await admin.post(`/api/v1/leads/${lead.id}/stream`, { type: 'note', body: `${mention('amA2')} #${i}` });
    }
    expect((await amA2.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 3 });

    const first = await amA2.get('/api/v1/notifications?unread=true&limit=2');
    expect(first.body.data).toHaveLength(2);
    expect(first.body.data[0].body).toContain('#2');
    const second = await amA2.get(
      `/api/v1/notifications?unread=true&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();

    const target = first.body.data[0];
    // someone else's notification does not exist for you
    const other = await (await world.as('amB')).post(`/api/v1/notifications/${target.id}/read`);
    expect(other.status).toBe(404);
    expect(errorOf(other).code).toBe('not_found');

    const read = await amA2.post(`/api/v1/notifications/${target.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await amA2.get('/api/v1/notifications/unread-count')).body.count).toBe(2);
    expect((await amA2.get('/api/v1/notifications?unread=true')).body.data.map((n: Json) => n.id)).not.toContain(target.id);

    expect((await amA2.post('/api/v1/notifications/read-all')).body).toEqual({ updated: 2 });
    expect((await amA2.get('/api/v1/notifications/unread-count')).body.count).toBe(0);
    expect((await amA2.get('/api/v1/notifications/not-a-uuid/read')).status).toBe(404);
    expect((await amA2.get('/api/v1/notifications?cursor=bogus')).status).toBe(400);
  });
});

describe('preferences', () => {
  it('defaults, partial updates and validation; in-app off hides the bell entry', async () => {
    const amB = await world.as('amB');
    const defaults = await amB.get('/api/v1/notification-preferences');
    expect(defaults.body.mention).toEqual({ inApp: true, email: true });
    const put = await amB.request('PUT', '/api/v1/notification-preferences', { mention: { inApp: false, email: false } });
    expect(put.status).toBe(200);
    expect(put.body.mention).toEqual({ inApp: false, email: false });
    expect(put.body.assignment).toEqual({ inApp: true, email: true });
    const bad = await amB.request('PUT', '/api/v1/notification-preferences', { birthday: { inApp: true, email: true } });
    expect(bad.status).toBe(400);
    const bad2 = await amB.request('PUT', '/api/v1/notification-preferences', { mention: { inApp: 'yes', email: true } });
    expect(bad2.status).toBe(400);
    expect(fieldsOf(bad2).join(' ')).toContain('mention');

    const admin = await world.as('admin');
    const account = (await admin.post('/api/v1/accounts', { name: 'Quiet GmbH', ownerId: world.users.amB.id })).body;
    await admin.post(`/api/v1/accounts/${account.id}/stream`, { type: 'note', body: `${mention('amB')} silent` });
    expect((await notificationsOf('amB')).some((n) => n.entity?.id === account.id && n.type === 'mention')).toBe(false);
    await amB.request('PUT', '/api/v1/notification-preferences', { mention: { inApp: true, email: true } });
  });
});

/** Reads a text/event-stream until `until` matches an event, with a bounded wait. */
async function readEvents(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  until: (e: { event: string; data: Json }) => boolean,
  timeoutMs = 10_000,
) {
  const decoder = new TextDecoder();
  const events: Array<{ event: string; data: Json }> = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), Math.max(1, deadline - Date.now()))),
    ]);
    if (chunk === 'timeout' || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) {
        const e = { event, data: JSON.parse(data) };
        events.push(e);
        if (until(e)) return events;
      }
      cut = buffer.indexOf('\n\n');
    }
  }
  throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`);
}

describe('live updates (Server-Sent Events)', () => {
  it('pushes a new notification to a connected client over real HTTP', async () => {
    const { app } = t.current;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const token = (await t.current.bearerClient(world.users.amA2)).token;
    const abort = new AbortController();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/notifications/stream`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const initial = await readEvents(reader, (e) => e.event === 'unread');
      const before = initial.at(-1)?.data.count as number;

      const lead = await newLead('amA', { email: 'live@example.cz' });
      const amA: Client = await world.as('amA');
      await amA.post(`/api/v1/leads/${lead.id}/stream`, { type: 'note', body: `${mention('amA2')} live!` });
      const events = await readEvents(reader, (e) => e.event === 'unread' && e.data.count === before + 1);
      const pushed = events.find((e) => e.event === 'notification');
      expect(pushed?.data).toMatchObject({ type: 'mention', entity: { type: 'lead', id: lead.id } });
      // someone else's notification is not pushed to this client
      const other = await newLead('amB', { email: 'other@example.de' });
      await (await world.as('amB')).post(`/api/v1/leads/${other.id}/stream`, {
        type: 'note',
        body: `${mention('leadB')} not for amA2`,
      });
      await amA.post(`/api/v1/leads/${lead.id}/stream`, { type: 'note', body: `${mention('amA2')} second` });
      const next = await readEvents(reader, (e) => e.event === 'notification');
      expect(next.filter((e) => e.event === 'notification').map((e) => e.data.body)).toEqual([expect.stringContaining('second')]);
    } finally {
      abort.abort();
    }
  });

  it('refuses the stream without signing in', async () => {
    const res = await t.current.api.get('/api/v1/notifications/stream');
    expect(res.status).toBe(401);
  });
});
