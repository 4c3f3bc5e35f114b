import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import type { ValueFormatter } from '../../ui/stream/StreamEntryView.js';
import { useValueFormatter } from '../../ui/stream/useValueFormatter.js';
import './i18n.js';

/**
 * The shared formatter plus the values an opportunity's `update` entries hold (OPPORTUNITY_DIFF_FIELDS), in the
 * user's language: forecast category, lost reason, source and contact roles as labels, the amount as a decimal
 * number (its currency is a field of its own), the probability in % (null = back to the stage's default), the
 * expected close as a calendar date, and the account and contacts by name where the deal still links them.
 */
export function useOpportunityValueFormatter(opportunity?: Opportunity): ValueFormatter {
  const { t, i18n } = useTranslation();
  const base = useValueFormatter();
  const locale = i18n.language;
  return useCallback(
    (field: string, value: unknown): string => {
      if (field === 'probability')
        return value == null ? t('opportunities:detail.probabilityDefault') : `${base(field, Number(value))} %`;
      if (value === null || value === undefined || value === '') return base(field, value);
      const text = String(value);
      switch (field) {
        case 'amount':
          // a decimal string: Intl formats it without a detour through a binary float
          return new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(text as unknown as number);
        case 'expectedCloseDate':
          // a calendar day (YYYY-MM-DD), the same in every time zone
          return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
            new Date(`${text.slice(0, 10)}T00:00:00Z`),
          );
        case 'forecastCategory':
          return t(`opportunities:forecast.${text}`, { defaultValue: text });
        case 'lostReason':
          return t(`opportunities:lostReason.${text}`, { defaultValue: text });
        case 'source':
          return t(`leads.source.${text}`, { defaultValue: text });
        case 'accountId':
          return opportunity?.account?.id === text ? opportunity.account.name : base(field, value);
        case 'primaryContactId':
          return contactName(opportunity, text) ?? base(field, value);
        case 'contacts': {
          if (!Array.isArray(value)) return base(field, value);
          return value
            .map((c: { contactId?: string; role?: string }) => {
              const role = c.role ? t(`opportunities:contactRole.${c.role}`, { defaultValue: c.role }) : '';
              const name = c.contactId ? contactName(opportunity, c.contactId) : undefined;
              return name ? `${name}${role ? ` (${role})` : ''}` : role;
            })
            .filter(Boolean)
            .join(', ');
        }
        default:
          return base(field, value);
      }
    },
    [t, base, locale, opportunity],
  );
}

function contactName(o: Opportunity | undefined, id: string): string | undefined {
  if (o?.primaryContact?.id === id) return o.primaryContact.name;
  return o?.contacts.find((c) => c.contactId === id)?.name;
}
