import { List } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../domain/contacts/contact.schema.js';
import { notifySuccess } from '../../app/notify.js';
import { forgetMergedRecord, mergeRecord } from '../../ui/merge/api.js';
import { type MergeField, MergeModal } from '../../ui/merge/MergeModal.js';
import { contactKeys, fetchContact } from './api.js';
import { ContactMergePicker } from './ContactMergePicker.js';

/** The fields `POST /contacts/{id}/merge` takes, as the merge screen shows them. */
const CONTACT_MERGE_FIELDS: MergeField<Contact>[] = [
  { key: 'firstName', value: (c) => c.firstName },
  { key: 'lastName', value: (c) => c.lastName },
  { key: 'title', value: (c) => c.title },
  { key: 'emails', value: (c) => c.emails, display: (c) => c.emails.join('\n'), keepBoth: true },
  { key: 'phones', value: (c) => c.phones, keepBoth: true },
  { key: 'accountId', value: (c) => c.accountId, display: (c) => c.account?.name ?? c.accountId },
  { key: 'street', value: (c) => c.address.street },
  { key: 'city', value: (c) => c.address.city },
  { key: 'postalCode', value: (c) => c.address.postalCode },
  { key: 'country', value: (c) => c.address.country },
  { key: 'notes', value: (c) => c.notes },
  { key: 'ownerId', value: (c) => c.ownerId },
];

/** Merge another contact into `contact` (the survivor). Without `sourceId` the user searches for the other one. */
export function ContactMergeModal({
  contact,
  sourceId,
  onClose,
}: {
  contact: Contact;
  sourceId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const labels = useMemo(() => ({ thisRecord: t('merge:contact.thisRecord'), otherRecord: t('merge:contact.otherRecord') }), [t]);
  return (
    <MergeModal<Contact>
      title={t('merge:contact.title')}
      labels={labels}
      target={contact}
      sourceId={sourceId}
      picker={
        sourceId === null
          ? (value, onChange) => (
              <ContactMergePicker
                label={t('merge:pickOther')}
                placeholder={t('merge:pickPlaceholder')}
                value={value}
                onChange={onChange}
                excludeId={contact.id}
                data-autofocus
              />
            )
          : undefined
      }
      sourceQuery={(id) => ({ queryKey: contactKeys.detail(id), queryFn: () => fetchContact(id) })}
      fields={CONTACT_MERGE_FIELDS}
      summary={() => (
        <>
          <List.Item>{t('merge:contact.movesAll')}</List.Item>
          <List.Item>{t('merge:contact.leads')}</List.Item>
        </>
      )}
      merge={(target, otherId, picks) => mergeRecord<Contact>('contacts', target, otherId, picks)}
      onMerged={(merged, source) => {
        queryClient.setQueryData(contactKeys.detail(merged.id), merged);
        queryClient.removeQueries({ queryKey: contactKeys.detail(source.id) });
        void queryClient.invalidateQueries({ queryKey: ['contacts', 'list'] });
        forgetMergedRecord(queryClient, source.id);
        void queryClient.invalidateQueries({ queryKey: ['stream'] });
        // The accounts of both contacts list their contacts.
        void queryClient.invalidateQueries({ queryKey: ['accounts'] });
        notifySuccess(t('merge:contact.done', { name: source.name }));
      }}
      onStale={(otherId) => {
        void queryClient.invalidateQueries({ queryKey: contactKeys.detail(contact.id) });
        void queryClient.invalidateQueries({ queryKey: contactKeys.detail(otherId) });
      }}
      onClose={onClose}
    />
  );
}
