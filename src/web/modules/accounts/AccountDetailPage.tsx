import { Button, Paper, Tabs } from '@mantine/core';
import { IconBuildingCommunity, IconEdit, IconInfoCircle, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCanEdit } from '../../app/auth/session.js';
import { RecordError, RecordLoading } from '../../ui/RecordState.js';
import { DeleteRecordButton } from '../../ui/records/DeleteRecordButton.js';
import { recordLink } from '../../ui/records/fieldLinks.js';
import { MergeWithMenu } from '../../ui/records/MergeWithMenu.js';
import { RecordDetailLayout, RecordSidePanels } from '../../ui/records/RecordDetailLayout.js';
import { RecordNotices } from '../../ui/records/RecordNotices.js';
import { RecordBreadcrumbs, RecordPageHeader } from '../../ui/records/RecordPageHeader.js';
import { useValueFormatter } from '../../ui/stream/useValueFormatter.js';
import { RelatedOpportunities } from '../opportunities/RelatedOpportunities.js';
import { HandoverButton } from '../opportunity-insights/index.js';
import { AccountContacts } from './AccountContacts.js';
import { AccountDuplicates } from './AccountDuplicates.js';
import { AccountEditForm } from './AccountEditForm.js';
import { AccountMergeModal } from './AccountMergeModal.js';
import { AccountOverview } from './AccountOverview.js';
import { AccountTypeBadge } from './accountLabels.js';
import { useAccount, useDeleteAccount, useRestoreAccount } from './api.js';
import { SubAccounts } from './SubAccounts.js';

export default function AccountDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const formatValue = useValueFormatter();
  const account = useAccount(id);
  const [editing, setEditing] = useState(false);
  const remove = useDeleteAccount();
  const restore = useRestoreAccount();

  if (account.isPending) return <RecordLoading />;
  if (account.isError) return <RecordError error={account.error} backTo="/accounts" backLabel={t('accounts.title')} />;
  const a = account.data;
  const deleted = a.deletedAt !== null;

  return (
    <>
      <RecordBreadcrumbs listPath="/accounts" listLabel={t('accounts.title')} current={a.name}>
        {recordLink('/accounts', a.parent)}
      </RecordBreadcrumbs>
      <RecordPageHeader
        title={a.name}
        badge={<AccountTypeBadge type={a.type} />}
        subtitle={[a.industry, a.billingAddress.city, a.owner?.name].filter(Boolean).join(' · ')}
        record={a}
        canEdit={canEdit}
        editing={editing}
        restore={restore}
        actions={
          <>
            <DeleteRecordButton
              recordId={a.id}
              remove={remove}
              confirmTitle={t('accounts.deleteTitle')}
              confirmMessage={t('accounts.deleteConfirm', { name: a.name })}
              listPath="/accounts"
            />
            <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <MergeWithMenu mergeModal={(close) => <AccountMergeModal account={a} sourceId={null} onClose={close} />} />
            <HandoverButton account={a} />
          </>
        }
      />
      <RecordNotices deleted={deleted} deletedNotice={t('accounts.deletedNotice')} canEdit={canEdit} />
      <AccountDuplicates account={a} canMerge={canEdit} />
      <RecordDetailLayout
        main={
          <Paper withBorder p="md" shadow="xs">
            {editing ? (
              <AccountEditForm key={a.id} account={a} onDone={() => setEditing(false)} />
            ) : (
              <Tabs defaultValue="overview" keepMounted={false}>
                <Tabs.List mb="md">
                  <Tabs.Tab value="overview" leftSection={<IconInfoCircle size={14} />}>
                    {t('accounts.tabs.overview')}
                  </Tabs.Tab>
                  <Tabs.Tab value="contacts" leftSection={<IconUsers size={14} />}>
                    {t('accounts.tabs.contacts')}
                  </Tabs.Tab>
                  <Tabs.Tab value="children" leftSection={<IconBuildingCommunity size={14} />}>
                    {t('accounts.tabs.subAccounts')}
                  </Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="overview">
                  <AccountOverview account={a} />
                </Tabs.Panel>
                <Tabs.Panel value="contacts">
                  <AccountContacts account={a} canEdit={canEdit} />
                </Tabs.Panel>
                <Tabs.Panel value="children">
                  <SubAccounts account={a} canEdit={canEdit} />
                </Tabs.Panel>
              </Tabs>
            )}
          </Paper>
        }
        side={
          <RecordSidePanels type="account" id={a.id} name={a.name} canEdit={canEdit && !deleted} formatValue={formatValue}>
            <RelatedOpportunities account={a} canCreate={canEdit && !deleted} />
          </RecordSidePanels>
        }
      />
    </>
  );
}
