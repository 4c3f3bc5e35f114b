import { createHash } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TextProbe } from '../../src/server/modules/attachments/attachment-type.js';
import { uploadAttachment } from '../../src/server/modules/attachments/attachment-upload.js';
import { contentDisposition } from '../../src/server/modules/attachments/attachments.routes.js';
import { DiskFileStore } from '../../src/server/platform/files.js';
import type { Client } from '../helpers/app.js';
import { errorOf, fieldsOf } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { FILES, filesUnder, multipart, rawPost, upload, useAttachmentApp } from './helpers.js';

let world: World;
let leadId: string;
const t = useAttachmentApp(async (app) => {
  world = await buildWorld(app);
  const amA = await world.as('amA');
  const lead = await amA.post('/api/v1/leads', { lastName: 'Dvořáková', company: 'AutoERP s.r.o.', source: 'web_form' });
  expect(lead.status, JSON.stringify(lead.body)).toBe(201);
  expect(lead.body.ownerId).toBe(world.users.amA.id);
  leadId = lead.body.id;
});

const onLead = () => ({ type: 'lead', id: leadId });
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const storedFiles = () => filesUnder(path.join(t.dataDir, 'files'));
const stagedFiles = () => filesUnder(path.join(t.dataDir, 'files', '.staging'));

async function streamOf(client: Client, id = leadId) {
  const res = await client.get(`/api/v1/leads/${id}/stream`);
  expect(res.status).toBe(200);
  return res.body.data as Array<{ type: string; actor: { id: string } | null; data: Record<string, unknown> }>;
}

