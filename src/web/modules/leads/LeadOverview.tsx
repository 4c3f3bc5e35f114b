import { useTranslation } from 'react-i18next';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { useFormat } from '../../app/i18n/format.js';
import { FieldList } from '../../ui/FieldList.js';
import { emailLink, phoneLink, websiteLink } from '../../ui/records/fieldLinks.js';
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
        { label: t('fields.email'), value: emailLink(l.email) },
        { label: t('fields.phone'), value: phoneLink(l.phone) },
        { label: t('fields.website'), value: websiteLink(l.website) },
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
