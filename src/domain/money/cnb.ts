import { Decimal } from 'decimal.js';

/**
 * The Czech National Bank's daily rate file:
 *   23.11.2026 #226
 *   země|měna|množství|kód|kurz
 *   EMU|euro|1|EUR|24,325
 * CZK per 1 unit = kurz / množství. Returns the date and the rates, or the problems line by line.
 */
export type CnbRates = { date: string; rates: Array<{ currency: string; rate: string }> };
export type CnbProblem = { line: number; message: string };

export function parseCnbRates(text: string): { ok: true; value: CnbRates } | { ok: false; problems: CnbProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: CnbProblem[] = [];
  const header = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+#\s*\d+)?\s*$/.exec(lines[0] ?? '');
  let date = '';
  if (!header) {
    problems.push({ line: 1, message: 'expected the date line, e.g. "23.11.2026 #226"' });
  } else {
    const [, d, m, y] = header;
    date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const parsed = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
      problems.push({ line: 1, message: `${lines[0]?.trim()} is not a calendar date` });
    }
  }
  const columns = (lines[1] ?? '').trim().toLowerCase().split('|');
  const idx = {
    amount: columns.indexOf('množství'),
    code: columns.indexOf('kód'),
    rate: columns.indexOf('kurz'),
  };
  if (idx.amount < 0 || idx.code < 0 || idx.rate < 0) {
    problems.push({ line: 2, message: 'expected the column header "země|měna|množství|kód|kurz"' });
    return { ok: false, problems };
  }
  const rates: CnbRates['rates'] = [];
  const seen = new Set<string>();
  for (let i = 2; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line) continue;
    const cells = line.split('|');
    const code = (cells[idx.code] ?? '').trim().toUpperCase();
    const amountText = (cells[idx.amount] ?? '').trim();
    const rateText = (cells[idx.rate] ?? '').trim().replace(/\s/g, '').replace(',', '.');
    if (!/^[A-Z]{3}$/.test(code)) {
      problems.push({ line: i + 1, message: `"${cells[idx.code] ?? ''}" is not a currency code` });
      continue;
    }
    if (!/^\d+$/.test(amountText) || Number(amountText) <= 0) {
      problems.push({ line: i + 1, message: `${code}: množství "${amountText}" is not a positive whole number` });
      continue;
    }
    if (!/^\d+(\.\d+)?$/.test(rateText) || new Decimal(rateText).lte(0)) {
      problems.push({ line: i + 1, message: `${code}: kurz "${cells[idx.rate] ?? ''}" is not a positive number` });
      continue;
    }
    if (seen.has(code)) {
      problems.push({ line: i + 1, message: `${code} appears twice` });
      continue;
    }
    seen.add(code);
    rates.push({
      currency: code,
      rate: new Decimal(rateText).dividedBy(amountText).toDecimalPlaces(8, Decimal.ROUND_HALF_UP).toFixed(),
    });
  }
  if (rates.length === 0 && problems.length === 0) problems.push({ line: 3, message: 'the file lists no rates' });
  return problems.length ? { ok: false, problems } : { ok: true, value: { date, rates } };
}
