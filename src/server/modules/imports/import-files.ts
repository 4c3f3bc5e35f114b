import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError, invalidField } from '../../platform/errors.js';

/** Uploads live in DATA_DIR/imports, named by import id (never by the user's file name). */
export function importsDir(dataDir: string): string {
  return path.join(dataDir, 'imports');
}

export type FileKind = 'csv' | 'xlsx';
export type DataRow = { rowNumber: number; cells: string[] };

/** Writes an upload to disk; a stream that ends truncated (size limit) leaves nothing behind. */
export async function saveUpload(source: Readable, target: string, isTruncated: () => boolean): Promise<number> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    await pipeline(source, fs.createWriteStream(target, { mode: 0o600 }));
  } catch (err) {
    fs.rmSync(target, { force: true });
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
  if (isTruncated()) {
    fs.rmSync(target, { force: true });
    throw tooLarge();
  }
  return fs.statSync(target).size;
}

const tooLarge = () =>
  new AppError('payload_too_large', 'The file is larger than the 50 MB an import accepts', [
    { field: 'file', message: 'is larger than 50 MB' },
  ]);

/**
 * The file's type from its bytes, not its name: XLSX is a zip (`PK\x03\x04`); anything else must be UTF-8 text
 * without NUL bytes to pass as CSV (a PNG, a PDF or a Windows-1250 export does not).
 */
export async function sniffKind(file: string): Promise<FileKind> {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(4);
  try {
    fs.readSync(fd, head, 0, 4, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
      if ((chunk as Buffer).includes(0)) throw new Error('NUL byte');
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
  } catch {
    throw invalidField('file', 'is neither an XLSX workbook nor a UTF-8 CSV file (in Excel: "Save as… CSV UTF-8")');
  }
  return 'csv';
}

/** The delimiter of a CSV file from its first line: Czech and German Excel write `;`, others `,` (or a tab). */
export function detectDelimiter(file: string): string {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(64 * 1024);
  let n: number;
  try {
    n = fs.readSync(fd, buf, 0, buf.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const text = buf.subarray(0, n).toString('utf8');
  let firstLine = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '\n' || ch === '\r')) break;
    if (!quoted) firstLine += ch;
  }
  const counts = [';', ',', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ',';
}

const NUL = String.fromCharCode(0);
const clean = (s: string) => (s.includes(NUL) ? s.split(NUL).join('') : s);
const blank = (cells: string[]) => cells.every((c) => c.trim() === '');

async function* csvRecords(file: string, delimiter: string): AsyncGenerator<DataRow> {
  const parser = fs
    .createReadStream(file)
    .pipe(parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      yield { rowNumber, cells: record.map(clean) };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalidField('file', `is not a readable CSV file near row ${rowNumber + 1}: ${(err as Error).message}`);
  }
}

/** A cell as text, whatever Excel stored: shared/rich text, hyperlink, formula result, number, date. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return clean(value);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: unknown };
    if (v.richText) return clean(v.richText.map((r) => r.text).join(''));
    if (v.text !== undefined) return cellText(v.text);
    if ('result' in v) return cellText(v.result);
    if (v.error) return '';
  }
  return clean(String(value));
}

async function* xlsxRecords(file: string): AsyncGenerator<DataRow> {
  // Streamed, so a 50 MB workbook never sits in memory whole; only the first worksheet is read.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let rowNumber = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        rowNumber = row.number;
        const values = (row.values as unknown[]).slice(1);
        yield { rowNumber, cells: Array.from(values, cellText) };
      }
      break;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalidField('file', `is not a readable XLSX workbook${rowNumber ? ` (near row ${rowNumber + 1})` : ''}`);
  }
}

/** Every non-empty row of the file, the header row first; row numbers are the spreadsheet's (header = 1). */
export function fileRecords(file: string, kind: FileKind, delimiter: string | null): AsyncGenerator<DataRow> {
  return kind === 'xlsx' ? xlsxRecords(file) : csvRecords(file, delimiter ?? ',');
}

/** The data rows (after the header row), empty rows left out. `skip` data rows are passed over (resume). */
export async function* dataRows(file: string, kind: FileKind, delimiter: string | null, skip = 0): AsyncGenerator<DataRow> {
  let header = true;
  let seen = 0;
  for await (const row of fileRecords(file, kind, delimiter)) {
    if (blank(row.cells)) continue;
    if (header) {
      header = false;
      continue;
    }
    seen += 1;
    if (seen <= skip) continue;
    yield row;
  }
}

/** Headers, delimiter and the number of data rows; reading it all once also proves the file parses. */
export async function inspectFile(
  file: string,
  kind: FileKind,
): Promise<{ headers: string[]; delimiter: string | null; totalRows: number }> {
  const delimiter = kind === 'csv' ? detectDelimiter(file) : null;
  let headers: string[] | null = null;
  let totalRows = 0;
  for await (const row of fileRecords(file, kind, delimiter)) {
    if (blank(row.cells)) continue;
    if (!headers) headers = row.cells.map((c) => c.trim());
    else totalRows += 1;
  }
  if (!headers) throw invalidField('file', 'is empty: the first row must name the columns');
  // A trailing empty header cell (a stray delimiter) is not a column.
  while (headers.length > 1 && headers[headers.length - 1] === '') headers.pop();
  if (headers.length > 200) throw invalidField('file', 'has more than 200 columns');
  return { headers: headers.map((h, i) => h || `Column ${i + 1}`), delimiter, totalRows };
}
