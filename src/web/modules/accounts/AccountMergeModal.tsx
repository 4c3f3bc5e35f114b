import { List, Skeleton } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../domain/accounts/account.schema.js';
import { notifySuccess } from '../../app/notify.js';
import { fetchCount, forgetMergedRecord, mergeRecord } from '../../ui/merge/api.js';
import { type MergeField, MergeModal } from '../../ui/merge/MergeModal.js';
import { AccountPicker } from './AccountPicker.js';
import { accountKeys, fetchAccount } from './api.js';

/** The fields `POST /accounts/{id}/merge` takes, as the merge screen shows them. */
function accountMergeFields(label: (key: string) => string): MergeField<Account>[] {
  const billing = (part: 'street' | 'city' | 'postalCode' | 'country') => `${label('billingAddress')} – ${label(part)}`;
  return [
    { key: 'name', value: (a) => a.name },
    { key: 'type', value: (a) => a.type },
    { key: 'industry', value: (a) => a.industry },
    { key: 'size', value: (a) => a.size },
    { key: 'website', value: (a) => a.website },
    { key: 'email', value: (a) => a.email },
    { key: 'phone', value: (a) => a.phone },
    { key: 'registrationNumber', value: (a) => a.registrationNumber },
    { key: 'vatNumber', value: (a) => a.vatNumber },
    { key: 'billingStreet', label: billing('street'), value: (a) => a.billingAddress.street },
    { key: 'billingCity', label: billing('city'), value: (a) => a.billingAddress.city },
    { key: 'billingPostalCode', label: billing('postalCode'), value: (a) => a.billingAddress.postalCode },
    { key: 'billingCountry', label: billing('country'), value: (a) => a.billingAddress.country },
    { key: 'ownerId', value: (a) => a.ownerId },
    { key: 'parentId', value: (a) => a.parentId, display: (a) => a.parent?.name ?? a.parentId },
    { key: 'description', value: (a) => a.description },
  ];
}

/** What moves with the other account: its contacts and sub-accounts (counted), and its history. */
function MovesSummary({ source }: { source: Account }) {
  const { t } = useTranslation();
  const counts = useQuery({
    queryKey: ['accounts', 'merge-moves', source.id],
    queryFn: async () => {
      const [contacts, subAccounts] = await Promise.all([
        fetchCount('contacts', { accountId: source.id }),
        fetchCount('accounts', { parentId: source.id }),
      ]);
      return { contacts, subAccounts };
    },
  });
  return (
    <>
      {counts.isPending && <Skeleton height={16} width={160} />}
      {counts.data && (
        <>
          <List.Item>{t('merge:account.contacts', { count: counts.data.contacts })}</List.Item>
          <List.Item>{t('merge:account.subAccounts', { count: counts.data.subAccounts })}</List.Item>
        </>
      )}
      <List.Item>{t('merge:account.movesAll')}</List.Item>
    </>
  );
}

/** Merge another account into `account` (the survivor). Without `sourceId` the user searches for the other one. */
export function AccountMergeModal({
  account,
  sourceId,
  onClose,
}: {
  account: Account;
  sourceId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const labels = useMemo(() => ({ thisRecord: t('merge:account.thisRecord'), otherRecord: t('merge:account.otherRecord') }), [t]);
  const fields = useMemo(() => accountMergeFields((key) => t(`fields.${key}`)), [t]);
  return (
    <MergeModal<Account>
      title={t('merge:account.title')}
      labels={labels}
      target={account}
      sourceId={sourceId}
      picker={
        sourceId === null
          ? (value, onChange) => (
              <AccountPicker
                label={t('merge:pickOther')}
                placeholder={t('merge:pickPlaceholder')}
                value={value ?? ''}
                onChange={(id) => onChange(id || null)}
                excludeId={account.id}
                data-autofocus
              />
            )
          : undefined
      }
      sourceQuery={(id) => ({ queryKey: accountKeys.detail(id), queryFn: () => fetchAccount(id) })}
      fields={fields}
      summary={(source) => <MovesSummary source={source} />}
      merge={(target, otherId, picks) => mergeRecord<Account>('accounts', target, otherId, picks)}
      onMerged={(merged, source) => {
        queryClient.setQueryData(accountKeys.detail(merged.id), merged);
        queryClient.removeQueries({ queryKey: accountKeys.detail(source.id) });
        void queryClient.invalidateQueries({ queryKey: ['accounts'] });
        // Moved contacts now name this account.
        void queryClient.invalidateQueries({ queryKey: ['contacts'] });
        forgetMergedRecord(queryClient, source.id);
        void queryClient.invalidateQueries({ queryKey: ['stream'] });
        notifySuccess(t('merge:account.done', { name: source.name }));
      }}
      onStale={(otherId) => {
        void queryClient.invalidateQueries({ queryKey: accountKeys.detail(account.id) });
        void queryClient.invalidateQueries({ queryKey: accountKeys.detail(otherId) });
      }}
      onClose={onClose}
    />
  );
}
