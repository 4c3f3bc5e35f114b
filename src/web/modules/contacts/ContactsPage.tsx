import { Button } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../domain/common/phone.js';
import type { Contact } from '../../../domain/contacts/contact.schema.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { RecordNameLink, recordLink } from '../../ui/records/fieldLinks.js';
import { OwnerFilter, RecordFilterBar } from '../../ui/records/ListFilters.js';
import { NewRecordButton, restoreColumn } from '../../ui/records/listActions.js';
import { RecordListEmpty } from '../../ui/records/RecordListEmpty.js';
import { RecordTable } from '../../ui/records/RecordTable.js';
import { useCreateAndOpen } from '../../ui/records/useCreateAndOpen.js';
import { rowsShown, useRecordRows } from '../../ui/records/useRecordRows.js';
import { useListParams } from '../../ui/useListParams.js';
import type { Column } from '../../ui/VirtualTable.js';
import { AccountPicker } from '../accounts/AccountPicker.js';
import { useContactList, useRestoreContact } from './api.js';
import { ContactCreateModal } from './ContactCreateModal.js';

export default function ContactsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canEdit = useCanEdit();
  const list = useListParams('lastName');
  const create = useCreateAndOpen('/contacts');
  const restore = useRestoreContact();
  const query = useContactList({
    q: list.q || undefined,
    accountId: list.get('account') || null,
    ownerId: list.get('owner') || null,
    sort: list.sort,
    deleted: list.trash,
  });
  const rows = useRecordRows(query);

  const columns: Column<Contact>[] = [
    {
      key: 'name',
      header: t('fields.name'),
      sortField: 'lastName',
      width: '24%',
      render: (c) => <RecordNameLink to={`/contacts/${c.id}`}>{c.name}</RecordNameLink>,
    },
    { key: 'title', header: t('fields.title'), render: (c) => c.title ?? '' },
    { key: 'account', header: t('fields.accountId'), render: (c) => recordLink('/accounts', c.account) },
    { key: 'email', header: t('fields.email'), render: (c) => c.emails[0] ?? '' },
    { key: 'phone', header: t('fields.phone'), width: 150, render: (c) => (c.phones[0] ? formatPhone(c.phones[0]) : '') },
    { key: 'owner', header: t('fields.ownerId'), render: (c) => c.owner?.name ?? '' },
    { key: 'updatedAt', header: t('fields.updatedAt'), sortField: 'updatedAt', width: 130, render: (c) => fmt.date(c.updatedAt) },
  ];
  if (list.trash && canEdit) columns.push(restoreColumn(t, restore));

  return (
    <>
      <PageHeader
        title={t('contacts.title')}
        subtitle={rowsShown(t, query, rows.length)}
        actions={canEdit && <NewRecordButton label={t('contacts.new')} onClick={create.open} />}
      />
      <RecordFilterBar list={list} searchPlaceholder={t('contacts.searchPlaceholder')} withTrash>
        <AccountPicker
          aria-label={t('fields.accountId')}
          placeholder={t('contacts.anyAccount')}
          value={list.get('account')}
          onChange={(id) => list.set('account', id)}
          w={260}
        />
        <OwnerFilter list={list} placeholder={t('contacts.anyOwner')} w={200} />
      </RecordFilterBar>
      <RecordTable<Contact>
        label={t('contacts.title')}
        columns={columns}
        rows={rows}
        query={query}
        sort={list.sort}
        onSortChange={(s) => list.set('sort', s)}
        rowHref={(c) => `/contacts/${c.id}`}
        empty={
          <RecordListEmpty
            inTrash={list.trash}
            trashTitle={t('contacts.emptyTrash')}
            filtered={list.hasFilters}
            noMatchesTitle={t('contacts.noMatches')}
            onClearFilters={list.clear}
            icon={<IconUsers size={28} />}
            title={t('contacts.empty')}
            description={t('contacts.emptyHint')}
            action={canEdit && <Button onClick={create.open}>{t('contacts.new')}</Button>}
          />
        }
      />
      {create.opened && <ContactCreateModal opened={create.opened} onClose={create.close} onCreated={create.onCreated} />}
    </>
  );
}
