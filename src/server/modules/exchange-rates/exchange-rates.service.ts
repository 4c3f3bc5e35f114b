import { Decimal } from 'decimal.js';
import type { ExchangeRate, ExchangeRateInput, ExchangeRateListQuery } from '../../../domain/money/exchange-rate.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertAdmin } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import {
  baseCurrency,
  deleteRate,
  findRate,
  listRates,
  rateOn,
  setBaseCurrency,
  upsertRate,
  upsertRates,
} from './exchange-rates.repo.js';
import { parseRateFile } from './rate-files.js';

type RateRow = NonNullable<Awaited<ReturnType<typeof findRate>>>;

function toRate(r: RateRow, base: string): ExchangeRate {
  return {
    id: r.id,
    currency: r.currency,
    date: r.date,
    rate: new Decimal(r.rate).toFixed(),
    baseCurrency: base,
    source: r.source as ExchangeRate['source'],
    updatedAt: new Date(r.updatedAt).toISOString(),
    updatedBy: r.updatedBy,
  };
}

/** Today as a calendar day (UTC), the default valuation day of open deals. */
export function today(): string {
  return now().toISOString().slice(0, 10);
}

export async function listExchangeRates(db: Db, _actor: Actor, query: ExchangeRateListQuery) {
  const base = await baseCurrency(db);
  const { rows, nextCursor } = await listRates(db, query);
  return { data: rows.map((r) => toRate(r, base)), nextCursor };
}

/** Admins enter a rate; a second entry for the same currency and day replaces the first. */
export async function saveExchangeRate(db: Db, actor: Actor, input: ExchangeRateInput) {
  assertAdmin(actor);
  return inTransaction(db, async (tx) => {
    const base = await baseCurrency(tx);
    if (input.currency === base) throw invalidField('currency', `is the base currency (${base}); its rate is always 1`);
    const { id, inserted } = await upsertRate(tx, { ...input, source: 'manual' }, actor.id);
    return { created: inserted, rate: toRate((await findRate(tx, id)) as RateRow, base) };
  });
}

export async function removeExchangeRate(db: Db, actor: Actor, id: string) {
  assertAdmin(actor);
  if (!(await deleteRate(db, id))) throw notFound('Exchange rate');
}

export async function effectiveRate(conn: Conn, currency: string, date: string) {
  const base = await baseCurrency(conn);
  if (currency === base) return { currency, baseCurrency: base, date, rate: '1', rateDate: date };
  const found = await rateOn(conn, currency, date);
  if (!found) throw notFound(`A ${currency} rate on or before ${date}`);
  return { currency, baseCurrency: base, date, rate: new Decimal(found.rate).toFixed(), rateDate: found.date };
}

const FORMAT_SOURCE = { cnb_daily: 'cnb', cnb_year: 'cnb', csv: 'import' } as const;

/**
 * Imports a rate file (rate-files.ts: the ČNB daily or year file, or a CSV currency/date/rate); all its rates or
 * none. ČNB rates are CZK rates, so they need CZK as the base currency; a CSV is read as rates to the base.
 */
export async function importRateFile(db: Db, actor: Actor, text: string) {
  assertAdmin(actor);
  const parsed = parseRateFile(text);
  if (!parsed.ok) {
    throw new AppError(
      'validation_failed',
      `The file could not be imported: ${parsed.problems[0]?.message ?? ''}`,
      parsed.problems.map((p) => ({ field: 'file', line: p.line, message: `line ${p.line}: ${p.message}` })),
    );
  }
  return inTransaction(db, async (tx) => {
    const base = await baseCurrency(tx);
    if (parsed.format !== 'csv' && base !== 'CZK')
      throw new AppError('conflict', `ČNB rates are in CZK but the base currency is ${base}`);
    const ofBase = parsed.rates.find((r) => r.currency === base);
    if (ofBase) throw invalidField('file', `lists a rate for ${base}, the base currency itself`);
    await upsertRates(tx, parsed.rates, FORMAT_SOURCE[parsed.format], actor.id);
    const days = [...new Set(parsed.rates.map((r) => r.date))].sort();
    return {
      format: parsed.format,
      date: days.at(-1) ?? '',
      from: days[0] ?? '',
      to: days.at(-1) ?? '',
      days: days.length,
      imported: parsed.rates.length,
      currencies: [...new Set(parsed.rates.map((r) => r.currency))].sort(),
    };
  });
}

export async function getBaseCurrency(db: Db) {
  return { baseCurrency: await baseCurrency(db) };
}

/** Changing the base currency does not convert stored rates: they must then be entered in the new base. */
export async function changeBaseCurrency(db: Db, actor: Actor, code: string) {
  assertAdmin(actor);
  await setBaseCurrency(db, code, actor.id);
  return { baseCurrency: code };
}
