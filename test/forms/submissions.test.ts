import { describe, expect, it } from 'vitest';
import { FORM_LIMITS } from '../../src/domain/forms/form.schema.js';
import { advanceClockForTests } from '../../src/server/platform/clock.js';
import { Client, errorOf, fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});

const SITE = 'https://www.autoerp.cz';
let addressSeq = 0;

/** A visitor's browser: no session, its own client address (the rate limit counts per address). */
function visitor(): Client {
  const client = new Client(t.current.app);
  addressSeq += 1;
  client.remoteAddress = `203.0.113.${addressSeq}`;
  return client;
}

async function createForm(extra: Record<string, unknown> = {}) {
  const res = await (await world.as('admin')).post('/api/v1/forms', {
    name: `Poptávka ${Math.random().toString(36).slice(2, 7)}`,
    fields: [
      { name: 'firstName', required: false },
      { name: 'lastName', required: true },
      { name: 'company', required: false },
      { name: 'email', required: true },
      { name: 'phone', required: false },
      { name: 'description', required: false },
    ],
    campaign: 'jaro-2026',
    teamId: world.teamA,
    thankYouMessage: 'Děkujeme, ozveme se do 24 hodin.',
    allowedOrigins: [SITE],
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

const submitUrl = (formId: string) => `/api/v1/forms/${formId}/submissions`;

async function leadsWithEmail(email: string) {
  const admin = await world.as('admin');
  const res = await admin.get(`/api/v1/leads?q=${encodeURIComponent(email)}&limit=200`);
  expect(res.status).toBe(200);
  return (res.body.data as Array<{ id: string; email: string }>).filter((l) => l.email === email);
}

async function streamOf(leadId: string) {
  return (await (await world.as('admin')).get(`/api/v1/leads/${leadId}/stream`)).body.data as Array<{
    type: string;
    actor: { id: string } | null;
    data: { fields: Record<string, string>; repeated?: boolean; ipHash?: string; [key: string]: unknown };
  }>;
}

describe('public form submissions', () => {
  it('creates a web_form lead with the form’s campaign, hands it round-robin to the team, and writes the submission to its Stream', async () => {
    const form = await createForm();
    const res = await visitor().post(
      submitUrl(form.id),
      {
        firstName: 'Jana',
        lastName: 'Dvořáková',
        company: 'AutoERP s.r.o.',
        email: 'Jana.Dvorakova@autoerp.cz',
        phone: '603 123 456',
        description: 'Chceme nabídku.',
        ignored: 'x',
      },
      { headers: { origin: SITE, 'user-agent': 'Mozilla/5.0 test', referer: `${SITE}/kontakt` } },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ ok: true, message: 'Děkujeme, ozveme se do 24 hodin.', redirectUrl: null });
    expect(res.headers['access-control-allow-origin']).toBe(SITE);

    const [lead, ...more] = await leadsWithEmail('jana.dvorakova@autoerp.cz');
    expect(more).toHaveLength(0);
    const full = (await (await world.as('admin')).get(`/api/v1/leads/${lead?.id}`)).body;
    expect(full).toMatchObject({
      source: 'web_form',
      campaign: 'jaro-2026',
      teamId: world.teamA,
      status: 'assigned',
      phone: '+420603123456',
      description: 'Chceme nabídku.',
    });
    expect([world.users.amA.id, world.users.amA2.id, world.users.sdrA.id]).toContain(full.ownerId);

    const stream = await streamOf(full.id);
    expect(stream.map((e) => e.type).sort()).toEqual(['assign', 'create', 'create_related', 'status']);
    const entry = stream.find((e) => e.type === 'create_related');
    expect(entry?.actor?.id).toBe(world.users.admin.id);
    expect(entry?.data).toMatchObject({
      relation: 'formSubmissions',
      record: { type: 'form', id: form.id },
      formId: form.id,
      fields: {
        firstName: 'Jana',
        lastName: 'Dvořáková',
        company: 'AutoERP s.r.o.',
        email: 'Jana.Dvorakova@autoerp.cz',
        phone: '603 123 456',
        description: 'Chceme nabídku.',
      },
      userAgent: 'Mozilla/5.0 test',
      pageUrl: `${SITE}/kontakt`,
    });
    expect(entry?.data.ipHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(entry?.data)).not.toContain('203.0.113.');
    expect(entry?.data.fields).not.toHaveProperty('ignored');

    const counted = (await (await world.as('admin')).get(`/api/v1/forms/${form.id}`)).body;
    expect(counted.submissionCount).toBe(1);
  });

  it('takes a classic form-encoded post and answers with a thank-you page, or a 303 to the redirect', async () => {
    const form = await createForm();
    const body = new URLSearchParams({
      lastName: 'Šťastný',
      email: 'petr@firma.cz',
      description: 'Dobrý den, máme zájem.',
    }).toString();
    const page = await visitor().post(submitUrl(form.id), undefined, {
      payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'cs-CZ,cs;q=0.9' },
    });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Děkujeme, ozveme se do 24 hodin.');
    const [lead] = await leadsWithEmail('petr@firma.cz');
    expect(lead).toMatchObject({ lastName: 'Šťastný', description: 'Dobrý den, máme zájem.', source: 'web_form' });

    const redirecting = await createForm({ redirectUrl: 'https://www.autoerp.cz/dekujeme' });
    const res = await visitor().post(submitUrl(redirecting.id), undefined, {
      payload: new URLSearchParams({ lastName: 'Říha', email: 'riha@firma.cz' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('https://www.autoerp.cz/dekujeme');
    expect(await leadsWithEmail('riha@firma.cz')).toHaveLength(1);
  });

  it('refuses a missing required field with 400 naming it, and creates nothing', async () => {
    const form = await createForm();
    const res = await visitor().post(submitUrl(form.id), { firstName: 'Bez', email: 'bez.prijmeni@firma.cz' });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('validation_failed');
    expect(fieldsOf(res)).toEqual(['lastName']);
    const badEmail = await visitor().post(submitUrl(form.id), { lastName: 'Novák', email: 'not-an-email' });
    expect(badEmail.status).toBe(400);
    expect(fieldsOf(badEmail)).toEqual(['email']);
    const notText = await visitor().post(submitUrl(form.id), { lastName: ['a'], email: 'novak@firma.cz' });
    expect(notText.status).toBe(400);
    expect(fieldsOf(notText)).toEqual(['lastName']);
    expect(await leadsWithEmail('bez.prijmeni@firma.cz')).toHaveLength(0);
    expect(await leadsWithEmail('novak@firma.cz')).toHaveLength(0);

    const classic = await visitor().post(submitUrl(form.id), undefined, {
      payload: new URLSearchParams({ email: 'classic@firma.cz' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: `${SITE}/kontakt` },
    });
    expect(classic.status).toBe(400);
    expect(classic.headers['content-type']).toContain('text/html');
    expect(classic.body).toContain('Last name');
    expect(classic.body).toContain(`href="${SITE}/kontakt"`);
  });

  it('answers a filled honeypot like a success but creates nothing', async () => {
    const form = await createForm();
    const res = await visitor().post(submitUrl(form.id), {
      lastName: 'Bot',
      email: 'bot@spam.example',
      homepage: 'http://spam.example',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, message: 'Děkujeme, ozveme se do 24 hodin.', redirectUrl: null });
    expect(await leadsWithEmail('bot@spam.example')).toHaveLength(0);
    expect((await (await world.as('admin')).get(`/api/v1/forms/${form.id}`)).body.submissionCount).toBe(0);
  });

  it('adds a second submission from a known email to the existing lead’s Stream instead of a duplicate', async () => {
    const form = await createForm();
    const first = await visitor().post(submitUrl(form.id), {
      lastName: 'Čermák',
      email: 'cermak@firma.cz',
      description: 'První dotaz',
    });
    const second = await visitor().post(submitUrl(form.id), {
      lastName: 'Čermák',
      email: 'CERMAK@firma.cz',
      description: 'Druhý dotaz',
    });
    expect([first.status, second.status]).toEqual([200, 200]);
    const leads = await leadsWithEmail('cermak@firma.cz');
    expect(leads).toHaveLength(1);
    const submissions = (await streamOf(leads[0]?.id as string)).filter((e) => e.type === 'create_related');
    expect(submissions.map((e) => e.data.fields.description)).toEqual(['Druhý dotaz', 'První dotaz']);
    expect(submissions[0]?.data.repeated).toBe(true);
  });

  it('rate-limits one address per form with 429, and lets it post again in the next window', async () => {
    const form = await createForm();
    const client = visitor();
    for (let i = 0; i < FORM_LIMITS.perIpPerWindow; i++) {
      const ok = await client.post(submitUrl(form.id), { lastName: `Rychlý ${i}`, email: `rychly${i}@firma.cz` });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    }
    const limited = await client.post(submitUrl(form.id), { lastName: 'Rychlý', email: 'rychly-over@firma.cz' });
    expect(limited.status).toBe(429);
    expect(errorOf(limited).code).toBe('rate_limited');
    expect(await leadsWithEmail('rychly-over@firma.cz')).toHaveLength(0);
    // another address is not affected
    expect((await visitor().post(submitUrl(form.id), { lastName: 'Jiný', email: 'jiny@firma.cz' })).status).toBe(200);
    advanceClockForTests(FORM_LIMITS.windowSeconds * 1000);
    expect((await client.post(submitUrl(form.id), { lastName: 'Rychlý', email: 'rychly-later@firma.cz' })).status).toBe(200);
  });

  it('refuses a body over the size limit with 413', async () => {
    const form = await createForm();
    const res = await visitor().post(submitUrl(form.id), {
      lastName: 'Velký',
      email: 'velky@firma.cz',
      description: 'x'.repeat(FORM_LIMITS.maxBodyBytes),
    });
    expect(res.status).toBe(413);
    expect(errorOf(res).code).toBe('payload_too_large');
    const classic = await visitor().post(submitUrl(form.id), undefined, {
      payload: new URLSearchParams({
        lastName: 'Velký',
        email: 'velky@firma.cz',
        description: 'x'.repeat(FORM_LIMITS.maxBodyBytes),
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(classic.status).toBe(413);
    expect(await leadsWithEmail('velky@firma.cz')).toHaveLength(0);
  });

  it('answers CORS preflight for allowed origins only, and refuses posts from other sites', async () => {
    const form = await createForm();
    const preflight = (origin: string) =>
      visitor().request('OPTIONS', submitUrl(form.id), undefined, {
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(SITE);
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(SITE);
    expect(String(allowed.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(allowed.headers['access-control-allow-headers']).toLowerCase()).toContain('content-type');

    const other = await preflight('https://evil.example');
    expect(other.status).toBe(403);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const post = await visitor().post(
      submitUrl(form.id),
      { lastName: 'Cizí', email: 'cizi@firma.cz' },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(post.status).toBe(403);
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    expect(await leadsWithEmail('cizi@firma.cz')).toHaveLength(0);
  });

  it('answers 404 for an inactive, deleted or unknown form', async () => {
    const admin = await world.as('admin');
    const inactive = await createForm({ active: false });
    const deleted = await createForm();
    expect((await admin.delete(`/api/v1/forms/${deleted.id}`)).status).toBe(204);
    for (const id of [inactive.id, deleted.id, '0190d6c4-0000-7000-8000-000000000002']) {
      const res = await visitor().post(submitUrl(id), { lastName: 'Nikdo', email: 'nikdo@firma.cz' });
      expect(res.status).toBe(404);
      expect(errorOf(res).code).toBe('not_found');
      expect((await visitor().request('OPTIONS', submitUrl(id), undefined, { headers: { origin: SITE } })).status).toBe(404);
    }
    expect(await leadsWithEmail('nikdo@firma.cz')).toHaveLength(0);
  });

  it('needs no session or CSRF token, and records leads as the configured intake user', async () => {
    const form = await createForm({ intakeUserId: world.users.marketing.id });
    const marketing = await world.as('marketing');
    marketing.sendCsrf = false;
    const res = await marketing.post(submitUrl(form.id), { lastName: 'Marketing', email: 'intake@firma.cz' });
    expect(res.status).toBe(200);
    const [lead] = await leadsWithEmail('intake@firma.cz');
    const full = (await (await world.as('admin')).get(`/api/v1/leads/${lead?.id}`)).body;
    expect(full.createdBy).toBe(world.users.marketing.id);
    marketing.sendCsrf = true;
  });
});
