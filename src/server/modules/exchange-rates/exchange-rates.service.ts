import { Decimal } from 'decimal.js';
import { parseCnbRates } from '../../../domain/money/cnb.js';
import type { ExchangeRate, ExchangeRateInput, ExchangeRateListQuery } from '../../../domain/money/exchange-rate.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertAdmin } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { baseCurrency, deleteRate, findRate, listRates, rateOn, setBaseCurrency, upsertRate } from './exchange-rates.repo.js';

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

/** Imports one ČNB daily file (CZK per unit = kurz / množství); all rates of the file or none. */
export async function importCnbRates(db: Db, actor: Actor, text: string) {
  assertAdmin(actor);
  const parsed = parseCnbRates(text);
  if (!parsed.ok) {
    throw new AppError(
      'validation_failed',
      `The file is not in the ČNB daily format: ${parsed.problems[0]?.message ?? ''}`,
      parsed.problems.map((p) => ({ field: 'file', line: p.line, message: `line ${p.line}: ${p.message}` })),
    );
  }
  return inTransaction(db, async (tx) => {
    const base = await baseCurrency(tx);
    if (base !== 'CZK') throw new AppError('conflict', `ČNB rates are in CZK but the base currency is ${base}`);
    for (const r of parsed.value.rates)
      await upsertRate(tx, { currency: r.currency, date: parsed.value.date, rate: r.rate, source: 'cnb' }, actor.id);
    return {
      date: parsed.value.date,
      imported: parsed.value.rates.length,
      currencies: parsed.value.rates.map((r) => r.currency),
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
