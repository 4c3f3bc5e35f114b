import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBackoffMs, type EmailSender, startEmailSender } from '../../src/server/modules/emails/email-sender.js';
import { advanceClockForTests } from '../../src/server/platform/clock.js';
import { type Client, errorOf, fieldsOf, type Json, TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { startSmtp, type TestSmtp } from './smtp.js';

/** Email from the CRM against a real SMTP server (smtp-server) started for this file. */
let app: TestApp;
let world: World;
let smtp: TestSmtp;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-emails-'));
  [smtp, app] = await Promise.all([
    startSmtp(),
    TestApp.start({ DATA_DIR: dataDir, MAIL_FROM: 'crm@firma.test', PUBLIC_URL: 'https://crm.firma.test' }),
  ]);
  world = await buildWorld(app);
});

afterAll(async () => {
  await app?.close();
  await smtp?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A sender as `stride serve` runs it, without its timer: the test says when a round happens. */
/** `null`: no SMTP_URL configured. */
function sender(smtpUrl: string | null = smtp.url): EmailSender {
  return startEmailSender({ db: app.db, smtpUrl: smtpUrl ?? undefined, dataDir, intervalMs: 0, smtpTimeoutMs: 5000 });
}

async function sendRound(smtpUrl?: string | null) {
  const s = sender(smtpUrl);
  try {
    return await s.tick();
  } finally {
    await s.stop();
  }
}

async function customer(as: Client, suffix = Math.random().toString(36).slice(2, 7)) {
  const account = (await as.post('/api/v1/accounts', { name: `AutoERP ${suffix} s.r.o.` })).body;
  const contact = (
    await as.post('/api/v1/contacts', {
      firstName: 'Jana',
      lastName: 'Dvořáková',
      emails: [`jana.${suffix}@autoerp.test`],
      accountId: account.id,
    })
  ).body;
  expect(contact.id).toBeTruthy();
  return { account, contact, address: `jana.${suffix}@autoerp.test` };
}

async function upload(as: Client, fileName: string, content: Buffer, contentType = 'application/pdf') {
  const boundary = `----stride${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  for (const [k, v] of Object.entries(as.defaultHeaders)) headers[k] = v;
  if (as.cookies.size) headers.cookie = [...as.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (as.csrfToken) headers['x-csrf-token'] = as.csrfToken;
  const raw = await as.app.inject({ method: 'POST', url: '/api/v1/emails/attachments', headers, payload });
  return { status: raw.statusCode, body: JSON.parse(raw.body) as Json };
}

async function streamOf(as: Client, kind: string, id: string) {
  const res = await as.get(`/api/v1/${kind}/${id}/stream?limit=100`);
  expect(res.status).toBe(200);
  return res.body.data as Array<{ type: string; data: Json; actor: { id: string } | null }>;
}

const receivedFor = (subject: string) => smtp.received.filter((r) => r.mail.subject === subject);

describe('sending from a record over SMTP', () => {
  it('sends from a contact: the message arrives with subject, body, cc and attachment; email_sent carries the full message', async () => {
    const am = await world.as('amA');
    const { account, contact, address } = await customer(am);
    const pdf = Buffer.from('%PDF-1.4 nabídka 2026');
    const up = await upload(am, 'nabídka 2026.pdf', pdf);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileName: 'nabídka 2026.pdf', contentType: 'application/pdf', size: pdf.length });

    const subject = 'Nabídka – AutoERP implementace';
    const res = await am.post('/api/v1/emails', {
      to: `Jana Dvořáková <${address}>`,
      cc: ['Obchod@Firma.test'],
      subject,
      body: 'Dobrý den,\nv příloze posílám nabídku.\n\nS pozdravem\nBarbora',
      relatedTo: { type: 'contact', id: contact.id },
      attachmentIds: [up.body.id],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'queued',
      attempts: 0,
      lastError: null,
      to: [address],
      cc: ['obchod@firma.test'],
      from: `"${world.users.amA.name}" <crm@firma.test>`,
      relatedTo: { type: 'contact', id: contact.id, name: 'Jana Dvořáková' },
      attachments: [{ id: up.body.id, fileName: 'nabídka 2026.pdf', size: pdf.length }],
    });
    expect(res.body.messageId).toMatch(/^<[0-9a-f-]{36}@crm\.firma\.test>$/);

    expect(await sendRound()).toBe(1);
    const [got] = receivedFor(subject);
    expect(got, 'the SMTP server received the message').toBeDefined();
    expect(got?.envelope.to.sort()).toEqual([address, 'obchod@firma.test'].sort());
    expect(got?.mail.from?.value[0]).toMatchObject({ address: 'crm@firma.test', name: world.users.amA.name });
    expect(got?.mail.messageId).toBe(res.body.messageId);
    expect(got?.mail.text?.trim()).toBe('Dobrý den,\nv příloze posílám nabídku.\n\nS pozdravem\nBarbora');
    const cc = got?.mail.cc;
    expect((Array.isArray(cc) ? cc : [cc]).flatMap((c) => c?.value.map((v) => v.address))).toEqual(['obchod@firma.test']);
    expect(got?.mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['nabídka 2026.pdf', 'application/pdf', '%PDF-1.4 nabídka 2026'],
    ]);

    const sent = await am.get(`/api/v1/emails/${res.body.id}`);
    expect(sent.body).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(sent.body.sentAt).not.toBeNull();
    expect(sent.body.activityId).not.toBeNull();

    const entry = (await streamOf(am, 'contacts', contact.id)).find((e) => e.type === 'email_sent');
    expect(entry?.actor?.id).toBe(world.users.amA.id);
    expect(entry?.data).toMatchObject({
      emailId: res.body.id,
      from: `"${world.users.amA.name}" <crm@firma.test>`,
      to: [address],
      cc: ['obchod@firma.test'],
      subject,
      body: 'Dobrý den,\nv příloze posílám nabídku.\n\nS pozdravem\nBarbora',
      messageId: res.body.messageId,
      attachments: [{ id: up.body.id, fileName: 'nabídka 2026.pdf', contentType: 'application/pdf', size: pdf.length }],
    });
    const onAccount = (await streamOf(am, 'accounts', account.id)).find((e) => e.type === 'email_sent');
    expect(onAccount?.data).toMatchObject({ emailId: res.body.id, contactId: contact.id, subject });

    // a completed email activity on the contact
    const activity = await am.get(`/api/v1/activities/${sent.body.activityId}`);
    expect(activity.body).toMatchObject({
      type: 'email',
      status: 'completed',
      subject,
      relatedTo: { type: 'contact', id: contact.id },
    });

    // the attachment downloads (as a download) for whoever may read the email
    const file = await am.get(`/api/v1/emails/attachments/${up.body.id}`);
    expect(file.status).toBe(200);
    expect(file.raw.rawPayload.toString()).toBe('%PDF-1.4 nabídka 2026');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);

    // listed on the record and in its thread
    const list = await am.get(`/api/v1/emails?relatedType=contact&relatedId=${contact.id}`);
    expect(list.body.data.map((e: Json) => e.id)).toEqual([res.body.id]);
    const thread = await am.get(`/api/v1/emails/thread?relatedType=contact&relatedId=${contact.id}`);
    expect(thread.body.data).toMatchObject([{ direction: 'out', id: res.body.id, status: 'sent', subject }]);
  });

  it('sending to a lead counts as its first contact', async () => {
    const sdr = await world.as('sdrA');
    const lead = (
      await sdr.post('/api/v1/leads', {
        firstName: 'Petr',
        lastName: 'Novák',
        company: 'Strojírny',
        email: 'petr@strojirny.test',
        source: 'web_form',
      })
    ).body;
    expect(lead.firstContactedAt).toBeNull();
    const res = await sdr.post('/api/v1/emails', {
      to: lead.email,
      subject: 'Děkujeme za poptávku',
      body: 'Ozveme se.',
      relatedTo: { type: 'lead', id: lead.id },
    });
    expect(res.status).toBe(201);
    await sendRound();
    expect((await sdr.get(`/api/v1/emails/${res.body.id}`)).body.status).toBe('sent');
    expect((await sdr.get(`/api/v1/leads/${lead.id}`)).body.firstContactedAt).not.toBeNull();
    const types = (await streamOf(sdr, 'leads', lead.id)).map((e) => e.type);
    expect(types).toContain('email_sent');
  });

  it('refuses bad input with 400 naming the field, and attachments over 10 MB with 413', async () => {
    const am = await world.as('amA');
    const { contact } = await customer(am);
    const relatedTo = { type: 'contact', id: contact.id };
    expect(fieldsOf(await am.post('/api/v1/emails', { to: 'not-an-address', subject: 'S', body: 'B', relatedTo }))).toEqual([
      'to',
    ]);
    expect(fieldsOf(await am.post('/api/v1/emails', { to: [], subject: 'S', body: 'B', relatedTo }))).toEqual(['to']);
    expect(fieldsOf(await am.post('/api/v1/emails', { to: 'a@b.cz', body: 'B', relatedTo }))).toEqual(['subject']);
    expect(
      fieldsOf(
        await am.post('/api/v1/emails', { to: 'a@b.cz', subject: 'S', body: 'B', relatedTo, attachmentIds: [contact.id] }),
      ),
    ).toEqual(['attachmentIds']);
    const big = await upload(am, 'big.bin', Buffer.alloc(10 * 1024 * 1024 + 10, 1), 'application/octet-stream');
    expect(big.status).toBe(413);
    // someone else's upload cannot be attached
    const mine = await upload(await world.as('amA2'), 'x.txt', Buffer.from('x'), 'text/plain');
    expect(
      fieldsOf(
        await am.post('/api/v1/emails', { to: 'a@b.cz', subject: 'S', body: 'B', relatedTo, attachmentIds: [mine.body.id] }),
      ),
    ).toEqual(['attachmentIds']);
  });
});

describe('failures are visible and retried, never lost', () => {
  it('SMTP down: retries with backoff, then failed with lastError; a retry after the server is back sends it', async () => {
    const am = await world.as('amA');
    const { contact, address } = await customer(am);
    const subject = 'Server down test';
    const created = (
      await am.post('/api/v1/emails', { to: address, subject, body: 'Hello', relatedTo: { type: 'contact', id: contact.id } })
    ).body;
    await smtp.stop();
    try {
      expect(await sendRound()).toBe(1);
      let email = (await am.get(`/api/v1/emails/${created.id}`)).body;
      expect(email).toMatchObject({ status: 'queued', attempts: 1 });
      expect(email.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(new Date(email.nextAttemptAt).getTime()).toBeGreaterThan(Date.now());
      // not due yet: a round makes no attempt
      expect(await sendRound()).toBe(0);
      for (let i = 0; i < 10 && email.status !== 'failed'; i++) {
        advanceClockForTests(defaultBackoffMs(email.attempts) + 1000);
        expect(await sendRound()).toBe(1);
        email = (await am.get(`/api/v1/emails/${created.id}`)).body;
      }
      expect(email).toMatchObject({ status: 'failed', attempts: 5, maxAttempts: 5, nextAttemptAt: null });
      expect(email.lastError).toMatch(/ECONNREFUSED|connect/i);
      // visible in the record's list and thread; nothing in the Stream claims it was sent
      const list = (await am.get(`/api/v1/emails?relatedType=contact&relatedId=${contact.id}`)).body.data;
      expect(list).toMatchObject([{ id: created.id, status: 'failed' }]);
      const thread = (await am.get(`/api/v1/emails/thread?relatedType=contact&relatedId=${contact.id}`)).body.data;
      expect(thread).toMatchObject([{ id: created.id, status: 'failed' }]);
      expect((await streamOf(am, 'contacts', contact.id)).some((e) => e.type === 'email_sent')).toBe(false);
      expect(await sendRound()).toBe(0);
    } finally {
      await smtp.start();
    }
    const retried = await am.post(`/api/v1/emails/${created.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await sendRound()).toBe(1);
    expect((await am.get(`/api/v1/emails/${created.id}`)).body).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(receivedFor(subject)).toHaveLength(1);
    // a sent email cannot be retried
    expect((await am.post(`/api/v1/emails/${created.id}/retry`)).status).toBe(422);
  });

  it('a refusal by the server (5xx, wrong password) fails at once; no SMTP configured fails visibly', async () => {
    const am = await world.as('amA');
    const { contact, address } = await customer(am);
    const a = (
      await am.post('/api/v1/emails', {
        to: address,
        subject: 'Wrong password',
        body: 'x',
        relatedTo: { type: 'contact', id: contact.id },
      })
    ).body;
    await sendRound(`smtp://crm:wrong@127.0.0.1:${smtp.port}`);
    const failed = (await am.get(`/api/v1/emails/${a.id}`)).body;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/535|auth|invalid/i);

    const b = (
      await am.post('/api/v1/emails', {
        to: address,
        subject: 'No SMTP',
        body: 'x',
        relatedTo: { type: 'contact', id: contact.id },
      })
    ).body;
    await sendRound(null);
    expect((await am.get(`/api/v1/emails/${b.id}`)).body).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('SMTP is not configured'),
    });
    expect(receivedFor('Wrong password')).toHaveLength(0);
    expect(receivedFor('No SMTP')).toHaveLength(0);
  });

  it('two outbox loops never send one email twice', async () => {
    const am = await world.as('amA');
    const { contact, address } = await customer(am);
    const subjects = Array.from({ length: 6 }, (_, i) => `Parallel ${i} ${Math.random().toString(36).slice(2, 6)}`);
    const ids: string[] = [];
    for (const subject of subjects)
      ids.push(
        (await am.post('/api/v1/emails', { to: address, subject, body: 'x', relatedTo: { type: 'contact', id: contact.id } }))
          .body.id,
      );
    const one = sender();
    const two = sender();
    try {
      const [n1, n2] = await Promise.all([one.tick(), two.tick()]);
      expect(n1 + n2).toBe(6);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
    for (const subject of subjects) expect(receivedFor(subject)).toHaveLength(1);
    for (const id of ids) expect((await am.get(`/api/v1/emails/${id}`)).body).toMatchObject({ status: 'sent', attempts: 1 });
    const sentEntries = (await streamOf(am, 'contacts', contact.id)).filter((e) => e.type === 'email_sent');
    expect(sentEntries).toHaveLength(6);
  });
});

