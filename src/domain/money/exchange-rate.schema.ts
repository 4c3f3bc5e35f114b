import { z } from 'zod';
import { currencyCode, exchangeRateValue } from './money.js';

export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'is not a calendar date',
  );

export const exchangeRateInput = z.object({
  currency: currencyCode,
  date: isoDate,
  /** Units of the base currency for 1 unit of `currency` (CZK per EUR: "24.325"). */
  rate: exchangeRateValue,
});
export type ExchangeRateInput = z.output<typeof exchangeRateInput>;

export const exchangeRate = z.object({
  id: z.string().uuid(),
  currency: z.string(),
  date: z.string(),
  rate: z.string(),
  baseCurrency: z.string(),
  source: z.enum(['manual', 'cnb', 'import']),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type ExchangeRate = z.infer<typeof exchangeRate>;

export const exchangeRateListQuery = z.object({
  currency: currencyCode.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});
export type ExchangeRateListQuery = z.output<typeof exchangeRateListQuery>;

/** The rate that applies on a day: the one published that day, else the last earlier one (weekends, holidays). */
export const effectiveRateQuery = z.object({ currency: currencyCode, date: isoDate });
export const effectiveRate = z.object({
  currency: z.string(),
  baseCurrency: z.string(),
  date: z.string(),
  rate: z.string(),
  /** The day the rate was published (≤ date). */
  rateDate: z.string(),
});

export const rateImportResult = z.object({
  format: z.enum(['cnb_daily', 'cnb_year', 'csv']),
  /** the latest day of the file */
  date: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  imported: z.number().int(),
  currencies: z.array(z.string()),
});

export const baseCurrencySetting = z.object({ baseCurrency: currencyCode });
