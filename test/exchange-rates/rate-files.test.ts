import { describe, expect, it } from 'vitest';
import { parseDay, parseRateFile } from '../../src/server/modules/exchange-rates/rate-files.js';
import { errorOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

const CNB_YEAR = [
  'Datum|1 EUR|100 JPY|1 USD',
  '02.01.2026|24,610|15,201|23,522',
  '05.01.2026|24,555|15,110|23,601',
  'Datum|1 EUR|1 USD',
  '06.01.2026|24,500|23,650',
  '',
].join('\n');

describe('rate files', () => {
  it('reads the ČNB year file, also when the currency list changes mid-year (rate = kurz / množství)', () => {
    const parsed = parseRateFile(CNB_YEAR);
    expect(parsed).toMatchObject({ ok: true, format: 'cnb_year' });
    if (!parsed.ok) throw new Error('not parsed');
    expect(parsed.rates).toHaveLength(8);
    expect(parsed.rates).toContainEqual({ currency: 'JPY', date: '2026-01-05', rate: '0.1511' });
    expect(parsed.rates).toContainEqual({ currency: 'USD', date: '2026-01-06', rate: '23.65' });
    expect(parsed.rates.some((r) => r.currency === 'JPY' && r.date === '2026-01-06')).toBe(false);
  });

  it('reads a CSV with any column order, ; or , or tab, decimal comma, ISO or Czech dates, optional amount', () => {
    const semicolon = parseRateFile('Datum;Kód;Kurz;Množství\n23.11.2026;EUR;24,325;1\n23.11.2026;JPY;13,512;100\n');
    expect(semicolon).toEqual({
      ok: true,
      format: 'csv',
      rates: [
        { currency: 'EUR', date: '2026-11-23', rate: '24.325' },
        { currency: 'JPY', date: '2026-11-23', rate: '0.13512' },
      ],
    });
    const comma = parseRateFile('currency,date,rate\r\neur,2026-11-24,24.4\n');
    expect(comma).toEqual({ ok: true, format: 'csv', rates: [{ currency: 'EUR', date: '2026-11-24', rate: '24.4' }] });
    expect(parseRateFile('currency\tdate\trate\nUSD\t2026-11-24\t21.9\n')).toMatchObject({ ok: true, format: 'csv' });
  });

  it('names the line and the problem; never guesses', () => {
    expect(parseRateFile('currency,date,rate\nEUR,2026-02-30,24\nUS,2026-11-24,1\nUSD,2026-11-24,-1\n')).toEqual({
      ok: false,
      problems: [
        { line: 2, message: 'EUR: "2026-02-30" is not a date' },
        { line: 3, message: '"US" is not a currency code' },
        { line: 4, message: 'USD: rate "-1" is not a positive number' },
      ],
    });
    expect(parseRateFile('currency,day,rate\nEUR,2026-11-24,24\n')).toMatchObject({
      ok: false,
      problems: [{ line: 1, message: expect.stringContaining('missing: date') }],
    });
    expect(parseRateFile('currency,date,rate\nEUR,2026-11-24,24\nEUR,24.11.2026,25\n')).toMatchObject({
      ok: false,
      problems: [{ message: 'EUR on 2026-11-24 appears twice' }],
    });
    expect(parseRateFile('hello world')).toMatchObject({ ok: false, problems: [{ line: 1 }] });
    expect(parseRateFile('Datum|1 EUR\n32.01.2026|24,5\n')).toMatchObject({ ok: false, problems: [{ line: 2 }] });
  });

  it('knows calendar days', () => {
    expect(parseDay('1.2.2026')).toBe('2026-02-01');
    expect(parseDay('29.02.2026')).toBeNull();
    expect(parseDay('2028-02-29')).toBe('2028-02-29');
    expect(parseDay('2026-13-01')).toBeNull();
  });
});

let world: World;
useTestApp(async (app) => {
  world = await buildWorld(app);
});

describe('POST /exchange-rates/import', () => {
  it('imports a year file and a CSV in one go each; the rates apply to totals from their day', async () => {
    const admin = await world.as('admin');
    const year = await admin.request('POST', '/api/v1/exchange-rates/import', undefined, {
      payload: CNB_YEAR,
      headers: { 'content-type': 'text/plain' },
    });
    expect(year.status, JSON.stringify(year.body)).toBe(200);
    expect(year.body).toEqual({
      format: 'cnb_year',
      date: '2026-01-06',
      from: '2026-01-02',
      to: '2026-01-06',
      days: 3,
      imported: 8,
      currencies: ['EUR', 'JPY', 'USD'],
    });
    const csv = await admin.post('/api/v1/exchange-rates/import', { text: 'currency;date;rate\nEUR;07.01.2026;24,480\n' });
    expect(csv.status).toBe(200);
    expect(csv.body).toMatchObject({ format: 'csv', imported: 1 });
    const eur = (await admin.get('/api/v1/exchange-rates?currency=EUR')).body.data;
    expect(eur.map((r: { date: string; rate: string; source: string }) => [r.date, r.rate, r.source])).toEqual([
      ['2026-01-07', '24.48', 'import'],
      ['2026-01-06', '24.5', 'cnb'],
      ['2026-01-05', '24.555', 'cnb'],
      ['2026-01-02', '24.61', 'cnb'],
    ]);
    const effective = await admin.get('/api/v1/exchange-rates/effective?currency=JPY&date=2026-01-10');
    expect(effective.body).toMatchObject({ rate: '0.1511', rateDate: '2026-01-05' });
  });

  it('imports nothing when a line is wrong or the file rates the base currency; admins only', async () => {
    const admin = await world.as('admin');
    const bad = await admin.post('/api/v1/exchange-rates/import', {
      text: 'currency,date,rate\nEUR,2026-03-02,24.1\nUSD,2026-03-02,x\n',
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).details).toEqual([{ field: 'file', line: 3, message: 'line 3: USD: rate "x" is not a positive number' }]);
    const base = await admin.post('/api/v1/exchange-rates/import', {
      text: 'currency,date,rate\nEUR,2026-03-02,24.1\nCZK,2026-03-02,1\n',
    });
    expect(base.status).toBe(400);
    expect(errorOf(base).details[0]).toMatchObject({ field: 'file' });
    expect((await admin.get('/api/v1/exchange-rates?from=2026-03-01')).body.data).toEqual([]);
    const am = await world.as('amA');
    expect((await am.post('/api/v1/exchange-rates/import', { text: 'currency,date,rate\nEUR,2026-03-02,24.1\n' })).status).toBe(
      403,
    );
  });
});
