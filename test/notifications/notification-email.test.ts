import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentionMarkup } from '../../src/domain/notifications/mentions.js';
import { deliverNotificationEmails } from '../../src/server/modules/notifications/notification-mailer.js';
import { advanceClockForTests, resetClockForTests } from '../../src/server/platform/clock.js';
import { type Json, TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

/** A real SMTP server process-in-test (the `smtp-server` package) that keeps what arrives. */
type Received = { to: string[]; raw: string };
const received: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (c: Buffer) => {
      raw += c.toString('utf8');
    });
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});

let t: TestApp;
let world: World;
let smtpUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  t = await TestApp.start({ SMTP_URL: smtpUrl, MAIL_FROM: 'Stride <crm@example.cz>', PUBLIC_URL: 'https://crm.example.cz' });
  world = await buildWorld(t);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const mention = (who: keyof World['users']) => mentionMarkup(world.users[who].name, world.users[who].id);

describe('notification emails', () => {
  it('emails the users who want it, not those who switched email off, and records the delivery', async () => {
    const leadA = await world.as('leadA');
    expect(
      (await leadA.request('PUT', '/api/v1/notification-preferences', { mention: { inApp: true, email: false } })).status,
    ).toBe(200);
    const amA = await world.as('amA');
    const lead = (await amA.post('/api/v1/leads', { lastName: 'Šťastný', company: 'Mail s.r.o.', source: 'email' })).body;
    expect(
      (
        await amA.post(`/api/v1/leads/${lead.id}/stream`, {
          type: 'note',
          body: `${mention('amA2')} ${mention('leadA')} please look`,
        })
      ).status,
    ).toBe(201);

    const config = { smtpUrl, mailFrom: 'Stride <crm@example.cz>', publicUrl: 'https://crm.example.cz' };
    expect(await deliverNotificationEmails(t.db, config)).toEqual({ sent: 1, failed: 0 });
    expect(await deliverNotificationEmails(t.db, config)).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual([world.users.amA2.email]);
    const raw = received[0]?.raw ?? '';
    expect(raw).toContain(`https://crm.example.cz/leads/${lead.id}`);
    expect(raw).toMatch(/^From: Stride <crm@example\.cz>/m);

    const mine: Json[] = (await (await world.as('amA2')).get('/api/v1/notifications')).body.data;
    expect(mine.find((n) => n.entity?.id === lead.id)?.email).toMatchObject({ status: 'sent', attempts: 1, error: null });
    const theirs: Json[] = (await leadA.get('/api/v1/notifications')).body.data;
    // in-app still on, email off: in the bell, never emailed
    expect(theirs.find((n) => n.entity?.id === lead.id)?.email).toBeNull();
  });

  it('keeps a failure on the notification and retries it later', async () => {
    const amA = await world.as('amA');
    const lead = (await amA.post('/api/v1/leads', { lastName: 'Čermák', company: 'Fail s.r.o.', source: 'email' })).body;
    await amA.post(`/api/v1/leads/${lead.id}/stream`, { type: 'note', body: `${mention('sdrA')} check` });
    // a mail server that is not there
    const down = { smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'crm@example.cz', publicUrl: 'https://crm.example.cz' };
    expect(await deliverNotificationEmails(t.db, down)).toEqual({ sent: 0, failed: 1 });
    const failed = (await (await world.as('sdrA')).get('/api/v1/notifications')).body.data.find(
      (n: Json) => n.entity?.id === lead.id,
    );
    expect(failed.email.status).toBe('failed');
    expect(failed.email.error).toMatch(/ECONNREFUSED|connect/i);
    // not before its back-off has passed; then it goes out
    const up = { smtpUrl, mailFrom: 'crm@example.cz', publicUrl: 'https://crm.example.cz' };
    expect(await deliverNotificationEmails(t.db, up)).toEqual({ sent: 0, failed: 0 });
    try {
      advanceClockForTests(2 * 60_000);
      expect(await deliverNotificationEmails(t.db, up)).toEqual({ sent: 1, failed: 0 });
    } finally {
      resetClockForTests();
    }
    expect(received.at(-1)?.to).toEqual([world.users.sdrA.email]);
    const sent = (await (await world.as('sdrA')).get('/api/v1/notifications')).body.data.find(
      (n: Json) => n.entity?.id === lead.id,
    );
    expect(sent.email).toMatchObject({ status: 'sent', attempts: 2, error: null });
  });
});