describe('templates', () => {
  it('admins and directors manage them, everyone renders them; values are HTML-escaped in HTML templates', async () => {
    const director = await world.as('director');
    const am = await world.as('amA');
    expect((await am.post('/api/v1/email-templates', { name: 'X', subject: 'S', body: 'B' })).status).toBe(403);
    expect(
      fieldsOf(await director.post('/api/v1/email-templates', { name: 'Bad', subject: 'S', body: 'Hi {{contact.password}}' })),
    ).toEqual(['body']);

    const html = await director.post('/api/v1/email-templates', {
      name: 'Follow-up (HTML)',
      format: 'html',
      subject: 'Nabídka pro {{account.name}}',
      body: '<p>Dobrý den {{contact.firstName}} {{contact.lastName}},</p><script>alert(1)</script><p>{{user.signature}}</p>',
    });
    expect(html.status, JSON.stringify(html.body)).toBe(201);
    expect(html.body.body).not.toContain('<script>');
    expect((await director.post('/api/v1/email-templates', { name: 'follow-up (html)', subject: 'S', body: 'B' })).status).toBe(
      409,
    );

    const account = (await am.post('/api/v1/accounts', { name: 'Tom & Jerry <s.r.o.>' })).body;
    const contact = (
      await am.post('/api/v1/contacts', {
        firstName: '<img src=x onerror=alert(1)>',
        lastName: 'Říha',
        emails: ['riha@tj.test'],
        accountId: account.id,
      })
    ).body;
    expect((await am.request('PUT', '/api/v1/emails/signature', { signature: 'Barbora\n+420 603 123 456' })).status).toBe(200);

    const rendered = await am.post(`/api/v1/email-templates/${html.body.id}/render`, {
      relatedTo: { type: 'contact', id: contact.id },
    });
    expect(rendered.status).toBe(200);
    expect(rendered.body).toEqual({
      format: 'html',
      subject: 'Nabídka pro Tom & Jerry <s.r.o.>',
      body: '<p>Dobrý den &lt;img src=x onerror=alert(1)&gt; Říha,</p><p>Barbora<br>+420 603 123 456</p>',
    });

    const text = await director.post('/api/v1/email-templates', {
      name: 'Thanks (text)',
      subject: 'Děkujeme, {{lead.company}}',
      body: 'Dobrý den {{contact.firstName}},\n\n{{user.signature}}',
    });
    const lead = (
      await am.post('/api/v1/leads', {
        firstName: 'Eva',
        lastName: 'Malá',
        company: 'A<B> a.s.',
        email: 'eva@ab.test',
        source: 'referral',
      })
    ).body;
    const textRendered = await am.post(`/api/v1/email-templates/${text.body.id}/render`, {
      relatedTo: { type: 'lead', id: lead.id },
    });
    expect(textRendered.body).toEqual({
      format: 'text',
      subject: 'Děkujeme, A<B> a.s.',
      body: 'Dobrý den Eva,\n\nBarbora\n+420 603 123 456',
    });

    // sending with a template only: rendered on the server for the record
    const sent = await am.post('/api/v1/emails', {
      to: lead.email,
      relatedTo: { type: 'lead', id: lead.id },
      templateId: text.body.id,
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      subject: 'Děkujeme, A<B> a.s.',
      body: 'Dobrý den Eva,\n\nBarbora\n+420 603 123 456',
      templateId: text.body.id,
    });
    await sendRound();
    expect(receivedFor('Děkujeme, A<B> a.s.')).toHaveLength(1);

    // 412 on a stale edit; delete hides it
    const current = await director.get(`/api/v1/email-templates/${text.body.id}`);
    expect(
      (await director.patch(`/api/v1/email-templates/${text.body.id}`, { subject: 'New' }, { headers: { 'if-match': '"999"' } }))
        .status,
    ).toBe(412);
    const patched = await director.patch(
      `/api/v1/email-templates/${text.body.id}`,
      { subject: 'New' },
      { headers: { 'if-match': current.headers.etag as string } },
    );
    expect(patched.body).toMatchObject({ subject: 'New', version: current.body.version + 1 });
    expect((await director.delete(`/api/v1/email-templates/${text.body.id}`)).status).toBe(204);
    expect((await am.get(`/api/v1/email-templates/${text.body.id}`)).status).toBe(404);
    expect((await am.get('/api/v1/email-templates')).body.data.map((t: Json) => t.name)).toEqual(['Follow-up (HTML)']);
  });
});

