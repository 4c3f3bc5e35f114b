import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { claimImport, runImport as runClaimed } from '../../src/server/modules/imports/import-runner.js';
import { importWorkerOf } from '../../src/server/modules/imports/imports.routes.js';
import { advanceClockForTests } from '../../src/server/platform/clock.js';
import { BOM, finish, runImport, setupImportApp, uploadOk } from './helpers.js';

const t = setupImportApp();

async function leadsWithEmail(email: string) {
  return t.current.db.selectFrom('leads').selectAll().where('email', '=', email).where('deletedAt', 'is', null).execute();
}

async function streamOf(leadId: string) {
  return t.current.db.selectFrom('streamEntries').selectAll().where('entityId', '=', leadId).orderBy('seq').execute();
}

describe('imports: validation, rejected rows and duplicates', () => {
  it('rejects bad rows with their reason, imports the rest, and serves a formula-safe report', async () => {
    const api = await t.world.as('admin');
    const csv = [
      'Jméno;Příjmení;Firma;E-mail;Telefon;IČO',
      'Jana;Dvořáková;OK s.r.o.;ok1@example.cz;603 123 456;27082440',
      'Bad;Ico;Firma;badico@example.cz;;12345678',
      'Bad;Mail;Firma;not-an-email;;',
      ';;;;;',
      ';;;;603 000 111;',
      '=HYPERLINK("http://x");Evil;Evil a.s.;evil@example.cz;12;',
      'Karel;Novák;OK2 a.s.;ok2@example.cz;+420777111222;45274649',
    ].join('\n');
    const imp = await uploadOk(api, 'mixed.csv', BOM + csv);
    expect(imp.totals.rows).toBe(6);
    expect(imp.preview.map((r: { action: string }) => r.action)).toEqual([
      'create',
      'reject',
      'reject',
      'reject',
      'reject',
      'create',
    ]);
    expect(imp.preview[1].errors).toEqual([
      { field: 'registrationNumber', message: 'is not a valid IČO (check digit does not match)' },
    ]);

    const done = await runImport(t.current, api, imp.id, { defaults: { ownerId: t.world.users.amA.id } });
    expect(done.status).toBe('completed');
    expect(done.progress).toBe(100);
    expect(done.totals).toEqual({ rows: 6, processed: 6, created: 2, updated: 0, skipped: 0, rejected: 4 });
    expect(done.rejectedReportUrl).toBe(`/api/v1/imports/${imp.id}/rejected.csv`);
    expect(await leadsWithEmail('badico@example.cz')).toHaveLength(0);
    expect(await leadsWithEmail('ok2@example.cz')).toHaveLength(1);

    const report = await api.get(done.rejectedReportUrl);
    expect(report.status).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const rows: string[][] = parse(report.raw.body, { bom: true });
    expect(rows[0]).toEqual(['Jméno', 'Příjmení', 'Firma', 'E-mail', 'Telefon', 'IČO', 'row', 'reason']);
    expect(rows.slice(1).map((r) => r[6])).toEqual(['3', '4', '6', '7']);
    expect(rows[1]?.[7]).toBe('IČO (registrationNumber): is not a valid IČO (check digit does not match)');
    expect(rows[2]?.[7]).toBe('E-mail (email): is not a valid email address');
    expect(rows[3]?.[7]).toBe('a lead needs a last name, a company or an email');
    // the formula-looking cell stays text, the bad phone is named
    expect(rows[4]?.[0]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[4]?.[7]).toContain('Telefon (phone)');
  });

  it('duplicate policy skip leaves existing leads and contacts alone', async () => {
    const api = await t.world.as('admin');
    const existing = await api.post('/api/v1/leads', {
      lastName: 'Stará',
      company: 'Old s.r.o.',
      email: 'dup-skip@example.cz',
      source: 'referral',
    });
    expect(existing.status).toBe(201);
    const contact = await api.post('/api/v1/contacts', {
      lastName: 'Kontakt',
      emails: ['contact-dup@example.cz'],
      ownerId: t.world.users.admin.id,
    });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);
    const imp = await uploadOk(
      api,
      'dups.csv',
      'Příjmení,E-mail,Město\nNová,DUP-SKIP@example.cz,Brno\nKontaktová,contact-dup@example.cz,Zlín\nSoubor,in-file@example.cz,\nSoubor2,in-file@example.cz,Opava\n',
    );
    expect(imp.duplicatePolicy).toBe('skip');
    expect(imp.preview.map((r: { action: string }) => r.action)).toEqual(['skip', 'skip', 'create', 'skip']);
    expect(imp.preview[0].duplicate).toMatchObject({ type: 'lead', id: existing.body.id });
    expect(imp.preview[1].duplicate).toMatchObject({ type: 'contact', id: contact.body.id });
    const done = await runImport(t.current, api, imp.id);
    expect(done.totals).toMatchObject({ rows: 4, created: 1, updated: 0, skipped: 3, rejected: 0 });
    const [lead] = await leadsWithEmail('dup-skip@example.cz');
    expect(lead?.lastName).toBe('Stará');
    expect(await leadsWithEmail('in-file@example.cz')).toHaveLength(1);
  });

  it('duplicate policy update fills and changes mapped fields with one update entry; create makes a new lead anyway', async () => {
    const api = await t.world.as('sdrA');
    const existing = await api.post('/api/v1/leads', {
      lastName: 'Veselá',
      company: 'Staré jméno',
      email: 'dup-upd@example.cz',
      source: 'referral',
      ownerId: t.world.users.sdrA.id,
    });
    expect(existing.status).toBe(201);
    const csv = 'Příjmení,Firma,E-mail,Město\nVeselá,Nové jméno a.s.,dup-upd@example.cz,Olomouc\n';
    const imp = await uploadOk(api, 'upd.csv', csv);
    const patched = await api.patch(`/api/v1/imports/${imp.id}`, { duplicatePolicy: 'update' });
    expect(patched.body.preview[0].action).toBe('update');
    const done = await runImport(t.current, api, imp.id);
    expect(done.totals).toMatchObject({ created: 0, updated: 1, skipped: 0 });
    const after = (await api.get(`/api/v1/leads/${existing.body.id}`)).body;
    expect(after).toMatchObject({
      company: 'Nové jméno a.s.',
      city: 'Olomouc',
      source: 'referral',
      version: existing.body.version + 1,
    });
    const updates = (await streamOf(existing.body.id)).filter((e) => e.type === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.data).toMatchObject({
      importId: imp.id,
      changes: [
        { field: 'company', old: 'Staré jméno', new: 'Nové jméno a.s.' },
        { field: 'city', old: null, new: 'Olomouc' },
      ],
    });
    // the same file again with "update": nothing changes → skipped, no new entry
    const again = await uploadOk(api, 'upd2.csv', csv);
    const done2 = await runImport(t.current, api, again.id, { duplicatePolicy: 'update' });
    expect(done2.totals).toMatchObject({ updated: 0, skipped: 1 });
    expect((await streamOf(existing.body.id)).filter((e) => e.type === 'update')).toHaveLength(1);

    const create = await uploadOk(api, 'create.csv', csv);
    const done3 = await runImport(t.current, api, create.id, {
      duplicatePolicy: 'create',
      defaults: { ownerId: t.world.users.sdrA.id },
    });
    expect(done3.totals).toMatchObject({ created: 1, updated: 0, skipped: 0 });
    expect(await leadsWithEmail('dup-upd@example.cz')).toHaveLength(2);
  });

  it('update never touches a lead the importer may not change: the row is rejected with the reason', async () => {
    const admin = await t.world.as('admin');
    const foreign = await admin.post('/api/v1/leads', {
      lastName: 'Cizí',
      email: 'foreign@example.cz',
      source: 'referral',
      ownerId: t.world.users.amB.id,
    });
    expect(foreign.status).toBe(201);
    const amA = await t.world.as('amA');
    const imp = await uploadOk(amA, 'foreign.csv', 'Příjmení,E-mail,Město\nCizí,foreign@example.cz,Brno\n');
    const done = await runImport(t.current, amA, imp.id, {
      duplicatePolicy: 'update',
      defaults: { ownerId: t.world.users.amA.id },
    });
    expect(done.totals).toMatchObject({ updated: 0, rejected: 1 });
    expect((await admin.get(`/api/v1/leads/${foreign.body.id}`)).body.city).toBeNull();
    const report = await amA.get(done.rejectedReportUrl);
    expect(report.raw.body).toContain('which you may not change');
  });
});

