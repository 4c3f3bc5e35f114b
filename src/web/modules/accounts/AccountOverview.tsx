import { useTranslation } from 'react-i18next';
import type { Account } from '../../../domain/accounts/account.schema.js';
import { useFormat } from '../../app/i18n/format.js';
import { addressLines } from '../../ui/addressText.js';
import { FieldList } from '../../ui/FieldList.js';
import { emailLink, phoneLink, recordLink, websiteLink } from '../../ui/records/fieldLinks.js';
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
        { label: t('fields.website'), value: websiteLink(a.website) },
        { label: t('fields.email'), value: emailLink(a.email) },
        { label: t('fields.phone'), value: phoneLink(a.phone) },
        { label: t('fields.registrationNumber'), value: a.registrationNumber },
        { label: t('fields.vatNumber'), value: a.vatNumber },
        { label: t('fields.parentId'), value: recordLink('/accounts', a.parent) },
        { label: t('fields.billingAddress'), value: addressLines(a.billingAddress) },
        { label: t('fields.createdAt'), value: fmt.dateTime(a.createdAt) },
        { label: t('fields.description'), value: a.description, span: 'full' },
      ]}
    />
  );
}
