import { sql } from 'kysely';
import type { ExchangeRateListQuery } from '../../../domain/money/exchange-rate.schema.js';
import { now } from '../../platform/clock.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import type { Conn } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';
import { readSetting, writeSetting } from '../settings/settings.repo.js';

export const BASE_CURRENCY_KEY = 'baseCurrency';
export const DEFAULT_BASE_CURRENCY = 'CZK';

/** The installation's base currency (CZK unless an admin changed it): every total is shown in it. */
export async function baseCurrency(conn: Conn): Promise<string> {
  const value = await readSetting(conn, BASE_CURRENCY_KEY);
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) ? value : DEFAULT_BASE_CURRENCY;
}

export async function setBaseCurrency(conn: Conn, code: string, userId: string): Promise<void> {
  await writeSetting(conn, BASE_CURRENCY_KEY, code, userId);
}

export type RateSource = 'manual' | 'cnb' | 'import';

/** Inserts or replaces the rate of one currency on one day; true when it was new. */
export async function upsertRate(
  conn: Conn,
  r: { currency: string; date: string; rate: string; source: RateSource },
  userId: string | null,
) {
  const row = await conn
    .insertInto('exchangeRates')
    .values({
      id: newId(),
      currency: r.currency,
      date: r.date,
      rate: r.rate,
      source: r.source,
      updatedAt: now(),
      updatedBy: userId,
    })
    .onConflict((oc) =>
      oc.columns(['currency', 'date']).doUpdateSet({ rate: r.rate, source: r.source, updatedAt: now(), updatedBy: userId }),
    )
    .returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')])
    .executeTakeFirstOrThrow();
  return row;
}

/** Inserts or replaces many rates (a year file holds ~8,000), a statement per 1,000. */
export async function upsertRates(
  conn: Conn,
  rates: Array<{ currency: string; date: string; rate: string }>,
  source: RateSource,
  userId: string | null,
) {
  const at = now();
  for (let i = 0; i < rates.length; i += 1000) {
    await conn
      .insertInto('exchangeRates')
      .values(rates.slice(i, i + 1000).map((r) => ({ id: newId(), ...r, source, updatedAt: at, updatedBy: userId })))
      .onConflict((oc) =>
        oc.columns(['currency', 'date']).doUpdateSet((eb) => ({
          rate: eb.ref('excluded.rate'),
          source: eb.ref('excluded.source'),
          updatedAt: eb.ref('excluded.updatedAt'),
          updatedBy: eb.ref('excluded.updatedBy'),
        })),
      )
      .execute();
  }
}

export async function findRate(conn: Conn, id: string) {
  return conn.selectFrom('exchangeRates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteRate(conn: Conn, id: string): Promise<boolean> {
  const result = await conn.deleteFrom('exchangeRates').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Newest day first, then currency. */
export async function listRates(conn: Conn, query: ExchangeRateListQuery) {
  let q = conn.selectFrom('exchangeRates').selectAll();
  if (query.currency) q = q.where('currency', '=', query.currency);
  if (query.from) q = q.where('date', '>=', query.from);
  if (query.to) q = q.where('date', '<=', query.to);
  const c = decodeCursor(query.cursor);
  if (c) q = q.where(sql<boolean>`(date, id) < (${String(c.v)}::date, ${c.id}::uuid)`);
  const rows = await q
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > query.limit && last ? encodeCursor({ v: last.date, id: last.id }) : null };
}

/** The rate in force on `date`: published that day or the last earlier day (weekends, holidays). */
export async function rateOn(conn: Conn, currency: string, date: string) {
  return conn
    .selectFrom('exchangeRates')
    .select(['rate', 'date'])
    .where('currency', '=', currency)
    .where('date', '<=', date)
    .orderBy('date', 'desc')
    .limit(1)
    .executeTakeFirst();
}