describe('imports: progress, batches and restart', () => {
  const N = 1234;
  const csv = () => {
    const lines = ['First name;Last name;Company;Email'];
    for (let i = 1; i <= N; i++) lines.push(`Name${i};Surname${i};Firma ${i} s.r.o.;bulk${i}@example.com`);
    return lines.join('\n');
  };

  it('runs in the background after /start: progress reaches 100 % and the totals add up', async () => {
    const api = await t.world.as('marketing');
    const imp = await uploadOk(api, 'bulk.csv', csv());
    expect(imp.totals.rows).toBe(N);
    const patched = await api.patch(`/api/v1/imports/${imp.id}`, { defaults: { teamId: t.world.teamB, campaign: 'Bulk' } });
    expect(patched.status).toBe(200);
    const started = await api.post(`/api/v1/imports/${imp.id}/start`);
    expect(started.status).toBe(202);
    expect(['queued', 'running', 'completed']).toContain(started.body.status);
    const seen: number[] = [];
    let state = started.body;
    for (let i = 0; i < 100 && state.status !== 'completed' && state.status !== 'failed'; i++) {
      state = (await api.get(`/api/v1/imports/${imp.id}`)).body;
      seen.push(state.progress);
    }
    state = await finish(t.current, api, imp.id);
    expect(state.status).toBe('completed');
    expect(state.progress).toBe(100);
    const { created, updated, skipped, rejected, processed, rows } = state.totals;
    expect(created + updated + skipped + rejected).toBe(rows);
    expect(processed).toBe(rows);
    expect(created).toBe(N);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    // second start of a completed import is refused
    expect((await api.post(`/api/v1/imports/${imp.id}/start`)).status).toBe(422);
    expect((await api.patch(`/api/v1/imports/${imp.id}`, { duplicatePolicy: 'create' })).status).toBe(422);
    const owners = await t.current.db.selectFrom('leads').select(['ownerId']).where('campaign', '=', 'Bulk').execute();
    expect(owners).toHaveLength(N);
    // team B's only sales member gets every unowned lead of the team
    expect(new Set(owners.map((o) => o.ownerId))).toEqual(new Set([t.world.users.amB.id]));
    const creates = await t.current.db
      .selectFrom('streamEntries as s')
      .innerJoin('leads as l', 'l.id', 's.entityId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('l.campaign', '=', 'Bulk')
      .where('s.type', '=', 'create')
      .executeTakeFirstOrThrow();
    expect(Number(creates.n)).toBe(N);
  });

  it('a restart mid-import continues after the last committed batch without duplicating rows', async () => {
    const api = await t.world.as('admin');
    const text = csv().replaceAll('bulk', 'restart').replaceAll('Firma ', 'Restart ');
    const imp = await uploadOk(api, 'restart.csv', text);
    await api.patch(`/api/v1/imports/${imp.id}`, { defaults: { ownerId: t.world.users.admin.id } });
    // Queue it the way /start does, but run it here: the process "crashes" after one batch, holding its lease.
    await t.current.db.updateTable('imports').set({ status: 'queued' }).where('id', '=', imp.id).execute();
    const claimed = await claimImport(t.current.db, imp.id);
    if (!claimed) throw new Error('not claimed');
    expect(await runClaimed(t.current.db, t.dataDir, claimed, { batchSize: 500, crashAfterBatches: 1 })).toBe('stopped');
    const mid = (await api.get(`/api/v1/imports/${imp.id}`)).body;
    expect(mid).toMatchObject({ status: 'running', progress: 40, totals: { processed: 500, created: 500 } });
    // while the crashed worker's lease lasts, nobody takes the import over
    await importWorkerOf(t.current.app).runPending();
    expect((await api.get(`/api/v1/imports/${imp.id}`)).body.totals.processed).toBe(500);
    // the lease runs out → the next worker pass (as at start-up) resumes after row 500
    advanceClockForTests(2 * 60_000);
    const done = await finish(t.current, api, imp.id);
    expect(done.totals).toMatchObject({ rows: N, processed: N, created: N, rejected: 0 });
    const count = await t.current.db
      .selectFrom('leads')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>(eb.fn('distinct', ['email'])).as('distinct')])
      .where('email', 'like', 'restart%@example.com')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(N);
    expect(Number(count.distinct)).toBe(N);
  });

  it('a graceful stop releases the import, and the next start resumes it at once', async () => {
    const api = await t.world.as('admin');
    const text = csv().replaceAll('bulk', 'graceful').replaceAll('Firma ', 'Graceful ');
    const imp = await uploadOk(api, 'graceful.csv', text);
    await t.current.db.updateTable('imports').set({ status: 'queued' }).where('id', '=', imp.id).execute();
    const claimed = await claimImport(t.current.db, imp.id);
    if (!claimed) throw new Error('not claimed');
    let batches = 0;
    expect(await runClaimed(t.current.db, t.dataDir, claimed, { shouldStop: () => ++batches >= 1 })).toBe('stopped');
    expect((await api.get(`/api/v1/imports/${imp.id}`)).body.totals.processed).toBe(500);
    const done = await finish(t.current, api, imp.id);
    expect(done.totals).toMatchObject({ processed: N, created: N });
  });

  it('a failure is visible on the import (status failed with the reason), never silent', async () => {
    const api = await t.world.as('admin');
    const imp = await uploadOk(api, 'vanishing.csv', 'Firma\nZmizelá s.r.o.\n');
    const stored = path.join(t.dataDir, 'imports', `${imp.id}.upload`);
    const bytes = fs.readFileSync(stored);
    fs.rmSync(stored);
    const failed = await runImport(t.current, api, imp.id);
    expect(failed).toMatchObject({ status: 'failed', error: 'The uploaded file is missing from the data folder' });
    // once the file is back, /start resumes the failed import
    fs.writeFileSync(stored, bytes);
    const done = await runImport(t.current, api, imp.id);
    expect(done).toMatchObject({ status: 'completed', error: null, totals: { created: 1 } });
  });
});
