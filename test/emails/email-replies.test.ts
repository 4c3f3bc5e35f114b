import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmailSender } from '../../src/server/modules/emails/email-sender.js';
import { type Json, TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { type Dovecot, rawMail, startDovecot } from '../mailboxes/dovecot.js';
import { startSmtp, type TestSmtp } from './smtp.js';

/**
 * Replies threaded back onto the record: an email goes out over a real SMTP server with Reply-To the sales
 * mailbox; the answer is delivered into that mailbox on a real Dovecot and taken in by the mailbox sync.
 */
let app: TestApp;
let world: World;
let smtp: TestSmtp;
let dovecot: Dovecot;
let dataDir: string;
const PASSWORD = 'imap-secret-1';
const SALES = 'sales@firma.test';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-email-replies-'));
  [smtp, dovecot, app] = await Promise.all([
    startSmtp(),
    startDovecot(),
    TestApp.start({ DATA_DIR: dataDir, MAIL_FROM: 'crm@firma.test', PUBLIC_URL: 'https://crm.firma.test' }),
  ]);
  dovecot.addUser(SALES, PASSWORD);
  world = await buildWorld(app);
});

afterAll(async () => {
  await app?.close();
  await Promise.all([smtp?.stop(), dovecot?.stop()]);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function sendRound() {
  const s = startEmailSender({ db: app.db, smtpUrl: smtp.url, dataDir, intervalMs: 0 });
  try {
    return await s.tick();
  } finally {
    await s.stop();
  }
}

let mailboxId: string;
async function syncMailbox() {
  const admin = await world.as('admin');
  if (!mailboxId) {
    const box = await admin.post('/api/v1/mailboxes', {
      name: 'Sales',
      host: dovecot.host,
      port: dovecot.port,
      tls: 'none',
      username: SALES,
      password: PASSWORD,
      teamId: world.teamA,
    });
    expect(box.status, JSON.stringify(box.body)).toBe(201);
    mailboxId = box.body.id;
  }
  const res = await admin.post(`/api/v1/mailboxes/${mailboxId}/sync`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function streamOf(kind: string, id: string) {
  const res = await (await world.as('admin')).get(`/api/v1/${kind}/${id}/stream?limit=100`);
  return res.body.data as Array<{ type: string; data: Json }>;
}

describe('replies to emails sent from Stride', () => {
  it('a reply with In-Reply-To lands on the original record (and its account) as email_received, not as a new lead', async () => {
    await syncMailbox(); // the sales mailbox exists before the email goes out: it becomes the Reply-To
    const am = await world.as('amA');
    const account = (await am.post('/api/v1/accounts', { name: 'Pivovar Hradec a.s.' })).body;
    const contact = (
      await am.post('/api/v1/contacts', {
        firstName: 'Karel',
        lastName: 'Čermák',
        emails: ['karel@pivovar.test'],
        accountId: account.id,
      })
    ).body;
    const sent = await am.post('/api/v1/emails', {
      to: 'karel@pivovar.test',
      subject: 'Schůzka příští týden',
      body: 'Hodí se vám úterý?',
      relatedTo: { type: 'contact', id: contact.id },
    });
    expect(sent.body.replyTo).toBe(SALES);
    expect(await sendRound()).toBe(1);
    const out = smtp.received.find((r) => r.mail.messageId === sent.body.messageId);
    expect(out?.mail.replyTo?.value[0]?.address).toBe(SALES);

    // The answer comes from a colleague nobody knows yet: without threading it would become a new lead.
    await dovecot.append(
      SALES,
      PASSWORD,
      rawMail({
        from: '"Eva Šťastná" <eva@pivovar.test>',
        to: SALES,
        subject: 'Re: Schůzka příští týden',
        text: 'Úterý v 10:00 nám vyhovuje. Eva (za Karla)',
        html: '<p>Úterý <b>v 10:00</b> nám vyhovuje.</p><script>alert(1)</script>',
        inReplyTo: sent.body.messageId,
      }),
    );
    const result = await syncMailbox();
    expect(result).toMatchObject({ ok: true, processed: 1, leadsCreated: 0, toContacts: 1 });
    const leads = await (await world.as('admin')).get('/api/v1/leads?q=eva%40pivovar.test');
    expect(leads.body.data).toEqual([]);

    const reply = (await streamOf('contacts', contact.id)).find((e) => e.type === 'email_received');
    expect(reply?.data).toMatchObject({
      from: { name: 'Eva Šťastná', address: 'eva@pivovar.test' },
      subject: 'Re: Schůzka příští týden',
      inReplyTo: sent.body.messageId,
      replyToEmailId: sent.body.id,
    });
    expect(reply?.data.html).toContain('<b>v 10:00</b>');
    expect(reply?.data.html).not.toContain('script');
    const onAccount = (await streamOf('accounts', account.id)).find((e) => e.type === 'email_received');
    expect(onAccount?.data).toMatchObject({ replyToEmailId: sent.body.id, contactId: contact.id });

    // the thread reads out, then in
    const thread = await am.get(`/api/v1/emails/thread?relatedType=contact&relatedId=${contact.id}`);
    expect(thread.body.data.map((m: Json) => [m.direction, m.subject])).toEqual([
      ['out', 'Schůzka příští týden'],
      ['in', 'Re: Schůzka příští týden'],
    ]);
  });

  it('References alone thread a reply too; a lead keeps its replies even from another address', async () => {
    const sdr = await world.as('sdrA');
    const lead = (
      await sdr.post('/api/v1/leads', {
        firstName: 'Petr',
        lastName: 'Novák',
        company: 'AutoERP',
        email: 'petr@autoerp.test',
        source: 'web_form',
      })
    ).body;
    const sent = await sdr.post('/api/v1/emails', {
      to: lead.email,
      subject: 'AutoERP – requirements discovery',
      body: 'Dobrý den, navrhuji schůzku.',
      relatedTo: { type: 'lead', id: lead.id },
    });
    await sendRound();
    const raw = rawMail({
      from: 'petr.novak@gmail.test',
      to: SALES,
      subject: 'Re: AutoERP – requirements discovery',
      text: 'Ano, platí.',
    }).replace('MIME-Version: 1.0', `References: <older@elsewhere.test> ${sent.body.messageId}\r\nMIME-Version: 1.0`);
    await dovecot.append(SALES, PASSWORD, raw);
    expect(await syncMailbox()).toMatchObject({ ok: true, processed: 1, leadsCreated: 0, toLeads: 1 });
    const reply = (await streamOf('leads', lead.id)).find((e) => e.type === 'email_received');
    expect(reply?.data).toMatchObject({ replyToEmailId: sent.body.id, from: { address: 'petr.novak@gmail.test' } });
  });

  it('a mail that answers nothing of ours still goes by address (a new lead)', async () => {
    await dovecot.append(
      SALES,
      PASSWORD,
      rawMail({ from: 'Nový Zákazník <novy@zakaznik.test>', to: SALES, inReplyTo: '<unknown@elsewhere.test>' }),
    );
    expect(await syncMailbox()).toMatchObject({ ok: true, processed: 1, leadsCreated: 1 });
  });
});
