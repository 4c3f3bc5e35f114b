import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITATION_JOB } from '../../src/server/modules/calendar/invitations.js';
import { now } from '../../src/server/platform/clock.js';
import type { JobRunner } from '../../src/server/platform/jobs.js';
import { type Client, TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { calendarJobRunner, drainJobs, parseIcs, startSmtpServer } from './helpers.js';

const inDays = (d: number, hour = 9) => {
  const x = new Date(now().getTime() + d * 86_400_000);
  x.setUTCHours(hour, 0, 0, 0);
  return x.toISOString();
};

async function streamOf(client: Client, path: string) {
  const res = await client.get(`${path}/stream?limit=100`);
  expect(res.status).toBe(200);
  return res.body.data as Array<{ type: string; actor: { id: string } | null; data: Record<string, unknown> }>;
}

describe('meeting invitations over a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let world: World;
  let runner: JobRunner;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await TestApp.start({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Stride <crm@stride.example>',
      PUBLIC_URL: 'https://crm.example.com',
    });
    world = await buildWorld(t);
    runner = calendarJobRunner(t.db, t.app.config);
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
    await smtp?.close();
  });

  it('REQUEST with UID, ORGANIZER and ATTENDEEs; an update keeps the UID with a higher SEQUENCE; cancel sends CANCEL', async () => {
    const am = await world.as('amA');
    const lead = await am.post('/api/v1/leads', {
      firstName: 'Jana',
      lastName: 'Dvořáková',
      company: 'AutoERP s.r.o.',
      email: 'jana@autoerp.example',
    });
    expect(lead.status).toBe(201);
    const contact = await am.post('/api/v1/contacts', {
      firstName: 'Petr',
      lastName: 'Šťastný',
      emails: ['petr@autoerp.example'],
    });
    expect(contact.status).toBe(201);
    const noEmail = await am.post('/api/v1/contacts', { lastName: 'Bez Emailu' });
    const created = await am.post('/api/v1/activities', {
      type: 'meeting',
      subject: 'AutoERP – requirements discovery and system presentation',
      startsAt: inDays(3, 9),
      endsAt: inDays(3, 10),
      videoUrl: 'https://meet.example.com/autoerp',
      relatedTo: { type: 'lead', id: lead.body.id },
      sendInvitations: true,
      participants: [
        { type: 'lead', id: lead.body.id },
        { type: 'contact', id: contact.body.id },
        { type: 'contact', id: noEmail.body.id },
        { type: 'user', id: world.users.amA2.id },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.sendInvitations).toBe(true);
    const id = created.body.id as string;
    expect(await drainJobs(runner)).toBe(1);

    expect(smtp.mails).toHaveLength(1);
    const first = smtp.mails[0] as (typeof smtp.mails)[number];
    expect(first.to.sort()).toEqual(['jana@autoerp.example', 'petr@autoerp.example']);
    expect(first.subject).toContain('Invitation: AutoERP – requirements discovery');
    expect(first.calendar).not.toBeNull();
    expect(first.attachment).not.toBeNull();
    const req = parseIcs(first.calendar as string);
    expect(req.method).toBe('REQUEST');
    expect(parseIcs(first.attachment as string).events[0]?.uid).toBe(`${id}@stride`);
    const ev = req.events[0] as (typeof req.events)[number];
    expect(ev.uid).toBe(`${id}@stride`);
    expect(ev.sequence).toBe(1);
    expect(ev.organizer).toBe(`mailto:${world.users.amA.email}`);
    expect(ev.attendees.sort()).toEqual(['mailto:jana@autoerp.example', 'mailto:petr@autoerp.example']);
    expect(ev.start.toJSDate().toISOString()).toBe(inDays(3, 9));

    // the lead's Stream records what was sent, by the meeting's owner
    const sent = (await streamOf(am, `/api/v1/leads/${lead.body.id}`)).filter((e) => e.type === 'email_sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.actor?.id).toBe(world.users.amA.id);
    expect(sent[0]?.data).toMatchObject({
      kind: 'invitation',
      uid: `${id}@stride`,
      sequence: 1,
      method: 'REQUEST',
      subject: first.subject,
    });
    expect((sent[0]?.data.to as string[] | undefined)?.slice().sort()).toEqual(['jana@autoerp.example', 'petr@autoerp.example']);

    // an unrelated change (outcome notes) sends nothing; moving the meeting re-sends with the same UID
    const v1 = await am.patch(`/api/v1/activities/${id}`, { outcome: 'prep notes' }, { headers: { 'if-match': '"1"' } });
    expect(v1.status).toBe(200);
    expect(await drainJobs(runner)).toBe(0);
    const moved = await am.patch(
      `/api/v1/activities/${id}`,
      { startsAt: inDays(4, 13), endsAt: inDays(4, 14) },
      { headers: { 'if-match': `"${v1.body.version}"` } },
    );
    expect(moved.status).toBe(200);
    await drainJobs(runner);
    expect(smtp.mails).toHaveLength(2);
    const update = parseIcs(smtp.mails[1]?.calendar as string);
    expect(update.method).toBe('REQUEST');
    expect(update.events[0]?.uid).toBe(`${id}@stride`);
    expect(update.events[0]?.sequence).toBe(moved.body.version);
    expect(update.events[0]?.sequence).toBeGreaterThan(ev.sequence);
    expect(update.events[0]?.start.toJSDate().toISOString()).toBe(inDays(4, 13));
    expect(smtp.mails[1]?.subject).toContain('Updated invitation');

    // cancelling sends METHOD:CANCEL with the same UID to everyone invited
    const cancelled = await am.patch(
      `/api/v1/activities/${id}`,
      { status: 'cancelled' },
      { headers: { 'if-match': `"${moved.body.version}"` } },
    );
    expect(cancelled.status).toBe(200);
    await drainJobs(runner);
    expect(smtp.mails).toHaveLength(3);
    const cancel = parseIcs(smtp.mails[2]?.calendar as string);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.events[0]?.uid).toBe(`${id}@stride`);
    expect(cancel.events[0]?.status).toBe('CANCELLED');
    expect(cancel.events[0]?.sequence).toBe(cancelled.body.version);
    expect(smtp.mails[2]?.to.sort()).toEqual(['jana@autoerp.example', 'petr@autoerp.example']);
    const methods = (await streamOf(am, `/api/v1/leads/${lead.body.id}`))
      .filter((e) => e.type === 'email_sent')
      .map((e) => `${e.data.method}:${e.data.sequence}`);
    expect(methods).toEqual([`CANCEL:${cancelled.body.version}`, `REQUEST:${moved.body.version}`, 'REQUEST:1']);
  });

  it('a removed participant gets a CANCEL; meetings without the switch send nothing', async () => {
    const am = await world.as('amA');
    const a = await am.post('/api/v1/contacts', { lastName: 'Alfa', emails: ['alfa@kovo.example'] });
    const b = await am.post('/api/v1/contacts', { lastName: 'Beta', emails: ['beta@kovo.example'] });
    const before = smtp.mails.length;
    const quiet = await am.post('/api/v1/activities', {
      type: 'meeting',
      subject: 'Internal prep',
      startsAt: inDays(2),
      participants: [{ type: 'contact', id: a.body.id }],
    });
    expect(quiet.status).toBe(201);
    await drainJobs(runner);
    expect(smtp.mails.length).toBe(before);

    const m = await am.post('/api/v1/activities', {
      type: 'meeting',
      subject: 'Kovo demo',
      startsAt: inDays(5),
      sendInvitations: true,
      relatedTo: { type: 'contact', id: a.body.id },
      participants: [
        { type: 'contact', id: a.body.id },
        { type: 'contact', id: b.body.id },
      ],
    });
    await drainJobs(runner);
    expect(smtp.mails.length).toBe(before + 1);
    const upd = await am.patch(
      `/api/v1/activities/${m.body.id}`,
      { participants: [{ type: 'contact', id: a.body.id }] },
      { headers: { 'if-match': '"1"' } },
    );
    expect(upd.status).toBe(200);
    await drainJobs(runner);
    const recent = smtp.mails.slice(before + 1);
    const toA = recent.find((x) => x.to.includes('alfa@kovo.example'));
    const toB = recent.find((x) => x.to.includes('beta@kovo.example'));
    expect(parseIcs(toA?.calendar as string).method).toBe('REQUEST');
    expect(parseIcs(toB?.calendar as string).method).toBe('CANCEL');
  });

  it('marking a meeting held (with notes) sends the invitees nothing', async () => {
    const am = await world.as('amA');
    const c = await am.post('/api/v1/contacts', { lastName: 'Held', emails: ['held@kovo.example'] });
    const m = await am.post('/api/v1/activities', {
      type: 'meeting',
      subject: 'Kovo follow-up',
      startsAt: inDays(1),
      sendInvitations: true,
      participants: [{ type: 'contact', id: c.body.id }],
    });
    expect(m.status).toBe(201);
    expect(await drainJobs(runner)).toBe(1);
    const before = smtp.mails.length;
    const held = await am.patch(
      `/api/v1/activities/${m.body.id}`,
      { status: 'held', outcome: 'Went well' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(held.status).toBe(200);
    expect(await drainJobs(runner)).toBe(0);
    expect(smtp.mails.length).toBe(before);
  });
});

describe('invitations without SMTP', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await TestApp.start();
    world = await buildWorld(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the job fails visibly: error kept on the job and a notification to the owner', async () => {
    const am = await world.as('amA');
    const contact = await am.post('/api/v1/contacts', { lastName: 'Novák', emails: ['novak@firma.example'] });
    const m = await am.post('/api/v1/activities', {
      type: 'meeting',
      subject: 'Offer walkthrough',
      startsAt: inDays(2),
      sendInvitations: true,
      participants: [{ type: 'contact', id: contact.body.id }],
    });
    expect(m.status).toBe(201);
    const runner = calendarJobRunner(t.db, t.app.config);
    await drainJobs(runner);
    const job = await t.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', INVITATION_JOB)
      .where('singletonKey', '=', m.body.id)
      .executeTakeFirstOrThrow();
    expect(job.state).toBe('failed');
    expect(job.lastError).toContain('SMTP_URL');
    const notes = await am.get('/api/v1/notifications');
    const failed = (notes.body.data as Array<{ type: string; title: string; body: string; entity: { id: string } }>).filter(
      (n) => n.type === 'invitation_failed',
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.title).toContain('Offer walkthrough');
    expect(failed[0]?.body).toContain('SMTP_URL');
    expect(failed[0]?.entity.id).toBe(m.body.id);
    await runner.stop();
  });
});
