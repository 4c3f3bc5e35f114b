import { Alert, Anchor, Badge, Breadcrumbs, Button, Grid, Paper, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity, IconEdit, IconInfoCircle, IconRestore, IconTrash, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCanEdit } from '../../app/auth/session.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { RecordError, RecordLoading } from '../../ui/RecordState.js';
import { Stream } from '../../ui/Stream.js';
import { useValueFormatter } from '../../ui/stream/useValueFormatter.js';
import { RecordActivities } from '../activities/RecordActivities.js';
import { PlanPanel } from '../activity-plans/PlanPanel.js';
import { RecordAttachments } from '../attachments/RecordAttachments.js';
import { RecordEmails } from '../emails/RecordEmails.js';
import { RelatedOpportunities } from '../opportunities/RelatedOpportunities.js';
import { HandoverButton } from '../opportunity-insights/index.js';
import { AccountContacts } from './AccountContacts.js';
import { AccountDuplicates } from './AccountDuplicates.js';
import { AccountEditForm } from './AccountEditForm.js';
import { AccountMergeMenu } from './AccountMergeMenu.js';
import { AccountOverview } from './AccountOverview.js';
import { AccountTypeBadge } from './accountLabels.js';
import { useAccount, useDeleteAccount, useRestoreAccount } from './api.js';
import { SubAccounts } from './SubAccounts.js';

export default function AccountDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const formatValue = useValueFormatter();
  const account = useAccount(id);
  const [editing, setEditing] = useState(false);
  const [confirming, { open: confirmDelete, close: closeConfirm }] = useDisclosure(false);
  const remove = useDeleteAccount();
  const restore = useRestoreAccount();

  if (account.isPending) return <RecordLoading />;
  if (account.isError) return <RecordError error={account.error} backTo="/accounts" backLabel={t('accounts.title')} />;
  const a = account.data;
  const deleted = a.deletedAt !== null;

  return (
    <>
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to="/accounts" size="sm">
          {t('accounts.title')}
        </Anchor>
        {a.parent && (
          <Anchor component={Link} to={`/accounts/${a.parent.id}`} size="sm">
            {a.parent.name}
          </Anchor>
        )}
        <Text size="sm">{a.name}</Text>
      </Breadcrumbs>
      <PageHeader
        title={a.name}
        badge={
          <>
            <AccountTypeBadge type={a.type} />
            {deleted && <Badge color="red">{t('common.deletedBadge')}</Badge>}
          </>
        }
        subtitle={[a.industry, a.billingAddress.city, a.owner?.name].filter(Boolean).join(' · ')}
        actions={
          canEdit &&
          (deleted ? (
            <Button
              leftSection={<IconRestore size={16} />}
              loading={restore.isPending}
              onClick={() =>
                restore.mutate(a.id, { onSuccess: () => notifySuccess(t('common.restored')), onError: (e) => notifyError(t, e) })
              }
            >
              {t('common.restore')}
            </Button>
          ) : (
            !editing && (
              <>
                <Button variant="default" leftSection={<IconTrash size={16} />} color="red" onClick={confirmDelete}>
                  {t('common.delete')}
                </Button>
                <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </Button>
                <AccountMergeMenu account={a} />
                <HandoverButton account={a} />
              </>
            )
          ))
        }
      />
      {deleted && (
        <Alert color="red" variant="light" mb="md" icon={<IconTrash size={16} />}>
          {t('accounts.deletedNotice')}
        </Alert>
      )}
      {!canEdit && (
        <Alert color="gray" variant="light" mb="md" icon={<IconInfoCircle size={16} />}>
          {t('common.readOnly')}
        </Alert>
      )}
      <AccountDuplicates account={a} canMerge={canEdit} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
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
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <RelatedOpportunities account={a} canCreate={canEdit && !deleted} />
            <RecordActivities related={{ type: 'account', id: a.id, name: a.name }} canEdit={canEdit && !deleted} />
            <RecordEmails related={{ type: 'account', id: a.id, name: a.name }} canEdit={canEdit && !deleted} />
            <PlanPanel related={{ type: 'account', id: a.id }} canEdit={canEdit && !deleted} />
            <RecordAttachments related={{ type: 'account', id: a.id }} canEdit={canEdit && !deleted} />
            <Stream resource="accounts" id={a.id} canPost={canEdit && !deleted} formatValue={formatValue} />
          </Stack>
        </Grid.Col>
      </Grid>
      <ConfirmModal
        opened={confirming}
        onClose={closeConfirm}
        title={t('accounts.deleteTitle')}
        message={t('accounts.deleteConfirm', { name: a.name })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(a.id, {
            onSuccess: () => {
              closeConfirm();
              notifySuccess(t('common.deleted'));
              navigate('/accounts');
            },
            onError: (e) => notifyError(t, e),
          })
        }
      />
    </>
  );
}
