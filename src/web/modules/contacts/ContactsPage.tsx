import { Anchor, Button, Group, Select, Switch, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconRestore, IconSearch, IconTrash, IconUsers } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatPhone } from '../../../domain/common/phone.js';
import type { Contact } from '../../../domain/contacts/contact.schema.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ListEmpty } from '../../ui/ListEmpty.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useListParams } from '../../ui/useListParams.js';
import { type Column, VirtualTable } from '../../ui/VirtualTable.js';
import { AccountPicker } from '../accounts/AccountPicker.js';
import { useUserOptions } from '../users/api.js';
import { useContactList, useRestoreContact } from './api.js';
import { ContactCreateModal } from './ContactCreateModal.js';

export default function ContactsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const list = useListParams('lastName');
  const owners = useUserOptions();
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const restore = useRestoreContact();

  const filters = {
    q: list.q || undefined,
    accountId: list.get('account') || null,
    ownerId: list.get('owner') || null,
    sort: list.sort,
    deleted: list.trash,
  };
  const query = useContactList(filters);
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);

  const columns: Column<Contact>[] = [
    {
      key: 'name',
      header: t('fields.name'),
      sortField: 'lastName',
      width: '24%',
      render: (c) => (
        <Anchor component={Link} to={`/contacts/${c.id}`} fw={600} c="dark" underline="hover">
          {c.name}
        </Anchor>
      ),
    },
    { key: 'title', header: t('fields.title'), render: (c) => c.title ?? '' },
    {
      key: 'account',
      header: t('fields.accountId'),
      render: (c) =>
        c.account && (
          <Anchor component={Link} to={`/accounts/${c.account.id}`} size="sm">
            {c.account.name}
          </Anchor>
        ),
    },
    { key: 'email', header: t('fields.email'), render: (c) => c.emails[0] ?? '' },
    { key: 'phone', header: t('fields.phone'), width: 150, render: (c) => (c.phones[0] ? formatPhone(c.phones[0]) : '') },
    { key: 'owner', header: t('fields.ownerId'), render: (c) => c.owner?.name ?? '' },
    { key: 'updatedAt', header: t('fields.updatedAt'), sortField: 'updatedAt', width: 130, render: (c) => fmt.date(c.updatedAt) },
  ];
  if (list.trash && canEdit) {
    columns.push({
      key: 'restore',
      header: t('common.actions'),
      width: 130,
      render: (c) => (
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconRestore size={14} />}
          aria-label={`${t('common.restore')} ${c.name}`}
          onClick={() =>
            restore.mutate(c.id, { onSuccess: () => notifySuccess(t('common.restored')), onError: (e) => notifyError(t, e) })
          }
        >
          {t('common.restore')}
        </Button>
      ),
    });
  }

  const empty = list.trash ? (
    <ListEmpty icon={<IconTrash size={28} />} title={t('contacts.emptyTrash')} />
  ) : list.hasFilters ? (
    <ListEmpty
      icon={<IconSearch size={28} />}
      title={t('contacts.noMatches')}
      action={
        <Button variant="default" onClick={list.clear}>
          {t('common.clearFilters')}
        </Button>
      }
    />
  ) : (
    <ListEmpty
      icon={<IconUsers size={28} />}
      title={t('contacts.empty')}
      description={t('contacts.emptyHint')}
      action={canEdit && <Button onClick={openCreate}>{t('contacts.new')}</Button>}
    />
  );

  return (
    <>
      <PageHeader
        title={t('contacts.title')}
        subtitle={query.data ? t('common.rows', { count: query.hasNextPage ? `${rows.length}+` : rows.length }) : ' '}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
              {t('contacts.new')}
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          aria-label={t('common.search')}
          placeholder={t('contacts.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={list.search}
          onChange={(e) => list.setSearch(e.currentTarget.value)}
          w={300}
          type="search"
        />
        <AccountPicker
          aria-label={t('fields.accountId')}
          placeholder={t('contacts.anyAccount')}
          value={list.get('account')}
          onChange={(id) => list.set('account', id)}
          w={260}
        />
        <Select
          aria-label={t('fields.ownerId')}
          placeholder={t('contacts.anyOwner')}
          data={owners}
          value={list.get('owner') || null}
          onChange={(v) => list.set('owner', v)}
          clearable
          searchable
          w={200}
        />
        <Switch
          ml="auto"
          label={
            <Group gap={4}>
              <IconTrash size={14} />
              <Text size="sm">{t('common.showDeleted')}</Text>
            </Group>
          }
          checked={list.trash}
          onChange={(e) => list.set('trash', e.currentTarget.checked ? '1' : null)}
        />
      </Group>
      <VirtualTable<Contact>
        label={t('contacts.title')}
        columns={columns}
        rows={rows}
        rowKey={(c) => c.id}
        sort={filters.sort}
        onSortChange={(s) => list.set('sort', s)}
        onRowClick={(c) => navigate(`/contacts/${c.id}`)}
        isLoading={query.isPending}
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={() => void query.fetchNextPage()}
        empty={empty}
      />
      {creating && (
        <ContactCreateModal
          opened={creating}
          onClose={closeCreate}
          onCreated={(c) => {
            closeCreate();
            navigate(`/contacts/${c.id}`);
          }}
        />
      )}
    </>
  );
}
