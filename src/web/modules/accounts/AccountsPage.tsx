import { Anchor, Button, Group, Select, Switch, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuilding, IconPlus, IconRestore, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ACCOUNT_TYPES, type Account } from '../../../domain/accounts/account.schema.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ListEmpty } from '../../ui/ListEmpty.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useListParams } from '../../ui/useListParams.js';
import { type Column, VirtualTable } from '../../ui/VirtualTable.js';
import { useUserOptions } from '../users/api.js';
import { AccountCreateModal } from './AccountCreateModal.js';
import { AccountTypeBadge } from './accountLabels.js';
import { useAccountList, useRestoreAccount } from './api.js';

export default function AccountsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const list = useListParams('name');
  const owners = useUserOptions();
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const restore = useRestoreAccount();

  const filters = {
    q: list.q || undefined,
    type: list.get('type') || null,
    ownerId: list.get('owner') || null,
    industry: list.get('industry') || undefined,
    sort: list.sort,
    deleted: list.trash,
  };
  const query = useAccountList(filters);
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);

  const columns: Column<Account>[] = [
    {
      key: 'name',
      header: t('fields.name'),
      sortField: 'name',
      width: '30%',
      render: (a) => (
        <Anchor component={Link} to={`/accounts/${a.id}`} fw={600} c="dark" underline="hover">
          {a.name}
        </Anchor>
      ),
    },
    { key: 'type', header: t('fields.type'), width: 150, render: (a) => <AccountTypeBadge type={a.type} /> },
    { key: 'industry', header: t('fields.industry'), render: (a) => a.industry ?? '' },
    { key: 'city', header: t('fields.city'), render: (a) => a.billingAddress.city ?? '' },
    { key: 'owner', header: t('fields.ownerId'), render: (a) => a.owner?.name ?? '' },
    { key: 'updatedAt', header: t('fields.updatedAt'), sortField: 'updatedAt', width: 140, render: (a) => fmt.date(a.updatedAt) },
    { key: 'createdAt', header: t('fields.createdAt'), sortField: 'createdAt', width: 140, render: (a) => fmt.date(a.createdAt) },
  ];
  if (list.trash && canEdit) {
    columns.push({
      key: 'restore',
      header: t('common.actions'),
      width: 130,
      render: (a) => (
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconRestore size={14} />}
          onClick={() =>
            restore.mutate(a.id, { onSuccess: () => notifySuccess(t('common.restored')), onError: (e) => notifyError(t, e) })
          }
          aria-label={`${t('common.restore')} ${a.name}`}
        >
          {t('common.restore')}
        </Button>
      ),
    });
  }

  const empty = list.trash ? (
    <ListEmpty icon={<IconTrash size={28} />} title={t('accounts.emptyTrash')} />
  ) : list.hasFilters ? (
    <ListEmpty
      icon={<IconSearch size={28} />}
      title={t('accounts.noMatches')}
      action={
        <Button variant="default" onClick={list.clear}>
          {t('common.clearFilters')}
        </Button>
      }
    />
  ) : (
    <ListEmpty
      icon={<IconBuilding size={28} />}
      title={t('accounts.empty')}
      description={t('accounts.emptyHint')}
      action={canEdit && <Button onClick={openCreate}>{t('accounts.new')}</Button>}
    />
  );

  return (
    <>
      <PageHeader
        title={list.trash ? t('accounts.trashTitle') : t('accounts.title')}
        subtitle={query.data ? t('common.rows', { count: query.hasNextPage ? `${rows.length}+` : rows.length }) : ' '}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
              {t('accounts.new')}
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          aria-label={t('common.search')}
          placeholder={t('accounts.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={list.search}
          onChange={(e) => list.setSearch(e.currentTarget.value)}
          w={300}
          type="search"
        />
        <Select
          aria-label={t('fields.type')}
          placeholder={t('accounts.anyType')}
          data={ACCOUNT_TYPES.map((v) => ({ value: v, label: t(`accountType.${v}`) }))}
          value={list.get('type') || null}
          onChange={(v) => list.set('type', v)}
          clearable
          w={190}
        />
        <Select
          aria-label={t('fields.ownerId')}
          placeholder={t('accounts.anyOwner')}
          data={owners}
          value={list.get('owner') || null}
          onChange={(v) => list.set('owner', v)}
          clearable
          searchable
          w={200}
        />
        <TextInput
          key={list.get('industry')}
          aria-label={t('fields.industry')}
          placeholder={t('accounts.industryPlaceholder')}
          defaultValue={list.get('industry')}
          onBlur={(e) => list.set('industry', e.currentTarget.value.trim())}
          onKeyDown={(e) => e.key === 'Enter' && list.set('industry', e.currentTarget.value.trim())}
          w={160}
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
      <VirtualTable<Account>
        label={t('accounts.title')}
        columns={columns}
        rows={rows}
        rowKey={(a) => a.id}
        sort={filters.sort}
        onSortChange={(s) => list.set('sort', s)}
        onRowClick={(a) => navigate(`/accounts/${a.id}`)}
        isLoading={query.isPending}
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={() => void query.fetchNextPage()}
        empty={empty}
      />
      {creating && (
        <AccountCreateModal
          opened={creating}
          onClose={closeCreate}
          onCreated={(a) => {
            closeCreate();
            navigate(`/accounts/${a.id}`);
          }}
        />
      )}
    </>
  );
}
