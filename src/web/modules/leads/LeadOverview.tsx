import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../domain/common/phone.js';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { useFormat } from '../../app/i18n/format.js';
import { FieldList } from '../../ui/FieldList.js';
import { useTeams } from '../users/api.js';

export function LeadOverview({ lead: l }: { lead: Lead }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const teams = useTeams();
  const team = teams.data?.data.find((x) => x.id === l.teamId);
  return (
    <FieldList
      items={[
        { label: t('fields.firstName'), value: l.firstName },
        { label: t('fields.lastName'), value: l.lastName },
        { label: t('fields.company'), value: l.company },
        { label: t('fields.title'), value: l.title },
        {
          label: t('fields.email'),
          value: l.email && (
            <Anchor href={`mailto:${l.email}`} size="sm">
              {l.email}
            </Anchor>
          ),
        },
        {
          label: t('fields.phone'),
          value: l.phone && (
            <Anchor href={`tel:${l.phone}`} size="sm">
              {formatPhone(l.phone)}
            </Anchor>
          ),
        },
        {
          label: t('fields.website'),
          value: l.website && (
            <Anchor href={l.website} target="_blank" rel="noreferrer" size="sm">
              {l.website.replace(/^https?:\/\//, '')}
            </Anchor>
          ),
        },
        { label: t('fields.registrationNumber'), value: l.registrationNumber },
        { label: t('fields.city'), value: [l.city, l.country].filter(Boolean).join(', ') },
        { label: t('fields.source'), value: t(`leads.source.${l.source}`) },
        { label: t('fields.campaign'), value: l.campaign },
        { label: t('fields.teamId'), value: team?.name },
        { label: t('fields.createdAt'), value: fmt.dateTime(l.createdAt) },
        { label: t('leads.firstContactDue'), value: fmt.dateTime(l.firstContactDueAt) },
        ...(l.statusReason ? [{ label: t('fields.statusReason'), value: l.statusReason }] : []),
        ...(l.recontactOn ? [{ label: t('fields.recontactOn'), value: fmt.date(l.recontactOn) }] : []),
        { label: t('fields.description'), value: l.description, span: 'full' as const },
      ]}
    />
  );
}
