import { Decimal } from 'decimal.js';
import { z } from 'zod';

/**
 * Money is a decimal string with two places ("1234.50") from the API through the database (numeric) and back;
 * arithmetic goes through decimal.js, never binary floating point. Conversions round half up to the cent
 * (haléř) per amount — sums are sums of already rounded amounts, so a column total equals the sum of its cards.
 */
export const MONEY_SCALE = 2;
/** numeric(14,2) */
export const MAX_AMOUNT = new Decimal('999999999999.99');

const AMOUNT_TEXT = /^\d{1,12}(\.\d{1,2})?$/;

/** An amount as the API accepts it (decimal string or number with at most 2 decimals), normalised to "123.40". */
export const moneyAmount = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.trim();
  if (!AMOUNT_TEXT.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'must be a non-negative amount with at most 2 decimals, e.g. "1234.50"' });
    return z.NEVER;
  }
  return new Decimal(text).toFixed(MONEY_SCALE);
});

/** ISO 4217 code, upper-cased ("czk" → "CZK"); a code no runtime knows is refused. */
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code (CZK, EUR, USD, …)')
  .refine(isKnownCurrency, 'is not an ISO 4217 currency code');

let known: Set<string> | undefined;
export function isKnownCurrency(code: string): boolean {
  if (!known) {
    const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
    known = new Set(list);
  }
  return known.size === 0 || known.has(code);
}

/** A positive exchange rate (units of the base currency per 1 unit), up to 8 decimals. */
export const exchangeRateValue = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const text = typeof v === 'number' ? String(v) : v.trim().replace(',', '.');
  if (!/^\d{1,11}(\.\d{1,8})?$/.test(text) || new Decimal(text).lte(0)) {
    ctx.addIssue({ code: 'custom', message: 'must be a positive rate with at most 8 decimals, e.g. "24.325"' });
    return z.NEVER;
  }
  return new Decimal(text).toFixed();
});

/** amount × rate, rounded half up to 2 decimals. */
export function convertAmount(amount: string, rate: string): string {
  return new Decimal(amount).times(rate).toDecimalPlaces(MONEY_SCALE, Decimal.ROUND_HALF_UP).toFixed(MONEY_SCALE);
}

/** amount × probability %, rounded half up to 2 decimals (a probability-weighted amount). */
export function weightAmount(amount: string, probability: number): string {
  return new Decimal(amount)
    .times(probability)
    .dividedBy(100)
    .toDecimalPlaces(MONEY_SCALE, Decimal.ROUND_HALF_UP)
    .toFixed(MONEY_SCALE);
}

export function sumAmounts(amounts: string[]): string {
  return amounts.reduce((acc, a) => acc.plus(a), new Decimal(0)).toFixed(MONEY_SCALE);
}
