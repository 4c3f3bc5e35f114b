import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { guessMapping, normaliseHeader } from '../../../domain/imports/header-match.js';
import {
  IMPORT_FIELDS,
  type ImportDefaults,
  type ImportField,
  type ImportListQuery,
  type ImportRecord,
  type ImportUpdate,
  type ImportWithPreview,
  importDefaults,
  PREVIEW_ROWS,
  type PreviewRow,
} from '../../../domain/imports/import.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertCanAssign, assertCanCreate, canWrite, isAdmin } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type CsvColumn, csvStream } from '../../platform/csv.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { requireActiveUser, requireTeam } from '../users/users.lookup.js';
import { findDuplicates } from './import-batch.js';
import { dataRows, importsDir, inspectFile, saveUpload, sniffKind } from './import-files.js';
import { mappedValues, rowToLead } from './import-rows.js';
import { toImport } from './imports.mapper.js';
import {
  findImport,
  findRememberedMapping,
  type ImportRow,
  insertImport,
  listImportRows,
  rejectedRowsPage,
  rememberMapping,
  updateImportRow,
} from './imports.repo.js';

/** The same set of column names in any order → the same key (mappings are remembered per header set). */
export function headerKey(headers: string[]): string {
  const normalised = headers.map(normaliseHeader).sort();
  return createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
}

async function suggestMapping(
  conn: Conn,
  headers: string[],
): Promise<{ mapping: Array<ImportField | null>; source: 'remembered' | 'guessed' }> {
  const remembered = await findRememberedMapping(conn, headerKey(headers));
  if (remembered) {
    const taken = new Set<string>();
    const mapping = headers.map((h) => {
      const field = remembered.mapping[normaliseHeader(h)];
      if (!field || !(IMPORT_FIELDS as readonly string[]).includes(field) || taken.has(field)) return null;
      taken.add(field);
      return field as ImportField;
    });
    return { mapping, source: 'remembered' };
  }
  return { mapping: guessMapping(headers), source: 'guessed' };
}

/** Only the one who uploaded an import (and administrators) may see it; anyone else gets 404. */
async function visibleImport(conn: Conn, actor: Actor, id: string): Promise<ImportRow> {
  const row = await findImport(conn, id);
  if (!row || (row.createdBy !== actor.id && !isAdmin(actor))) throw notFound('Import');
  return row;
}

export function importFilePath(dataDir: string, row: Pick<ImportRow, 'filePath'>): string {
  return path.join(importsDir(dataDir), row.filePath);
}

/**
 * Stores an uploaded file under DATA_DIR/imports, checks its type from the bytes, reads headers and counts rows,
 * and suggests a mapping (remembered for this header set, else guessed from the header names).
 */
export async function createImport(
  db: Db,
  dataDir: string,
  actor: Actor,
  upload: { fileName: string; stream: Readable; truncated: () => boolean },
): Promise<ImportWithPreview> {
  assertCanCreate(actor, 'lead');
  const id = newId();
  const stored = `${id}.upload`;
  const target = path.join(importsDir(dataDir), stored);
  const size = await saveUpload(upload.stream, target, upload.truncated);
  try {
    if (size === 0) throw invalidField('file', 'is empty');
    const kind = await sniffKind(target);
    const { headers, delimiter, totalRows } = await inspectFile(target, kind);
    const suggestion = await suggestMapping(db, headers);
    const at = now();
    const defaults: ImportDefaults = { ownerId: null, teamId: null, source: 'import', campaign: null };
    await insertImport(db, {
      id,
      fileName: upload.fileName.slice(0, 255) || 'upload',
      fileKind: kind,
      filePath: stored,
      fileSize: size,
      delimiter,
      headers: JSON.stringify(headers),
      headerKey: headerKey(headers),
      mapping: JSON.stringify(suggestion.mapping),
      mappingSource: suggestion.source,
      defaults: JSON.stringify(defaults),
      totalRows,
      createdBy: actor.id,
      createdAt: at,
      updatedAt: at,
    });
  } catch (err) {
    fs.rmSync(target, { force: true });
    throw err;
  }
  return getImportWithPreview(db, dataDir, actor, id);
}

export async function getImport(conn: Conn, actor: Actor, id: string): Promise<ImportRecord> {
  return toImport(await visibleImport(conn, actor, id));
}

export async function getImportWithPreview(db: Db, dataDir: string, actor: Actor, id: string): Promise<ImportWithPreview> {
  const row = await visibleImport(db, actor, id);
  return { ...toImport(row), preview: await previewRows(db, dataDir, actor, row) };
}

export async function listImports(db: Db, actor: Actor, query: ImportListQuery) {
  const { rows, nextCursor } = await listImportRows(db, actor, query);
  return { data: rows.map(toImport), nextCursor };
}

