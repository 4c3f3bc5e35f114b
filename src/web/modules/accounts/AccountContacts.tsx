import { Button } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../domain/accounts/account.schema.js';
import type { Contact } from '../../../domain/contacts/contact.schema.js';
import { useCreateAndOpen } from '../../ui/records/useCreateAndOpen.js';
import { useContactList } from '../contacts/api.js';
import { ContactCreateModal } from '../contacts/ContactCreateModal.js';
import { RelatedList } from './RelatedList.js';

export function AccountContacts({ account, canEdit }: { account: Account; canEdit: boolean }) {
  const { t } = useTranslation();
  const adding = useCreateAndOpen('/contacts');
  const contacts = useContactList({ accountId: account.id, sort: 'lastName' });
  const rows = contacts.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <RelatedList<Contact>
        label={t('accounts.tabs.contacts')}
        rows={rows}
        isLoading={contacts.isPending}
        href={(c) => `/contacts/${c.id}`}
        title={(c) => c.name}
        columns={[
          { header: t('fields.title'), render: (c) => c.title ?? '' },
          { header: t('fields.email'), render: (c) => c.emails[0] ?? '' },
        ]}
        empty={t('accounts.noContacts')}
        hasMore={contacts.hasNextPage}
        onLoadMore={() => void contacts.fetchNextPage()}
        action={
          canEdit && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconUserPlus size={14} />}
              onClick={adding.open}
              disabled={account.deletedAt !== null}
            >
              {t('accounts.addContact')}
            </Button>
          )
        }
      />
      {adding.opened && (
        <ContactCreateModal
          opened={adding.opened}
          onClose={adding.close}
          defaults={{ accountId: account.id }}
          accountName={account.name}
          onCreated={adding.onCreated}
        />
      )}
    </>
  );
}