describe('access', () => {
  it('no sending from, listing, reading or rendering for a record the user may not see', async () => {
    const amB = await world.as('amB');
    const amA = await world.as('amA');
    const { contact, address } = await customer(amB, 'hidden');
    const relatedTo = { type: 'contact', id: contact.id };
    const refused = await amA.post('/api/v1/emails', { to: address, subject: 'S', body: 'B', relatedTo });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).details[0]?.field).toBe('relatedTo.id');
    expect((await amA.get(`/api/v1/emails?relatedType=contact&relatedId=${contact.id}`)).status).toBe(404);
    expect((await amA.get(`/api/v1/emails/thread?relatedType=contact&relatedId=${contact.id}`)).status).toBe(404);
    expect((await amA.get(`/api/v1/emails/recipients?relatedType=contact&relatedId=${contact.id}`)).status).toBe(404);

    const mine = await amB.post('/api/v1/emails', { to: address, subject: 'Team B only', body: 'B', relatedTo });
    expect(mine.status).toBe(201);
    expect((await amA.get(`/api/v1/emails/${mine.body.id}`)).status).toBe(404);
    expect((await amA.post(`/api/v1/emails/${mine.body.id}/retry`)).status).toBe(404);
    // the director sees everything
    expect((await (await world.as('director')).get(`/api/v1/emails/${mine.body.id}`)).status).toBe(200);
    // marketing may read the record but not log an email activity on it
    expect(
      (await (await world.as('marketing')).post('/api/v1/emails', { to: address, subject: 'S', body: 'B', relatedTo })).status,
    ).toBe(403);

    const recipients = await amB.get(`/api/v1/emails/recipients?relatedType=contact&relatedId=${contact.id}`);
    expect(recipients.body.data).toEqual([{ name: 'Jana Dvořáková', email: address, source: 'contact' }]);
    await sendRound();
  });
});
