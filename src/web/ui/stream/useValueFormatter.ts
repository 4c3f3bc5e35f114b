import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../domain/common/phone.js';
import { useFormat } from '../../app/i18n/format.js';
import { useUserName } from '../../modules/users/api.js';
import type { ValueFormatter } from './StreamEntryView.js';

/** Renders a stored field value for people: enum labels, user names, national phone format, addresses. */
export function useValueFormatter(): ValueFormatter {
  const { t } = useTranslation();
  const fmt = useFormat();
  const userName = useUserName();
  return useCallback(
    function format(field: string, value: unknown): string {
      if (value === null || value === undefined || value === '') return '';
      if (Array.isArray(value)) return value.map((v) => format(field, v)).join(', ');
      if (typeof value === 'object') {
        const a = value as Record<string, unknown>;
        if ('name' in a && typeof a.name === 'string') return a.name;
        return [a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].filter(Boolean).join(', ');
      }
      if (field === 'type') return t(`accountType.${String(value)}`, { defaultValue: String(value) });
      if (field === 'role') return t(`role.${String(value)}`, { defaultValue: String(value) });
      if (field === 'ownerId' || field === 'leadId') return userName(String(value)) ?? String(value).slice(0, 8);
      if (field === 'phone' || field === 'phones') return formatPhone(String(value));
      if (typeof value === 'number') return fmt.number(value);
      if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return fmt.dateTime(value);
      return String(value);
    },
    [t, fmt, userName],
  );
}