async function uploaded(client: Client, file: Parameters<typeof upload>[2]) {
  const res = await upload(client, onLead(), file);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('upload, list and download', () => {
  it('round-trips the bytes with safe headers, and records the upload and the download in the Stream', async () => {
    const amA = await world.as('amA');
    const name = 'Nabídka Dvořáková, final.pdf';
    const res = await upload(amA, onLead(), { fileName: name, contentType: 'application/pdf', bytes: FILES.pdf });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const a = res.body;
    expect(a).toMatchObject({
      relatedTo: { type: 'lead', id: leadId },
      fileName: name,
      contentType: 'application/pdf',
      kind: 'pdf',
      size: FILES.pdf.length,
      sha256: sha256(FILES.pdf),
      activeContent: false,
      previewable: true,
      uploadedBy: { id: world.users.amA.id, name: 'Barbora Dvořáková' },
      deletedAt: null,
      downloadUrl: `/api/v1/attachments/${a.id}/download`,
      previewUrl: `/api/v1/attachments/${a.id}/preview`,
    });
    expect(res.headers.etag).toBe(`"${a.version}"`);

    let stream = await streamOf(amA);
    expect(stream[0]).toMatchObject({
      type: 'create_related',
      actor: { id: world.users.amA.id },
      data: {
        relation: 'attachments',
        record: { type: 'attachment', id: a.id, name, size: FILES.pdf.length, contentType: 'application/pdf' },
      },
    });

    const list = await amA.get(`/api/v1/attachments?relatedType=lead&relatedId=${leadId}`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((x: { id: string }) => x.id)).toContain(a.id);
    const meta = await amA.get(`/api/v1/attachments/${a.id}`);
    expect(meta.status).toBe(200);
    expect(meta.body).toEqual(a);

    const dl = await amA.get(`/api/v1/attachments/${a.id}/download`);
    expect(dl.status).toBe(200);
    expect(dl.raw.rawPayload.equals(FILES.pdf)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="Nabidka Dvorakova, final.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(String(dl.headers['content-security-policy'])).toMatch(/^sandbox/);

    stream = await streamOf(amA);
    expect(stream[0]).toMatchObject({
      type: 'download',
      actor: { id: world.users.amA.id },
      data: { record: { type: 'attachment', id: a.id, name } },
    });
    // the bytes are in the store under DATA_DIR/files, nothing is left in staging
    expect(storedFiles().some((f) => path.basename(f) === a.id)).toBe(true);
    expect(stagedFiles()).toEqual([]);
  });

  it('keeps UTF-8 text files and attaches to accounts and activities too', async () => {
    const amA = await world.as('amA');
    const csv = await uploaded(amA, { fileName: 'kontakty.csv', contentType: 'text/csv', bytes: FILES.csv });
    expect(csv).toMatchObject({ kind: 'csv', contentType: 'text/csv', previewable: false, previewUrl: null });
    const dl = await amA.get(`/api/v1/attachments/${csv.id}/download`);
    expect(dl.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(dl.raw.rawPayload.toString('utf8')).toBe(FILES.csv);

    const account = (await amA.post('/api/v1/accounts', { name: 'AutoERP a.s.' })).body;
    const onAccount = await upload(
      amA,
      { type: 'account', id: account.id },
      { fileName: 'logo.png', contentType: 'image/png', bytes: FILES.png },
    );
    expect(onAccount.status, JSON.stringify(onAccount.body)).toBe(201);
    const accountStream = (await amA.get(`/api/v1/accounts/${account.id}/stream`)).body.data;
    expect(accountStream[0]).toMatchObject({
      type: 'create_related',
      data: { relation: 'attachments', record: { id: onAccount.body.id } },
    });

    const activity = await amA.post('/api/v1/activities', {
      type: 'task',
      subject: 'Send the offer',
      dueAt: new Date().toISOString(),
      relatedTo: onLead(),
    });
    expect(activity.status).toBe(201);
    const onActivity = await upload(amA, { type: 'activity', id: activity.body.id }, { fileName: 'offer.pdf', bytes: FILES.pdf });
    expect(onActivity.status, JSON.stringify(onActivity.body)).toBe(201);
    const listed = await amA.get(`/api/v1/attachments?relatedType=activity&relatedId=${activity.body.id}`);
    expect(listed.body.data.map((x: { id: string }) => x.id)).toEqual([onActivity.body.id]);
  });

  it("pages a record's attachments newest first", async () => {
    const amA = await world.as('amA');
    const lead = (await amA.post('/api/v1/leads', { lastName: 'Paging', source: 'other' })).body;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await upload(amA, { type: 'lead', id: lead.id }, { fileName: `n${i}.txt`, bytes: `note ${i}` })).body.id);
    const first = await amA.get(`/api/v1/attachments?relatedType=lead&relatedId=${lead.id}&limit=2`);
    expect(first.body.data.map((x: { id: string }) => x.id)).toEqual([ids[2], ids[1]]);
    const second = await amA.get(
      `/api/v1/attachments?relatedType=lead&relatedId=${lead.id}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body).toMatchObject({ data: [{ id: ids[0] }], nextCursor: null });
  });
});

describe('Content-Disposition', () => {
  it('has an ASCII fallback without quotes and the exact name in filename* (RFC 5987)', () => {
    expect(contentDisposition('attachment', 'Šťastný "návrh" (2).pdf')).toBe(
      `attachment; filename="Stastny _navrh_ (2).pdf"; filename*=UTF-8''%C5%A0%C5%A5astn%C3%BD%20%22n%C3%A1vrh%22%20%282%29.pdf`,
    );
    expect(contentDisposition('inline', '../../etc/passwd\r\n.png')).toBe(
      `inline; filename="passwd.png"; filename*=UTF-8''passwd.png`,
    );
  });
});

describe('upload checks', () => {
  it('refuses a file over MAX_UPLOAD_MB with 413 and leaves nothing on disk', async () => {
    const amA = await world.as('amA');
    const before = storedFiles().length;
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    const res = await upload(amA, onLead(), { fileName: 'big.txt', contentType: 'text/plain', bytes: big });
    expect(res.status).toBe(413);
    expect(errorOf(res).code).toBe('payload_too_large');
    expect(fieldsOf(res)).toEqual(['file']);
    expect(storedFiles().length).toBe(before);
    expect(stagedFiles()).toEqual([]);
  });

  it('refuses spoofed and unknown types with 415 naming the file, and leaves nothing on disk', async () => {
    const amA = await world.as('amA');
    const before = storedFiles().length;
    const listBefore = (await amA.get(`/api/v1/attachments?relatedType=lead&relatedId=${leadId}`)).body.data.length;
    const cases = [
      { fileName: 'invoice.pdf', contentType: 'application/pdf', bytes: FILES.exe }, // an .exe renamed .pdf
      { fileName: 'setup.exe', contentType: 'application/x-msdownload', bytes: FILES.exe },
      { fileName: 'photo.pdf', contentType: 'application/pdf', bytes: FILES.png }, // the name says PDF, the bytes PNG
      { fileName: 'scan.png', contentType: 'application/pdf', bytes: FILES.png }, // declared type disagrees
      { fileName: 'offer.pdf', contentType: 'image/png', bytes: FILES.pdf },
      { fileName: 'latin1.csv', contentType: 'text/csv', bytes: Buffer.from('jm\xe9no;m\xecsto\n', 'latin1') }, // not UTF-8
      { fileName: 'page.txt', contentType: 'text/plain', bytes: FILES.html }, // HTML dressed as text
      { fileName: 'noext', bytes: FILES.exe },
    ];
    for (const file of cases) {
      const res = await upload(amA, onLead(), file);
      expect(res.status, `${file.fileName}: ${JSON.stringify(res.body)}`).toBe(415);
      expect(errorOf(res).code).toBe('unsupported_media_type');
      expect(fieldsOf(res)).toEqual(['file']);
    }
    expect(storedFiles().length).toBe(before);
    expect(stagedFiles()).toEqual([]);
    expect((await amA.get(`/api/v1/attachments?relatedType=lead&relatedId=${leadId}`)).body.data.length).toBe(listBefore);
  });

  it('names the missing or bad field with 400', async () => {
    const amA = await world.as('amA');
    const noRelated = multipart({ relatedType: 'lead' }, { fileName: 'a.txt', bytes: 'x' });
    let res = await rawPost(amA, noRelated.body, noRelated.contentType);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['relatedId']);
    const badType = multipart({ relatedType: 'invoice', relatedId: leadId }, { fileName: 'a.txt', bytes: 'x' });
    res = await rawPost(amA, badType.body, badType.contentType);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['relatedType']);
    const noFile = multipart({ relatedType: 'lead', relatedId: leadId });
    res = await rawPost(amA, noFile.body, noFile.contentType);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['file']);
    res = await upload(amA, onLead(), { fileName: 'empty.txt', bytes: Buffer.alloc(0) });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['file']);
    expect(stagedFiles()).toEqual([]);
  });
});

describe('active content and preview', () => {
  it('serves SVG only as an octet-stream download under a sandbox CSP, never as a preview', async () => {
    const amA = await world.as('amA');
    const svg = await uploaded(amA, { fileName: 'logo.svg', contentType: 'image/svg+xml', bytes: FILES.svg });
    expect(svg).toMatchObject({
      kind: 'svg',
      contentType: 'image/svg+xml',
      activeContent: true,
      previewable: false,
      previewUrl: null,
    });
    const dl = await amA.get(`/api/v1/attachments/${svg.id}/download`);
    expect(dl.status).toBe(200);
    expect(dl.headers['content-type']).toBe('application/octet-stream');
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(String(dl.headers['content-security-policy'])).toMatch(/^sandbox/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.raw.rawPayload.toString('utf8')).toBe(FILES.svg);
    const preview = await amA.get(`/api/v1/attachments/${svg.id}/preview`);
    expect(preview.status).toBe(415);
  });

  it('never serves HTML inline', async () => {
    const amA = await world.as('amA');
    const html = await uploaded(amA, { fileName: 'newsletter.html', contentType: 'text/html', bytes: FILES.html });
    expect(html).toMatchObject({ kind: 'html', activeContent: true, previewUrl: null });
    const dl = await amA.get(`/api/v1/attachments/${html.id}/download`);
    expect(dl.headers['content-type']).toBe('application/octet-stream');
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(String(dl.headers['content-security-policy'])).toMatch(/^sandbox/);
    expect((await amA.get(`/api/v1/attachments/${html.id}/preview`)).status).toBe(415);
  });

  it('previews PNG and PDF inline, and audits the preview', async () => {
    const amA = await world.as('amA');
    const png = await uploaded(amA, { fileName: 'foto.png', contentType: 'image/png', bytes: FILES.png });
    const pdf = await uploaded(amA, { fileName: 'smlouva.pdf', contentType: 'application/pdf', bytes: FILES.pdf });
    const p1 = await amA.get(png.previewUrl);
    expect(p1.status).toBe(200);
    expect(p1.headers['content-type']).toBe('image/png');
    expect(String(p1.headers['content-disposition'])).toMatch(/^inline; filename="foto.png"/);
    expect(p1.headers['x-content-type-options']).toBe('nosniff');
    expect(p1.raw.rawPayload.equals(FILES.png)).toBe(true);
    const p2 = await amA.get(pdf.previewUrl);
    expect(p2.status).toBe(200);
    expect(p2.headers['content-type']).toBe('application/pdf');
    expect(String(p2.headers['content-disposition'])).toMatch(/^inline;/);
    expect(String(p2.headers['content-security-policy'])).toContain("default-src 'none'");
    const stream = await streamOf(amA);
    expect(stream[0]).toMatchObject({ type: 'download', data: { record: { id: pdf.id }, preview: true } });
    // the download of a previewable file is still an attachment
    const dl = await amA.get(`/api/v1/attachments/${png.id}/download`);
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment;/);
  });
});

describe('access', () => {
  it("another team's user sees none of it: 404 on list, metadata, download, preview and upload", async () => {
    const amA = await world.as('amA');
    const a = await uploaded(amA, { fileName: 'secret.pdf', bytes: FILES.pdf });
    const amB = await world.as('amB');
    const before = storedFiles().length;
    expect((await amB.get(`/api/v1/attachments?relatedType=lead&relatedId=${leadId}`)).status).toBe(404);
    expect((await amB.get(`/api/v1/attachments/${a.id}`)).status).toBe(404);
    expect((await amB.get(`/api/v1/attachments/${a.id}/download`)).status).toBe(404);
    expect((await amB.get(`/api/v1/attachments/${a.id}/preview`)).status).toBe(404);
    expect((await amB.delete(`/api/v1/attachments/${a.id}`)).status).toBe(404);
    const up = await upload(amB, onLead(), { fileName: 'x.pdf', bytes: FILES.pdf });
    expect(up.status).toBe(404);
    expect(storedFiles().length).toBe(before);
    expect(stagedFiles()).toEqual([]);
    // nothing about amB's attempts reached the Stream
    expect((await streamOf(amA)).some((e) => e.actor?.id === world.users.amB.id)).toBe(false);
  });

  it('marketing (read-only on leads) may download but not upload or delete (403)', async () => {
    const amA = await world.as('amA');
    const a = await uploaded(amA, { fileName: 'brochure.pdf', bytes: FILES.pdf });
    const marketing = await world.as('marketing');
    expect((await marketing.get(`/api/v1/attachments?relatedType=lead&relatedId=${leadId}`)).status).toBe(200);
    const dl = await marketing.get(`/api/v1/attachments/${a.id}/download`);
    expect(dl.status).toBe(200);
    expect(dl.raw.rawPayload.equals(FILES.pdf)).toBe(true);
    expect((await streamOf(amA))[0]).toMatchObject({ type: 'download', actor: { id: world.users.marketing.id } });
    const up = await upload(marketing, onLead(), { fileName: 'x.pdf', bytes: FILES.pdf });
    expect(up.status).toBe(403);
    expect((await marketing.delete(`/api/v1/attachments/${a.id}`)).status).toBe(403);
    expect(stagedFiles()).toEqual([]);
  });

  it('a bearer token works without CSRF; a cookie upload without the CSRF token is refused', async () => {
    const bearer = await t.current.bearerClient(world.users.amA);
    const res = await upload(bearer, onLead(), { fileName: 'api.txt', bytes: 'from the API' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const amA = await world.as('amA');
    const noCsrf = multipart({ relatedType: 'lead', relatedId: leadId }, { fileName: 'a.txt', bytes: 'x' });
    const token = amA.csrfToken;
    amA.csrfToken = null;
    try {
      expect((await rawPost(amA, noCsrf.body, noCsrf.contentType)).status).toBe(403);
    } finally {
      amA.csrfToken = token;
    }
  });
});

describe('delete and restore', () => {
  it('soft-deletes with an unrelate entry, restores with a relate entry, and honours If-Match', async () => {
    const amA = await world.as('amA');
    const a = await uploaded(amA, { fileName: 'draft.pdf', bytes: FILES.pdf });
    expect((await amA.delete(`/api/v1/attachments/${a.id}`, { headers: { 'if-match': `"${a.version + 5}"` } })).status).toBe(412);
    expect((await amA.delete(`/api/v1/attachments/${a.id}`, { headers: { 'if-match': `"${a.version}"` } })).status).toBe(204);
    let stream = await streamOf(amA);
    expect(stream[0]).toMatchObject({
      type: 'unrelate',
      data: { relation: 'attachments', record: { type: 'attachment', id: a.id, name: 'draft.pdf' } },
    });
    const live = (await amA.get(`/api/v1/attachments?relatedType=lead&relatedId=${leadId}`)).body.data;
    expect(live.some((x: { id: string }) => x.id === a.id)).toBe(false);
    const deleted = (await amA.get(`/api/v1/attachments?relatedType=lead&relatedId=${leadId}&deleted=true`)).body.data;
    expect(deleted.find((x: { id: string }) => x.id === a.id)?.deletedAt).not.toBeNull();
    expect((await amA.get(`/api/v1/attachments/${a.id}`)).status).toBe(404);
    expect((await amA.get(`/api/v1/attachments/${a.id}/download`)).status).toBe(404);

    const restored = await amA.post(`/api/v1/attachments/${a.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: a.id, deletedAt: null, version: a.version + 2 });
    stream = await streamOf(amA);
    expect(stream[0]).toMatchObject({ type: 'relate', data: { relation: 'attachments', restored: true, record: { id: a.id } } });
    const dl = await amA.get(`/api/v1/attachments/${a.id}/download`);
    expect(dl.raw.rawPayload.equals(FILES.pdf)).toBe(true);
  });
});

describe('no orphans, no half records', () => {
  it('takes the row and its Stream entry back out when the bytes cannot be put in place', async () => {
    class FailingStore extends DiskFileStore {
      override async commit(): Promise<void> {
        throw new Error('disk full');
      }
    }
    const store = new FailingStore(path.join(t.dataDir, 'files'));
    const probe = new TextProbe();
    const staged = await store.stage(Readable.from([Buffer.from('hello')]), { onChunk: probe.onChunk });
    const rowsBefore = await t.current.db.selectFrom('attachments').select('id').execute();
    const amA = await world.as('amA');
    const streamBefore = await streamOf(amA);
    await expect(
      uploadAttachment(t.current.db, store, world.users.amA.actor, {
        fields: { relatedType: 'lead', relatedId: leadId },
        fileName: 'note.txt',
        mimeType: 'text/plain',
        staged,
        probe,
        maxBytes: 1024,
      }),
    ).rejects.toThrow('disk full');
    expect(await t.current.db.selectFrom('attachments').select('id').execute()).toEqual(rowsBefore);
    expect(await streamOf(amA)).toEqual(streamBefore);
    expect(stagedFiles()).toEqual([]);
  });
});

describe('limits', () => {
  it('tells upload widgets the limit and the accepted types', async () => {
    const res = await (await world.as('sdrA')).get('/api/v1/attachments/limits');
    expect(res.status).toBe(200);
    expect(res.body.maxUploadMb).toBe(1);
    expect(res.body.accept['application/pdf']).toEqual(['.pdf']);
    expect(res.body.accept['image/svg+xml']).toEqual(['.svg']);
  });
});
