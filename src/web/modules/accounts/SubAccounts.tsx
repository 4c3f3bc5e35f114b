import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../domain/accounts/account.schema.js';
import { AccountCreateModal } from './AccountCreateModal.js';
import { AccountTypeBadge } from './accountLabels.js';
import { useAccountList } from './api.js';
import { RelatedList } from './RelatedList.js';

export function SubAccounts({ account, canEdit }: { account: Account; canEdit: boolean }) {
  const { t } = useTranslation();
  const [adding, { open, close }] = useDisclosure(false);
  const children = useAccountList({ parentId: account.id, sort: 'name' });
  const rows = children.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <RelatedList<Account>
        label={t('accounts.tabs.subAccounts')}
        rows={rows}
        isLoading={children.isPending}
        href={(a) => `/accounts/${a.id}`}
        title={(a) => a.name}
        columns={[
          { header: t('fields.type'), render: (a) => <AccountTypeBadge type={a.type} /> },
          { header: t('fields.city'), render: (a) => a.billingAddress.city ?? '' },
        ]}
        empty={t('accounts.noSubAccounts')}
        hasMore={children.hasNextPage}
        onLoadMore={() => void children.fetchNextPage()}
        action={
          canEdit && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={open}
              disabled={account.deletedAt !== null}
            >
              {t('accounts.addSubAccount')}
            </Button>
          )
        }
      />
      {adding && (
        <AccountCreateModal
          opened={adding}
          onClose={close}
          defaults={{ parentId: account.id, type: account.type }}
          parentName={account.name}
          onCreated={close}
        />
      )}
    </>
  );
}
