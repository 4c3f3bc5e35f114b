import { parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import { parseCnbRates } from '../../../domain/money/cnb.js';

/**
 * The rate files an admin can import, recognised by their first line:
 * - the ČNB daily file ("23.11.2026 #226", then "země|měna|množství|kód|kurz");
 * - the ČNB year file ("Datum|1 AUD|1 BGN|100 JPY|…", then "02.01.2026|15,123|…"; the header repeats when the
 *   currency list changes during the year);
 * - a CSV with a header naming the columns currency, date, rate and optionally amount (units the rate is for),
 *   separated by comma, semicolon or tab; dates as 2026-11-23 or 23.11.2026; decimal comma or point.
 * Every rate comes out as units of the base currency for ONE unit of the currency (kurz / množství).
 */
export type RateRow = { currency: string; date: string; rate: string };
export type RateFileFormat = 'cnb_daily' | 'cnb_year' | 'csv';
export type RateFileProblem = { line: number; message: string };
export type ParsedRateFile = { ok: true; format: RateFileFormat; rates: RateRow[] } | { ok: false; problems: RateFileProblem[] };

const MAX_PROBLEMS = 20;

export function parseRateFile(text: string): ParsedRateFile {
  const clean = text.replace(/^\uFEFF/, '');
  const first = (clean.split(/\r?\n/, 1)[0] ?? '').trim();
  if (/^\d{1,2}\.\d{1,2}\.\d{4}\b/.test(first)) {
    const daily = parseCnbRates(clean);
    if (!daily.ok) return daily;
    return { ok: true, format: 'cnb_daily', rates: daily.value.rates.map((r) => ({ ...r, date: daily.value.date })) };
  }
  if (/^datum\|/i.test(first)) return parseCnbYear(clean);
  return parseCsv(clean);
}

/** "23.11.2026" or "2026-11-23" → "2026-11-23", or null when it is not a calendar day. */
export function parseDay(text: string): string | null {
  const t = text.trim();
  const dotted = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const [y, m, d] = dotted ? [dotted[3], dotted[2], dotted[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return null;
  const day = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day) ? day : null;
}

/** A positive decimal with a comma or point ("24,325", "1 234.5") as a string, or null. */
function positiveDecimal(text: string): string | null {
  const t = text
    .trim()
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return new Decimal(t).gt(0) ? t : null;
}

function perUnit(rate: string, amount: string): string {
  return new Decimal(rate).dividedBy(amount).toDecimalPlaces(8, Decimal.ROUND_HALF_UP).toFixed();
}

function finish(format: RateFileFormat, rates: RateRow[], problems: RateFileProblem[]): ParsedRateFile {
  if (problems.length) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  if (rates.length === 0) return { ok: false, problems: [{ line: 1, message: 'the file lists no rates' }] };
  const seen = new Set<string>();
  for (const r of rates) {
    const key = `${r.currency} ${r.date}`;
    if (seen.has(key)) return { ok: false, problems: [{ line: 1, message: `${r.currency} on ${r.date} appears twice` }] };
    seen.add(key);
  }
  return { ok: true, format, rates };
}

function parseCnbYear(text: string): ParsedRateFile {
  const rates: RateRow[] = [];
  const problems: RateFileProblem[] = [];
  let columns: Array<{ currency: string; amount: string } | null> = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const cells = line.split('|');
    if (/^datum$/i.test(cells[0]?.trim() ?? '')) {
      columns = cells.slice(1).map((c) => {
        const m = /^(\d+)\s+([A-Za-z]{3})$/.exec(c.trim());
        return m?.[1] && m[2] ? { amount: m[1], currency: m[2].toUpperCase() } : null;
      });
      const bad = columns.indexOf(null);
      if (bad >= 0) problems.push({ line: i + 1, message: `column "${cells[bad + 1]}" is not like "100 JPY"` });
      continue;
    }
    const date = parseDay(cells[0] ?? '');
    if (!date) {
      problems.push({ line: i + 1, message: `"${cells[0]}" is not a date like 02.01.2026` });
      continue;
    }
    for (const [c, cell] of cells.slice(1).entries()) {
      const column = columns[c];
      if (!column || !cell.trim()) continue;
      const rate = positiveDecimal(cell);
      if (!rate) problems.push({ line: i + 1, message: `${column.currency}: "${cell}" is not a positive number` });
      else rates.push({ currency: column.currency, date, rate: perUnit(rate, column.amount) });
    }
  }
  return finish('cnb_year', rates, problems);
}

const HEADER_NAMES: Record<string, 'currency' | 'date' | 'rate' | 'amount'> = {
  currency: 'currency',
  code: 'currency',
  kód: 'currency',
  kod: 'currency',
  měna: 'currency',
  date: 'date',
  datum: 'date',
  rate: 'rate',
  kurz: 'rate',
  amount: 'amount',
  množství: 'amount',
  mnozstvi: 'amount',
};

function parseCsv(text: string): ParsedRateFile {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', ','].find((d) => firstLine.includes(d));
  if (!delimiter)
    return {
      ok: false,
      problems: [{ line: 1, message: 'not a rate file: expected a ČNB file or a CSV with the columns currency, date, rate' }],
    };
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (e) {
    return { ok: false, problems: [{ line: 1, message: `not a readable CSV: ${(e as Error).message}` }] };
  }
  const header = (records[0] ?? []).map((h) => HEADER_NAMES[h.toLowerCase()]);
  const at = (name: 'currency' | 'date' | 'rate' | 'amount') => header.indexOf(name);
  const missing = (['currency', 'date', 'rate'] as const).filter((n) => at(n) < 0);
  if (missing.length)
    return {
      ok: false,
      problems: [{ line: 1, message: `the header needs the columns currency, date, rate (missing: ${missing.join(', ')})` }],
    };
  const rates: RateRow[] = [];
  const problems: RateFileProblem[] = [];
  records.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const currency = (cells[at('currency')] ?? '').toUpperCase();
    const date = parseDay(cells[at('date')] ?? '');
    const rate = positiveDecimal(cells[at('rate')] ?? '');
    const amountText = at('amount') >= 0 ? (cells[at('amount')] ?? '1') : '1';
    const amount = positiveDecimal(amountText || '1');
    if (!/^[A-Z]{3}$/.test(currency)) problems.push({ line, message: `"${cells[at('currency')] ?? ''}" is not a currency code` });
    else if (!date) problems.push({ line, message: `${currency}: "${cells[at('date')] ?? ''}" is not a date` });
    else if (!rate) problems.push({ line, message: `${currency}: rate "${cells[at('rate')] ?? ''}" is not a positive number` });
    else if (!amount) problems.push({ line, message: `${currency}: amount "${amountText}" is not a positive number` });
    else rates.push({ currency, date, rate: perUnit(rate, amount) });
  });
  return finish('csv', rates, problems);
}
