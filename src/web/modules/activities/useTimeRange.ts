import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** "Mon, Nov 23, 2026, 10:00 – 11:00" in the user's language (Intl's own range format). */
export function useTimeRange() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const fmt = new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    return (start: string | null, end: string | null) => {
      if (!start) return '';
      if (!end) return fmt.format(new Date(start));
      return fmt.formatRange(new Date(start), new Date(end));
    };
  }, [locale]);
}

/** "10:00" / "10:00 AM" in the user's language. */
export function useTimeOfDay() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const fmt = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    return (iso: string | null) => (iso ? fmt.format(new Date(iso)) : '');
  }, [locale]);
}
