import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValueFormatter } from '../../ui/stream/StreamEntryView.js';
import { useValueFormatter } from '../../ui/stream/useValueFormatter.js';

const ENUM_FIELDS: Record<string, string> = {
  status: 'leads.status',
  source: 'leads.source',
  budget: 'leads.bant.answer',
  authority: 'leads.bant.answer',
  need: 'leads.bant.answer',
  timeline: 'leads.bant.timelineValue',
};

/** The shared formatter plus the lead's own enumerations (status, source, BANT answers) in the user's language. */
export function useLeadValueFormatter(): ValueFormatter {
  const { t } = useTranslation();
  const base = useValueFormatter();
  return useCallback(
    (field: string, value: unknown) => {
      const prefix = ENUM_FIELDS[field];
      if (prefix && typeof value === 'string' && value) return t(`${prefix}.${value}`, { defaultValue: value });
      return base(field, value);
    },
    [t, base],
  );
}