/** The first rows as they would import: mapped values, validation errors, duplicate and the resulting action. */
export async function previewRows(db: Db, dataDir: string, actor: Actor, row: ImportRow): Promise<PreviewRow[]> {
  const mapping = row.mapping as Array<ImportField | null>;
  const defaults = importDefaults.parse(row.defaults);
  const sample: Array<{ rowNumber: number; cells: string[] }> = [];
  for await (const r of dataRows(importFilePath(dataDir, row), row.fileKind as 'csv' | 'xlsx', row.delimiter)) {
    sample.push(r);
    if (sample.length >= PREVIEW_ROWS) break;
  }
  const results = sample.map((r) => ({ r, result: rowToLead(r.cells, row.headers, mapping, defaults) }));
  const emails = results.flatMap(({ result }) => (result.ok && result.input.email ? [result.input.email] : []));
  const duplicates = await findDuplicates(db, emails);
  const seen = new Set<string>();
  return results.map(({ r, result }) => {
    const values = mappedValues(r.cells, mapping);
    if (!result.ok)
      return {
        rowNumber: r.rowNumber,
        cells: r.cells,
        values,
        errors: result.errors,
        duplicate: null,
        action: 'reject' as const,
      };
    const email = result.input.email ?? null;
    const found = email ? duplicates.get(email) : undefined;
    const earlier = email ? seen.has(email) : false;
    if (email) seen.add(email);
    const duplicate = found ? { type: found.type, id: found.id, name: found.name } : null;
    let action: PreviewRow['action'] = 'create';
    if ((found || earlier) && row.duplicatePolicy !== 'create') {
      if (row.duplicatePolicy === 'skip' || found?.type === 'contact') action = 'skip';
      else if (found?.type === 'lead' && !canWrite(actor, 'lead', found.lead)) action = 'reject';
      else action = 'update';
    }
    return { rowNumber: r.rowNumber, cells: r.cells, values, errors: [], duplicate, action };
  });
}

async function checkDefaults(conn: Conn, actor: Actor, defaults: ImportDefaults) {
  if (defaults.ownerId) {
    await requireActiveUser(conn, defaults.ownerId, 'defaults.ownerId');
    assertCanAssign(actor, 'lead', defaults.ownerId);
  }
  if (defaults.teamId) await requireTeam(conn, defaults.teamId, 'defaults.teamId');
}

/** Sets the mapping, duplicate policy and defaults of an import that has not started yet. */
export async function updateImport(
  db: Db,
  dataDir: string,
  actor: Actor,
  id: string,
  input: ImportUpdate,
  ifMatch: number | undefined,
): Promise<ImportWithPreview> {
  await inTransaction(db, async (tx) => {
    const row = await visibleImport(tx, actor, id);
    if (ifMatch !== undefined && ifMatch !== row.version) throw stale();
    if (row.status !== 'uploaded')
      throw new AppError('invalid_transition', `The import is ${row.status}; only an import that has not started can be changed`);
    if (input.mapping && input.mapping.length !== row.headers.length) {
      throw invalidField('mapping', `must name a field (or null) for each of the ${row.headers.length} columns`);
    }
    if (input.defaults) await checkDefaults(tx, actor, input.defaults);
    const ok = await updateImportRow(
      tx,
      id,
      {
        ...(input.mapping ? { mapping: JSON.stringify(input.mapping), mappingSource: 'set' } : {}),
        ...(input.duplicatePolicy ? { duplicatePolicy: input.duplicatePolicy } : {}),
        ...(input.defaults ? { defaults: JSON.stringify(input.defaults) } : {}),
        updatedAt: now(),
      },
      row.version,
    );
    if (!ok) throw stale();
  });
  return getImportWithPreview(db, dataDir, actor, id);
}

/**
 * Queues an uploaded (or failed) import for the background worker; the mapping used is remembered for the next
 * file with the same header set. A failed import resumes after its last committed row.
 */
export async function startImport(db: Db, actor: Actor, id: string): Promise<ImportRecord> {
  return inTransaction(db, async (tx) => {
    const row = await visibleImport(tx, actor, id);
    if (row.status !== 'uploaded' && row.status !== 'failed') {
      throw new AppError('invalid_transition', `The import is already ${row.status}`);
    }
    assertCanCreate(actor, 'lead');
    const mapping = row.mapping as Array<ImportField | null>;
    if (!mapping.some(Boolean)) throw invalidField('mapping', 'map at least one column to a lead field');
    const defaults = importDefaults.parse(row.defaults);
    await checkDefaults(tx, actor, defaults);
    const remembered: Record<string, string> = {};
    row.headers.forEach((h, i) => {
      const field = mapping[i];
      if (field) remembered[normaliseHeader(h)] = field;
    });
    const at = now();
    await rememberMapping(tx, row.headerKey, row.headers, remembered, actor.id, at);
    await updateImportRow(tx, id, { status: 'queued', error: null, leaseUntil: null, finishedAt: null, updatedAt: at });
    return toImport((await findImport(tx, id)) as ImportRow);
  });
}

type Rejected = { rowNumber: number; reason: string; cells: string[] };

/** The rejected rows as CSV: the file's own columns, then the row number and the reason (formula-safe cells). */
export async function rejectedRowsCsv(db: Db, actor: Actor, id: string) {
  const row = await visibleImport(db, actor, id);
  const columns: CsvColumn<Rejected>[] = [
    ...row.headers.map((header, i) => ({ header, value: (r: Rejected) => r.cells[i] ?? '' })),
    { header: 'row', value: (r: Rejected) => r.rowNumber },
    { header: 'reason', value: (r: Rejected) => r.reason },
  ];
  async function* pages() {
    let after = 0;
    for (;;) {
      const page = await rejectedRowsPage(db, id, after, 1000);
      if (page.length === 0) return;
      yield page;
      after = (page.at(-1) as Rejected).rowNumber;
    }
  }
  return { fileName: `${path.parse(row.fileName).name || 'import'}-rejected.csv`, stream: csvStream(pages(), columns) };
}
