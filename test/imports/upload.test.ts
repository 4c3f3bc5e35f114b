import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../src/domain/imports/import.schema.js';
import { errorOf, fieldsOf } from '../helpers/app.js';
import { BOM, runImport, setupImportApp, upload, uploadOk } from './helpers.js';

const t = setupImportApp();

const CZECH_CSV = [
  'Jméno;Příjmení;Firma;E-mail;Telefon;IČO;Město',
  'Jana;Dvořáková;AutoERP s.r.o.;jana@autoerp.cz;603 123 456;27082440;Brno',
  'Petr;Šťastný;"Stroje; a.s.";petr@stroje.cz;+420 777 888 999;45274649;Praha',
].join('\r\n');

describe('imports: upload, type check, mapping and preview', () => {
  it('maps a Czech Excel CSV (BOM, `;`, Czech headers) automatically and previews the rows', async () => {
    const api = await t.world.as('sdrA');
    const imp = await uploadOk(api, 'leady.csv', BOM + CZECH_CSV);
    expect(imp.status).toBe('uploaded');
    expect(imp.fileKind).toBe('csv');
    expect(imp.delimiter).toBe(';');
    expect(imp.headers).toEqual(['Jméno', 'Příjmení', 'Firma', 'E-mail', 'Telefon', 'IČO', 'Město']);
    expect(imp.mapping).toEqual(['firstName', 'lastName', 'company', 'email', 'phone', 'registrationNumber', 'city']);
    expect(imp.mappingSource).toBe('guessed');
    expect(imp.totals.rows).toBe(2);
    expect(imp.preview).toHaveLength(2);
    const [first, second] = imp.preview;
    expect(first.rowNumber).toBe(2);
    expect(first.action).toBe('create');
    expect(first.errors).toEqual([]);
    expect(first.values).toMatchObject({
      firstName: 'Jana',
      lastName: 'Dvořáková',
      email: 'jana@autoerp.cz',
      registrationNumber: '27082440',
    });
    expect(second.values.company).toBe('Stroje; a.s.');

    const done = await runImport(t.current, api, imp.id, { defaults: { ownerId: t.world.users.sdrA.id } });
    expect(done.totals).toMatchObject({ rows: 2, processed: 2, created: 2, rejected: 0 });
    const leads = await api.all('/api/v1/leads?source=import');
    const jana = leads.find((l) => l.email === 'jana@autoerp.cz');
    expect(jana).toMatchObject({
      firstName: 'Jana',
      lastName: 'Dvořáková',
      phone: '+420603123456',
      city: 'Brno',
      source: 'import',
      ownerId: t.world.users.sdrA.id,
      status: 'assigned',
    });
    const stream = await api.get(`/api/v1/leads/${jana.id}/stream`);
    const creates = stream.body.data.filter((e: { type: string }) => e.type === 'create');
    expect(creates).toHaveLength(1);
    expect(creates[0].data).toMatchObject({ importId: imp.id, row: 2, source: 'import' });
    expect(creates[0].actor.id).toBe(t.world.users.sdrA.id);
  });

  it('imports an XLSX workbook (English headers, numbers and rich cells)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Leads');
    ws.addRow(['First name', 'Last name', 'Company', 'Email', 'Phone', 'Registration number', 'Country']);
    ws.addRow(['Gerald', 'Unger', 'Maschinenbau GmbH', 'g.unger@mb.de', '+49 30 1234567', '', 'Deutschland']);
    ws.addRow([
      'Eva',
      'Malá',
      { richText: [{ text: 'Malá ' }, { text: 'firma s.r.o.' }] },
      'eva@mala.cz',
      603555666,
      6947,
      'Česko',
    ]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const api = await t.world.as('marketing');
    const imp = await uploadOk(api, 'leads.xlsx', xlsx);
    expect(imp.fileKind).toBe('xlsx');
    expect(imp.mapping).toEqual(['firstName', 'lastName', 'company', 'email', 'phone', 'registrationNumber', 'country']);
    expect(imp.preview.map((r: { action: string }) => r.action)).toEqual(['create', 'create']);
    const done = await runImport(t.current, api, imp.id, { defaults: { teamId: t.world.teamA, campaign: 'Veletrh 2026' } });
    expect(done.totals).toMatchObject({ rows: 2, created: 2, rejected: 0 });
    const admin = await t.world.as('admin');
    const eva = (await admin.all('/api/v1/leads?q=eva@mala.cz'))[0];
    expect(eva).toMatchObject({
      company: 'Malá firma s.r.o.',
      phone: '+420603555666',
      registrationNumber: '00006947',
      country: 'CZ',
      campaign: 'Veletrh 2026',
      teamId: t.world.teamA,
    });
    // an unowned lead for a team goes round-robin to one of its members
    expect([t.world.users.amA.id, t.world.users.amA2.id, t.world.users.sdrA.id]).toContain(eva.ownerId);
  });

  it('refuses a file over 50 MB with 413 and leaves nothing stored', async () => {
    const api = await t.world.as('admin');
    const big = Buffer.alloc(IMPORT_MAX_BYTES + 1024, 'a');
    const res = await upload(api, 'big.csv', big);
    expect(res.status).toBe(413);
    expect(errorOf(res).code).toBe('payload_too_large');
    const list = await api.get('/api/v1/imports');
    expect(list.body.data.some((i: { fileName: string }) => i.fileName === 'big.csv')).toBe(false);
  });

  it('checks the type on the bytes: PNG bytes named .csv are refused with 400 naming the file', async () => {
    const api = await t.world.as('admin');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const res = await upload(api, 'leads.csv', png);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['file']);
    const zip = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(100, 1)]);
    const notXlsx = await upload(api, 'leads.xlsx', zip);
    expect(notXlsx.status).toBe(400);
    expect(fieldsOf(notXlsx)).toEqual(['file']);
    const json = await api.post('/api/v1/imports', { file: 'x' });
    expect(json.status).toBe(400);
  });

  it('remembers the mapping for the same header set (any column order) and guesses for a new one', async () => {
    const api = await t.world.as('leadA');
    const csv = 'Kdo,Kde,Mail\nNovák,Ostrava,novak@x.cz\n';
    const first = await uploadOk(api, 'a.csv', csv);
    expect(first.mapping).toEqual([null, null, 'email']);
    const done = await runImport(t.current, api, first.id, {
      mapping: ['lastName', 'city', 'email'],
      defaults: { ownerId: t.world.users.leadA.id },
    });
    expect(done.totals.created).toBe(1);
    const again = await uploadOk(await t.world.as('amB'), 'b.csv', 'Mail,Kdo,Kde\nkral@y.cz,Král,Plzeň\n');
    expect(again.mappingSource).toBe('remembered');
    expect(again.mapping).toEqual(['email', 'lastName', 'city']);
    expect(again.preview[0].values).toMatchObject({ lastName: 'Král', city: 'Plzeň', email: 'kral@y.cz' });
  });

  it('lets only the uploader (and administrators) see an import; others get 404', async () => {
    const amA = await t.world.as('amA');
    const imp = await uploadOk(amA, 'mine.csv', 'Firma\nSoukromá a.s.\n');
    const amB = await t.world.as('amB');
    expect((await amB.get(`/api/v1/imports/${imp.id}`)).status).toBe(404);
    expect((await amB.patch(`/api/v1/imports/${imp.id}`, { duplicatePolicy: 'create' })).status).toBe(404);
    expect((await amB.post(`/api/v1/imports/${imp.id}/start`)).status).toBe(404);
    expect((await amB.get(`/api/v1/imports/${imp.id}/rejected.csv`)).status).toBe(404);
    expect((await amB.get('/api/v1/imports')).body.data.map((i: { id: string }) => i.id)).not.toContain(imp.id);
    expect((await amA.get('/api/v1/imports')).body.data.map((i: { id: string }) => i.id)).toContain(imp.id);
    const admin = await t.world.as('admin');
    expect((await admin.get(`/api/v1/imports/${imp.id}`)).status).toBe(200);
    expect((await admin.get('/api/v1/imports')).body.data.map((i: { id: string }) => i.id)).toContain(imp.id);
  });

  it('follows the lead policy: account managers may import (they may create leads), but only assign within their reach', async () => {
    const amA = await t.world.as('amA');
    const imp = await uploadOk(amA, 'am.csv', 'Firma\nAM Firma s.r.o.\n');
    const foreign = await amA.patch(`/api/v1/imports/${imp.id}`, { defaults: { ownerId: t.world.users.amB.id } });
    expect(foreign.status).toBe(403);
    expect(fieldsOf(foreign)).toEqual(['ownerId']);
    const ok = await amA.patch(`/api/v1/imports/${imp.id}`, { defaults: { ownerId: t.world.users.amA.id } });
    expect(ok.status).toBe(200);
    const unknownTeam = await amA.patch(`/api/v1/imports/${imp.id}`, {
      defaults: { teamId: '00000000-0000-7000-8000-000000000000' },
    });
    expect(fieldsOf(unknownTeam)).toEqual(['defaults.teamId']);
    const badMapping = await amA.patch(`/api/v1/imports/${imp.id}`, { mapping: ['company', 'email'] });
    expect(fieldsOf(badMapping)).toEqual(['mapping']);
    const twice = await amA.patch(`/api/v1/imports/${imp.id}`, { mapping: ['bogus'] });
    expect(twice.status).toBe(400);
  });
});
