import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Account } from '../../../domain/accounts/account.schema.js';
import { formatPhone } from '../../../domain/common/phone.js';
import { useFormat } from '../../app/i18n/format.js';
import { addressLines } from '../../ui/addressText.js';
import { FieldList } from '../../ui/FieldList.js';
import { AccountTypeBadge } from './accountLabels.js';

export function AccountOverview({ account: a }: { account: Account }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <FieldList
      items={[
        { label: t('fields.type'), value: <AccountTypeBadge type={a.type} /> },
        { label: t('fields.ownerId'), value: a.owner?.name },
        { label: t('fields.industry'), value: a.industry },
        { label: t('fields.size'), value: fmt.number(a.size) },
        {
          label: t('fields.website'),
          value: a.website && (
            <Anchor href={a.website} target="_blank" rel="noreferrer" size="sm">
              {a.website.replace(/^https?:\/\//, '')}
            </Anchor>
          ),
        },
        {
          label: t('fields.email'),
          value: a.email && (
            <Anchor href={`mailto:${a.email}`} size="sm">
              {a.email}
            </Anchor>
          ),
        },
        {
          label: t('fields.phone'),
          value: a.phone && (
            <Anchor href={`tel:${a.phone}`} size="sm">
              {formatPhone(a.phone)}
            </Anchor>
          ),
        },
        { label: t('fields.registrationNumber'), value: a.registrationNumber },
        { label: t('fields.vatNumber'), value: a.vatNumber },
        {
          label: t('fields.parentId'),
          value: a.parent && (
            <Anchor component={Link} to={`/accounts/${a.parent.id}`} size="sm">
              {a.parent.name}
            </Anchor>
          ),
        },
        { label: t('fields.billingAddress'), value: addressLines(a.billingAddress) },
        { label: t('fields.createdAt'), value: fmt.dateTime(a.createdAt) },
        { label: t('fields.description'), value: a.description, span: 'full' },
      ]}
    />
  );
}
