import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../domain/contacts/contact.schema.js';
import { useFormat } from '../../app/i18n/format.js';
import { addressLines } from '../../ui/addressText.js';
import { FieldList } from '../../ui/FieldList.js';
import { emailLinks, phoneLinks, recordLink } from '../../ui/records/fieldLinks.js';

export function ContactOverview({ contact: c }: { contact: Contact }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <FieldList
      items={[
        { label: t('fields.firstName'), value: c.firstName },
        { label: t('fields.lastName'), value: c.lastName },
        { label: t('fields.title'), value: c.title },
        { label: t('fields.accountId'), value: recordLink('/accounts', c.account) },
        { label: t('fields.emails'), value: emailLinks(c.emails) },
        { label: t('fields.phones'), value: phoneLinks(c.phones) },
        { label: t('fields.ownerId'), value: c.owner?.name },
        { label: t('fields.address'), value: addressLines(c.address) },
        { label: t('fields.createdAt'), value: fmt.dateTime(c.createdAt) },
        { label: t('fields.updatedAt'), value: fmt.dateTime(c.updatedAt) },
        { label: t('fields.notes'), value: c.notes, span: 'full' },
      ]}
    />
  );
}
