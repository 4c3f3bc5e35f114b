import { describe, expect, it } from 'vitest';
import { errorOf, fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});

const contactForm = (extra: Record<string, unknown> = {}) => ({
  name: 'Poptávka z webu',
  fields: [
    { name: 'firstName', required: false },
    { name: 'lastName', required: true, labels: { cs: 'Vaše příjmení' } },
    { name: 'email', required: true },
    { name: 'description', required: false },
  ],
  campaign: 'jaro-2026',
  teamId: world.teamA,
  thankYouMessage: 'Děkujeme, ozveme se do 24 hodin.',
  allowedOrigins: ['https://www.autoerp.cz'],
  ...extra,
});

async function createForm(extra: Record<string, unknown> = {}) {
  const res = await (await world.as('admin')).post('/api/v1/forms', contactForm(extra));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('lead forms: administration', () => {
  it('lets an admin create a form with defaults, and read it back with an ETag', async () => {
    const created = await createForm();
    expect(created).toMatchObject({
      name: 'Poptávka z webu',
      active: true,
      source: 'web_form',
      campaign: 'jaro-2026',
      teamId: world.teamA,
      team: { id: world.teamA, name: 'Prodej CZ' },
      redirectUrl: null,
      allowedOrigins: ['https://www.autoerp.cz'],
      intakeUserId: world.users.admin.id,
      createdBy: world.users.admin.id,
      updatedBy: world.users.admin.id,
      submissionCount: 0,
      version: 1,
      submitPath: `/api/v1/forms/${created.id}/submissions`,
    });
    expect(created.fields[1]).toEqual({ name: 'lastName', required: true, labels: { cs: 'Vaše příjmení' } });
    const got = await (await world.as('amA')).get(`/api/v1/forms/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe('"1"');
  });

  it('lets every signed-in role list and read forms, but only an admin change them', async () => {
    const created = await createForm({ name: 'Read-only check' });
    for (const who of ['director', 'marketing', 'leadA', 'amA', 'sdrA'] as const) {
      const api = await world.as(who);
      const list = await api.get('/api/v1/forms?limit=200');
      expect(list.status).toBe(200);
      expect(list.body.data.map((f: { id: string }) => f.id)).toContain(created.id);
      expect((await api.post('/api/v1/forms', contactForm())).status).toBe(403);
      expect((await api.patch(`/api/v1/forms/${created.id}`, { active: false })).status).toBe(403);
      expect((await api.delete(`/api/v1/forms/${created.id}`)).status).toBe(403);
      expect((await api.post(`/api/v1/forms/${created.id}/restore`)).status).toBe(403);
      expect((await api.get(`/api/v1/forms/${created.id}/embed`)).status).toBe(403);
    }
    expect((await t.current.api.get('/api/v1/forms')).status).toBe(401);
  });

  it('updates with If-Match, answers 412 to a stale version, and records who changed what', async () => {
    const created = await createForm({ name: 'Versioned' });
    const admin = await world.as('admin');
    const ok = await admin.patch(
      `/api/v1/forms/${created.id}`,
      { active: false, redirectUrl: 'https://www.autoerp.cz/dekujeme' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      active: false,
      redirectUrl: 'https://www.autoerp.cz/dekujeme',
      version: 2,
      updatedBy: world.users.admin.id,
    });
    const staleRes = await admin.patch(
      `/api/v1/forms/${created.id}`,
      { name: 'Lost update' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(staleRes.status).toBe(412);
    expect(errorOf(staleRes).code).toBe('precondition_failed');
    const stream = (await admin.get(`/api/v1/forms/${created.id}/stream`)).body.data;
    const update = stream.find((e: { type: string }) => e.type === 'update');
    expect(update.actor).toEqual({ id: world.users.admin.id, name: 'Alena Adminová' });
    expect(update.data.changes).toEqual(
      expect.arrayContaining([
        { field: 'active', old: true, new: false },
        { field: 'redirectUrl', old: null, new: 'https://www.autoerp.cz/dekujeme' },
      ]),
    );
  });

  it('soft-deletes and restores a form', async () => {
    const created = await createForm({ name: 'Short-lived' });
    const admin = await world.as('admin');
    expect((await admin.delete(`/api/v1/forms/${created.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/forms/${created.id}`)).status).toBe(404);
    const deleted = await admin.get('/api/v1/forms?deleted=true&limit=200');
    expect(deleted.body.data.map((f: { id: string }) => f.id)).toContain(created.id);
    const restored = await admin.post(`/api/v1/forms/${created.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect((await admin.get(`/api/v1/forms/${created.id}`)).status).toBe(200);
  });

  it('refuses bad configuration, naming the field', async () => {
    const admin = await world.as('admin');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ redirectUrl: 'http://www.autoerp.cz/thanks' }, 'redirectUrl'],
      [{ redirectUrl: 'javascript:alert(1)' }, 'redirectUrl'],
      [{ allowedOrigins: ['https://www.autoerp.cz/kontakt'] }, 'allowedOrigins.0'],
      [{ fields: [{ name: 'phone', required: true }] }, 'fields'],
      [
        {
          fields: [
            { name: 'email', required: true },
            { name: 'email', required: false },
          ],
        },
        'fields.1.name',
      ],
      [{ fields: [{ name: 'password', required: true }] }, 'fields.0.name'],
      [{ name: '' }, 'name'],
      [{ teamId: '0190d6c4-0000-7000-8000-000000000000' }, 'teamId'],
      [{ intakeUserId: '0190d6c4-0000-7000-8000-000000000001' }, 'intakeUserId'],
    ];
    for (const [patch, field] of cases) {
      const res = await admin.post('/api/v1/forms', contactForm(patch));
      expect(res.status, `${JSON.stringify(patch)} → ${JSON.stringify(res.body)}`).toBe(400);
      expect(fieldsOf(res)).toContain(field);
    }
  });

  it('accepts a marketing user as the intake user and keeps an http origin for localhost only', async () => {
    const created = await createForm({
      intakeUserId: world.users.marketing.id,
      allowedOrigins: ['http://localhost:8080', 'https://Example.CZ'],
    });
    expect(created.intakeUser).toEqual({ id: world.users.marketing.id, name: 'Sofia Marketing' });
    expect(created.allowedOrigins).toEqual(['http://localhost:8080', 'https://example.cz']);
  });

  it('gives the admin an embed snippet pointing at PUBLIC_URL, with the honeypot and the form’s labels', async () => {
    const created = await createForm({ name: 'Embed me' });
    const res = await (await world.as('admin')).get(`/api/v1/forms/${created.id}/embed?lang=cs`);
    expect(res.status).toBe(200);
    const url = `${t.current.app.config.publicUrl}/api/v1/forms/${created.id}/submissions`;
    expect(res.body.submitUrl).toBe(url);
    expect(res.body.lang).toBe('cs');
    const html: string = res.body.html;
    expect(html).toContain(`action="${url}"`);
    expect(html).toContain('name="homepage"');
    expect(html).toContain('tabindex="-1"');
    expect(html).toContain('Vaše příjmení *');
    expect(html).toContain('name="email" type="email"');
    expect(html).toContain('fetch(form.action');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});
