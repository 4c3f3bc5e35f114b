import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates, numbers and sorting in the user's language, all through Intl. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => makeFormat(locale), [locale]);
}

export function makeFormat(locale: string) {
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const numberFmt = new Intl.NumberFormat(locale);
  const relativeFmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return {
    locale,
    date: (iso: string | null | undefined) => (iso ? dateFmt.format(new Date(iso)) : ''),
    dateTime: (iso: string | null | undefined) => (iso ? dateTimeFmt.format(new Date(iso)) : ''),
    number: (n: number | null | undefined) => (n == null ? '' : numberFmt.format(n)),
    money: (amount: number, currency: string) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount),
    relative: (iso: string, now = Date.now()) => relativeTime(relativeFmt, new Date(iso).getTime() - now),
    compare: collator.compare,
  };
}

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

function relativeTime(fmt: Intl.RelativeTimeFormat, diffMs: number): string {
  let value = diffMs / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return fmt.format(Math.round(value), unit);
    value /= size;
  }
  return fmt.format(Math.round(value), 'year');
}
