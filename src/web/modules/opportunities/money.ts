import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Money as the API sends it: a decimal string ("1234.50") and an ISO currency. Intl formats the string itself
 * (exact decimal, no conversion to a binary float), per locale: CZK `100 000,00 Kč` (cs) / `CZK 100,000.00` (en).
 */
export function formatMoney(locale: string, amount: string | null | undefined, currency: string): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const fmt = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: displayFor(locale, currency) });
  // Intl.NumberFormat#format accepts decimal strings (ES2023) and keeps every digit.
  return fmt.format(amount as unknown as number);
}

/** English shows CZK as a code ("CZK 100,000.00"), not a symbol; other currencies keep their symbol (€1,234.56). */
function displayFor(locale: string, currency: string): 'code' | 'symbol' {
  return locale.startsWith('en') && currency === 'CZK' ? 'code' : 'symbol';
}

export function useMoney() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => (amount: string | null | undefined, currency: string) => formatMoney(locale, amount, currency), [locale]);
}

/** Common currencies first in pickers; any ISO code is accepted by the API. */
export const CURRENCIES = ['CZK', 'EUR', 'USD', 'GBP', 'PLN', 'CHF', 'HUF'];
