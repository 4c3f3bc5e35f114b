import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/http/app.js';
import { startMailboxPoller } from '../../src/server/modules/mailboxes/mailbox-poller.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { type Dovecot, rawMail, startDovecot } from './dovecot.js';

/** The sales mailbox against a real Dovecot IMAP server started for this file. */
let dovecot: Dovecot;
let app: TestApp;
let world: World;
let dataDir: string;
const PASSWORD = 'imap-secret-1';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-mailbox-data-'));
  [dovecot, app] = await Promise.all([startDovecot(), TestApp.start({ DATA_DIR: dataDir })]);
  // All users up front: Dovecot re-reads its passwd-file by mtime, which may not change within one second.
  for (let i = 1; i <= 20; i++) dovecot.addUser(`box${i}@firma.test`, PASSWORD);
  world = await buildWorld(app);
});

afterAll(async () => {
  await app?.close();
  await dovecot?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function createMailbox(body: Record<string, unknown> = {}) {
  const admin = await world.as('admin');
  const res = await admin.post('/api/v1/mailboxes', {
    name: `Sales ${Math.random().toString(36).slice(2, 7)}`,
    host: dovecot.host,
    port: dovecot.port,
    tls: 'none',
    password: PASSWORD,
    teamId: world.teamA,
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

async function syncNow(mailboxId: string, client?: Awaited<ReturnType<World['as']>>) {
  const api = client ?? (await world.as('admin'));
  const res = await api.post(`/api/v1/mailboxes/${mailboxId}/sync`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function leadsByEmail(email: string) {
  const admin = await world.as('admin');
  const all = await admin.all(`/api/v1/leads?q=${encodeURIComponent(email)}`);
  return all.filter((l) => l.email === email);
}

type EntryData = Record<string, any>;

async function streamOf(kind: 'leads' | 'contacts' | 'accounts', id: string) {
  const admin = await world.as('admin');
  const res = await admin.get(`/api/v1/${kind}/${id}/stream?limit=100`);
  expect(res.status).toBe(200);
  return res.body.data as Array<{ type: string; data: EntryData; actor: { id: string } | null }>;
}

// Each test uses its own Dovecot user (its own INBOX) so the tests do not see each other's mail.
let userSeq = 0;
function newImapUser() {
  userSeq += 1;
  return `box${userSeq}@firma.test`;
}

describe('sales mailbox sync against Dovecot', () => {
  it('turns a mail from an unknown sender into a new lead with parsed name and company, the mail (sanitised) in its Stream', async () => {
    const user = newImapUser();
    const box = await createMailbox({ username: user });
    await dovecot.append(
      user,
      PASSWORD,
      rawMail({
        from: '"Jana Dvořáková" <Jana@Strojirny-Brno.cz>',
        subject: 'Poptávka: 3 CNC stroje',
        text: 'Dobrý den,\nposílám poptávku na 3 stroje.\n\nS pozdravem\nJana Dvořáková\nStrojírny Brno s.r.o.\n+420 603 123 456',
        html: '<p>Dobrý den, <b>poptávka</b></p><script>alert("x")</script><img src="https://tracker.example/p.gif"><a href="javascript:alert(1)">klik</a>',
        messageId: '<poptavka-1@strojirny-brno.cz>',
      }),
    );
    const result = await syncNow(box.id);
    expect(result).toMatchObject({ ok: true, error: null, fetched: 1, processed: 1, leadsCreated: 1 });
    expect(result.status.processedCount).toBe(1);
    expect(result.status.lastSuccessAt).not.toBeNull();

    const [lead] = await leadsByEmail('jana@strojirny-brno.cz');
    expect(lead).toMatchObject({
      firstName: 'Jana',
      lastName: 'Dvořáková',
      company: 'Strojírny Brno s.r.o.',
      source: 'email',
      teamId: world.teamA,
    });
    expect(lead.description).toContain('posílám poptávku na 3 stroje');
    expect([world.users.amA.id, world.users.amA2.id, world.users.sdrA.id]).toContain(lead.ownerId); // round-robin in team A

    const mail = (await streamOf('leads', lead.id)).find((e) => e.type === 'email_received');
    expect(mail?.actor?.id).toBe(world.users.admin.id);
    expect(mail?.data).toMatchObject({
      from: { name: 'Jana Dvořáková', address: 'jana@strojirny-brno.cz' },
      to: ['sales@firma.test'],
      subject: 'Poptávka: 3 CNC stroje',
      messageId: '<poptavka-1@strojirny-brno.cz>',
      date: '2026-11-23T09:30:00.000Z',
      attachments: [],
    });
    expect(mail?.data.html).toContain('<b>poptávka</b>');
    expect(mail?.data.html).not.toMatch(/script|alert|tracker|javascript:/);
  });

  it('guesses the company from the domain, but not from free-mail domains', async () => {
    const user = newImapUser();
    const box = await createMailbox({ username: user });
    await dovecot.append(
      user,
      PASSWORD,
      rawMail({ from: 'Petr Novák <petr.novak@autoerp.cz>', text: 'Máte zájem o spolupráci?' }),
    );
    await dovecot.append(user, PASSWORD, rawMail({ from: 'karel.cermak@seznam.cz', text: 'Dobrý den, cenu prosím.' }));
    expect(await syncNow(box.id)).toMatchObject({ ok: true, processed: 2, leadsCreated: 2 });
    const [petr] = await leadsByEmail('petr.novak@autoerp.cz');
    expect(petr).toMatchObject({ firstName: 'Petr', lastName: 'Novák', company: 'Autoerp' });
    const [karel] = await leadsByEmail('karel.cermak@seznam.cz');
    expect(karel).toMatchObject({ firstName: 'Karel', lastName: 'Cermak', company: null });
  });

  it("puts a known contact's mail into the contact's and its account's Stream, and a known lead's mail into the lead's", async () => {
    const user = newImapUser();
    const box = await createMailbox({ username: user });
    const admin = await world.as('admin');
    const account = (await admin.post('/api/v1/accounts', { name: 'Pivovar Hradec a.s.' })).body;
    const contact = (
      await admin.post('/api/v1/contacts', {
        firstName: 'Eva',
        lastName: 'Říhová',
        emails: ['eva.rihova@pivovar.cz'],
        accountId: account.id,
      })
    ).body;
    expect(contact.id).toBeTruthy();
    const lead = (await admin.post('/api/v1/leads', { lastName: 'Šťastný', email: 'stastny@kovo.cz', source: 'web_form' })).body;
    const leadCount = (await admin.all('/api/v1/leads')).length;

    await dovecot.append(
      user,
      PASSWORD,
      rawMail({ from: 'Eva Říhová <EVA.RIHOVA@pivovar.cz>', subject: 'Objednávka', text: 'Posílám objednávku.' }),
    );
    await dovecot.append(
      user,
      PASSWORD,
      rawMail({
        from: 'Tomáš Šťastný <stastny@kovo.cz>',
        subject: 'Re: nabídka',
        text: 'Děkuji za nabídku.',
        inReplyTo: '<offer-1@stride>',
      }),
    );
    expect(await syncNow(box.id)).toMatchObject({ ok: true, processed: 2, leadsCreated: 0, toContacts: 1, toLeads: 1 });

    expect((await admin.all('/api/v1/leads')).length).toBe(leadCount);
    const contactMail = (await streamOf('contacts', contact.id)).find((e) => e.type === 'email_received');
    expect(contactMail?.data).toMatchObject({ subject: 'Objednávka', text: expect.stringContaining('Posílám objednávku.') });
    const accountMail = (await streamOf('accounts', account.id)).find((e) => e.type === 'email_received');
    expect(accountMail?.data).toMatchObject({ subject: 'Objednávka', contactId: contact.id });
    const leadMail = (await streamOf('leads', lead.id)).find((e) => e.type === 'email_received');
    expect(leadMail?.data).toMatchObject({ subject: 'Re: nabídka', inReplyTo: '<offer-1@stride>' });
  });

  it('keeps attachments on disk under DATA_DIR/mail-attachments/<mailbox>/ with a safe name, listed in the entry', async () => {
    const user = newImapUser();
    const box = await createMailbox({ username: user });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5000, 7)]);
    await dovecot.append(
      user,
      PASSWORD,
      rawMail({
        from: 'Martin Beneš <benes@elektro-benes.cz>',
        text: 'V příloze specifikace.',
        attachment: { fileName: '../../etc/specifikace.pdf', contentType: 'application/pdf', content: pdf },
      }),
    );
    expect(await syncNow(box.id)).toMatchObject({ ok: true, processed: 1 });
    const [lead] = await leadsByEmail('benes@elektro-benes.cz');
    const mail = (await streamOf('leads', lead.id)).find((e) => e.type === 'email_received');
    expect(mail?.data.attachments).toHaveLength(1);
    const [att] = mail?.data.attachments ?? [];
    expect(att).toMatchObject({ fileName: 'specifikace.pdf', size: pdf.length, contentType: 'application/pdf' });
    expect(att.path).toMatch(new RegExp(`^mail-attachments/${box.id}/\\d+-1-1-specifikace\\.pdf$`));
    expect(fs.readFileSync(path.join(dataDir, att.path)).equals(pdf)).toBe(true);
  });

  it('processes each mail once when synced twice, and a restarted app continues with only the new mails', async () => {
    const user = newImapUser();
    const box = await createMailbox({ username: user });
    await dovecot.append(user, PASSWORD, rawMail({ from: 'Ondřej Král <kral@kral-stavby.cz>', text: 'První zpráva' }));
    await dovecot.append(user, PASSWORD, rawMail({ from: 'Ondřej Král <kral@kral-stavby.cz>', text: 'Druhá zpráva' }));
    expect(await syncNow(box.id)).toMatchObject({ ok: true, fetched: 2, processed: 2, leadsCreated: 1, toLeads: 1 });
    expect(await syncNow(box.id)).toMatchObject({ ok: true, fetched: 0, processed: 0 });
    const [lead] = await leadsByEmail('kral@kral-stavby.cz');
    expect((await streamOf('leads', lead.id)).filter((e) => e.type === 'email_received')).toHaveLength(2);
    expect(await app.db.selectFrom('mailboxMessages').select('uid').where('mailboxId', '=', box.id).execute()).toHaveLength(2);

    // A new app instance on the same database (a restart) picks up where the first one stopped.
    const config = loadConfig({ STRIDE_DEMO: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
    const restarted = new TestApp(await buildApp({ database: app.database, config, logger: false }), app.database);
    try {
      await dovecot.append(user, PASSWORD, rawMail({ from: 'Ondřej Král <kral@kral-stavby.cz>', text: 'Třetí zpráva' }));
      const client = await restarted.loginAs(world.users.admin.email);
      const result = await syncNow(box.id, client);
      expect(result).toMatchObject({ ok: true, fetched: 1, processed: 1, toLeads: 1 });
      expect(result.status).toMatchObject({ processedCount: 3, lastUid: 3 });
    } finally {
      await restarted.app.close();
    }
    const texts = (await streamOf('leads', lead.id)).filter((e) => e.type === 'email_received').map((e) => e.data.text.trim());
    expect(texts.sort()).toEqual(['Druhá zpráva', 'První zpráva', 'Třetí zpráva']);
  });

  it('starts over when UIDVALIDITY changes, without importing a mail seen before (same Message-ID) twice', async () => {
    const user = newImapUser();
    const box = await createMailbox({ username: user });
    await dovecot.append(
      user,
      PASSWORD,
      rawMail({ from: 'Lucie Horáková <horakova@mlyn.cz>', text: 'A', messageId: '<a-1@mlyn.cz>' }),
    );
    expect(await syncNow(box.id)).toMatchObject({ ok: true, processed: 1 });
    // As if the server had rebuilt the folder: the stored UIDVALIDITY no longer matches.
    await app.db.updateTable('mailboxes').set({ uidValidity: 1, lastUid: 99 }).where('id', '=', box.id).execute();
    await dovecot.append(
      user,
      PASSWORD,
      rawMail({ from: 'Lucie Horáková <horakova@mlyn.cz>', text: 'B', messageId: '<b-1@mlyn.cz>' }),
    );
    const result = await syncNow(box.id);
    expect(result).toMatchObject({ ok: true, fetched: 2, processed: 1, toLeads: 1 });
    expect(result.status.uidValidity).not.toBe(1);
    expect(result.status.lastUid).toBe(2);
    const [lead] = await leadsByEmail('horakova@mlyn.cz');
    expect((await streamOf('leads', lead.id)).filter((e) => e.type === 'email_received')).toHaveLength(2);
  });

  it('records a wrong password as lastError (API and list show it), does not throw, and the next sync recovers', async () => {
    const user = newImapUser();
    const box = await createMailbox({ username: user, password: 'wrong-password' });
    const admin = await world.as('admin');
    const failed = await syncNow(box.id);
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/Login failed|Authentication failed|AUTHENTICATIONFAILED/i);
    const status = (await admin.get(`/api/v1/mailboxes/${box.id}/status`)).body;
    expect(status.lastError).toBe(failed.error);
    expect(status.lastErrorAt).not.toBeNull();
    expect(status.lastSuccessAt).toBeNull();
    const listed = (await admin.get('/api/v1/mailboxes')).body.data.find((m: { id: string }) => m.id === box.id);
    expect(listed.status.lastError).toBe(failed.error);

    // The admin fixes the password: the error clears and the mail comes in.
    await dovecot.append(user, PASSWORD, rawMail({ from: 'Jiří Malý <maly@maly-sro.cz>', text: 'Dobrý den' }));
    const current = (await admin.get(`/api/v1/mailboxes/${box.id}`)).body;
    expect(
      (
        await admin.patch(
          `/api/v1/mailboxes/${box.id}`,
          { password: PASSWORD },
          { headers: { 'if-match': `"${current.version}"` } },
        )
      ).status,
    ).toBe(200);
    const ok = await syncNow(box.id);
    expect(ok).toMatchObject({ ok: true, processed: 1 });
    expect(ok.status.lastError).toBeNull();
  });

  it('reports an unreachable server and a missing folder as lastError', async () => {
    const user = newImapUser();
    const closed = await createMailbox({ username: user, port: 1 });
    const down = await syncNow(closed.id);
    expect(down.ok).toBe(false);
    expect(down.error).toMatch(/ECONNREFUSED|connect/i);
    const noFolder = await createMailbox({ username: user, folder: 'Nonexistent' });
    const missing = await syncNow(noFolder.id);
    expect(missing.ok).toBe(false);
    expect(missing.status.lastError).toBeTruthy();
  });

  it('refuses a second sync of the same mailbox while one holds its lease (409)', async () => {
    const user = newImapUser();
    const box = await createMailbox({ username: user });
    await app.db
      .updateTable('mailboxes')
      .set({ lockedUntil: new Date(Date.now() + 60_000), lockedBy: 'other-node' })
      .where('id', '=', box.id)
      .execute();
    const admin = await world.as('admin');
    const res = await admin.post(`/api/v1/mailboxes/${box.id}/sync`);
    expect(res.status).toBe(409);
    expect((await admin.get(`/api/v1/mailboxes/${box.id}/status`)).body.syncing).toBe(true);
    await app.db
      .updateTable('mailboxes')
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where('id', '=', box.id)
      .execute();
    expect((await admin.post(`/api/v1/mailboxes/${box.id}/sync`)).status).toBe(200); // an expired lease is taken over
  });

  it('the poller syncs due mailboxes on its own and stops cleanly', async () => {
    const user = newImapUser();
    const box = await createMailbox({ username: user });
    // Only this mailbox is due: the others were synced moments ago.
    await app.db.updateTable('mailboxes').set({ lastSyncAt: new Date() }).where('id', '<>', box.id).execute();
    await dovecot.append(user, PASSWORD, rawMail({ from: 'Hana Veselá <vesela@vesela-design.cz>', text: 'Poptávka webu' }));
    const poller = startMailboxPoller({ db: app.db, dataDir, log: { info() {}, warn() {}, error() {} }, intervalMs: 60_000 });
    try {
      await poller.tick();
    } finally {
      await poller.stop();
    }
    const status = (await (await world.as('admin')).get(`/api/v1/mailboxes/${box.id}/status`)).body;
    expect(status).toMatchObject({ processedCount: 1, lastError: null });
    expect(await leadsByEmail('vesela@vesela-design.cz')).toHaveLength(1);
  });
});
