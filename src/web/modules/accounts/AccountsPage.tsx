import { Button, TextInput } from '@mantine/core';
import { IconBuilding } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_TYPES, type Account } from '../../../domain/accounts/account.schema.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { RecordNameLink } from '../../ui/records/fieldLinks.js';
import { ListParamSelect, OwnerFilter, RecordFilterBar } from '../../ui/records/ListFilters.js';
import { NewRecordButton, restoreColumn } from '../../ui/records/listActions.js';
import { RecordListEmpty } from '../../ui/records/RecordListEmpty.js';
import { RecordTable } from '../../ui/records/RecordTable.js';
import { useCreateAndOpen } from '../../ui/records/useCreateAndOpen.js';
import { rowsShown, useRecordRows } from '../../ui/records/useRecordRows.js';
import { useListParams } from '../../ui/useListParams.js';
import type { Column } from '../../ui/VirtualTable.js';
import { AccountCreateModal } from './AccountCreateModal.js';
import { AccountTypeBadge } from './accountLabels.js';
import { useAccountList, useRestoreAccount } from './api.js';

export default function AccountsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canEdit = useCanEdit();
  const list = useListParams('name');
  const create = useCreateAndOpen('/accounts');
  const restore = useRestoreAccount();
  const query = useAccountList({
    q: list.q || undefined,
    type: list.get('type') || null,
    ownerId: list.get('owner') || null,
    industry: list.get('industry') || undefined,
    sort: list.sort,
    deleted: list.trash,
  });
  const rows = useRecordRows(query);

  const columns: Column<Account>[] = [
    {
      key: 'name',
      header: t('fields.name'),
      sortField: 'name',
      width: '30%',
      render: (a) => <RecordNameLink to={`/accounts/${a.id}`}>{a.name}</RecordNameLink>,
    },
    { key: 'type', header: t('fields.type'), width: 150, render: (a) => <AccountTypeBadge type={a.type} /> },
    { key: 'industry', header: t('fields.industry'), render: (a) => a.industry ?? '' },
    { key: 'city', header: t('fields.city'), render: (a) => a.billingAddress.city ?? '' },
    { key: 'owner', header: t('fields.ownerId'), render: (a) => a.owner?.name ?? '' },
    { key: 'updatedAt', header: t('fields.updatedAt'), sortField: 'updatedAt', width: 140, render: (a) => fmt.date(a.updatedAt) },
    { key: 'createdAt', header: t('fields.createdAt'), sortField: 'createdAt', width: 140, render: (a) => fmt.date(a.createdAt) },
  ];
  if (list.trash && canEdit) columns.push(restoreColumn(t, restore));

  return (
    <>
      <PageHeader
        title={list.trash ? t('accounts.trashTitle') : t('accounts.title')}
        subtitle={rowsShown(t, query, rows.length)}
        actions={canEdit && <NewRecordButton label={t('accounts.new')} onClick={create.open} />}
      />
      <RecordFilterBar list={list} searchPlaceholder={t('accounts.searchPlaceholder')} withTrash>
        <ListParamSelect
          list={list}
          param="type"
          label={t('fields.type')}
          placeholder={t('accounts.anyType')}
          data={ACCOUNT_TYPES.map((v) => ({ value: v, label: t(`accountType.${v}`) }))}
          w={190}
        />
        <OwnerFilter list={list} placeholder={t('accounts.anyOwner')} w={200} />
        <TextInput
          key={list.get('industry')}
          aria-label={t('fields.industry')}
          placeholder={t('accounts.industryPlaceholder')}
          defaultValue={list.get('industry')}
          onBlur={(e) => list.set('industry', e.currentTarget.value.trim())}
          onKeyDown={(e) => e.key === 'Enter' && list.set('industry', e.currentTarget.value.trim())}
          w={160}
        />
      </RecordFilterBar>
      <RecordTable<Account>
        label={t('accounts.title')}
        columns={columns}
        rows={rows}
        query={query}
        sort={list.sort}
        onSortChange={(s) => list.set('sort', s)}
        rowHref={(a) => `/accounts/${a.id}`}
        empty={
          <RecordListEmpty
            inTrash={list.trash}
            trashTitle={t('accounts.emptyTrash')}
            filtered={list.hasFilters}
            noMatchesTitle={t('accounts.noMatches')}
            onClearFilters={list.clear}
            icon={<IconBuilding size={28} />}
            title={t('accounts.empty')}
            description={t('accounts.emptyHint')}
            action={canEdit && <Button onClick={create.open}>{t('accounts.new')}</Button>}
          />
        }
      />
      {create.opened && <AccountCreateModal opened={create.opened} onClose={create.close} onCreated={create.onCreated} />}
    </>
  );
}
