import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import { useFormat } from '../../app/i18n/format.js';
import { FieldList } from '../../ui/FieldList.js';
import { recordLink } from '../../ui/records/fieldLinks.js';
import { useMoney } from './money.js';
import './i18n.js';

/** A deal's fields (its close data once closed) and its contacts with their roles. */
export function OpportunityOverview({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation('opportunities');
  const fmt = useFormat();
  const money = useMoney();
  return (
    <Stack>
      <Title order={5}>{t('detail.fields')}</Title>
      <FieldList
        items={[
          { label: t('fields.account'), value: recordLink('/accounts', o.account) },
          { label: t('fields.primaryContact'), value: recordLink('/contacts', o.primaryContact) },
          { label: t('fields.pipeline'), value: `${o.pipeline.name} · ${o.stage.name}` },
          { label: t('fields.amount'), value: money(o.amount, o.currency) },
          {
            label: t('fields.probability'),
            value: `${o.probability} % (${o.probabilityOverridden ? t('detail.probabilityOverridden') : t('detail.probabilityDefault')})`,
          },
          { label: t('fields.expectedCloseDate'), value: fmt.date(o.expectedCloseDate) },
          { label: t('fields.forecastCategory'), value: t(`forecast.${o.forecastCategory}`) },
          { label: t('fields.owner'), value: o.owner?.name },
          { label: t('fields.daysInStage'), value: fmt.number(o.daysInStage) },
          { label: t('fields.source'), value: o.source ? t(`forms:sources.${o.source}`, { defaultValue: o.source }) : null },
          ...(o.status !== 'open'
            ? [
                { label: t('fields.closedAt'), value: fmt.dateTime(o.closedAt) },
                ...(o.lostReason ? [{ label: t('fields.lostReason'), value: t(`lostReason.${o.lostReason}`) }] : []),
                { label: t('fields.closeNote'), value: o.closeNote, span: 'full' as const },
              ]
            : []),
          { label: t('fields.nextStep'), value: o.nextStep, span: 'full' },
          { label: t('fields.description'), value: o.description, span: 'full' },
        ]}
      />
      {o.leadId && (
        <Anchor component={Link} to={`/leads/${o.leadId}`} size="sm">
          {t('detail.fromLead')}
        </Anchor>
      )}
      <Title order={5} mt="sm">
        {t('detail.contacts')}
      </Title>
      {o.contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('detail.noContacts')}
        </Text>
      ) : (
        <Table aria-label={t('detail.contacts')} verticalSpacing="xs">
          <Table.Tbody>
            {o.contacts.map((c) => (
              <Table.Tr key={c.contactId}>
                <Table.Td>{recordLink('/contacts', { id: c.contactId, name: c.name })}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color="gray">
                    {t(`contactRole.${c.role}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
