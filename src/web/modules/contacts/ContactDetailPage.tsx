import { Alert, Anchor, Badge, Breadcrumbs, Button, Grid, Group, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuilding, IconEdit, IconInfoCircle, IconRestore, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatPhone } from '../../../domain/common/phone.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { addressLines } from '../../ui/addressText.js';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import { FieldList } from '../../ui/FieldList.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { RecordError, RecordLoading } from '../../ui/RecordState.js';
import { Stream } from '../../ui/Stream.js';
import { useValueFormatter } from '../../ui/stream/useValueFormatter.js';
import { RecordActivities } from '../activities/RecordActivities.js';
import { PlanPanel } from '../activity-plans/PlanPanel.js';
import { RecordAttachments } from '../attachments/RecordAttachments.js';
import { RecordEmails } from '../emails/RecordEmails.js';
import { RelatedOpportunities } from '../opportunities/RelatedOpportunities.js';
import { useContact, useDeleteContact, useRestoreContact } from './api.js';
import { ContactDuplicates } from './ContactDuplicates.js';
import { ContactEditForm } from './ContactEditForm.js';
import { ContactMergeMenu } from './ContactMergeMenu.js';

export default function ContactDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const formatValue = useValueFormatter();
  const contact = useContact(id);
  const [editing, setEditing] = useState(false);
  const [confirming, { open: confirmDelete, close: closeConfirm }] = useDisclosure(false);
  const remove = useDeleteContact();
  const restore = useRestoreContact();

  if (contact.isPending) return <RecordLoading />;
  if (contact.isError) return <RecordError error={contact.error} backTo="/contacts" backLabel={t('contacts.title')} />;
  const c = contact.data;
  const deleted = c.deletedAt !== null;

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/contacts" size="sm">
          {t('contacts.title')}
        </Anchor>
        <Text size="sm">{c.name}</Text>
      </Breadcrumbs>
      <PageHeader
        title={c.name}
        badge={deleted && <Badge color="red">{t('common.deletedBadge')}</Badge>}
        subtitle={
          <Group gap={6}>
            {c.title && <span>{c.title}</span>}
            {c.account && (
              <>
                {c.title && <span>·</span>}
                <IconBuilding size={14} />
                <Anchor component={Link} to={`/accounts/${c.account.id}`} size="sm">
                  {c.account.name}
                </Anchor>
              </>
            )}
          </Group>
        }
        actions={
          canEdit &&
          (deleted ? (
            <Button
              leftSection={<IconRestore size={16} />}
              loading={restore.isPending}
              onClick={() =>
                restore.mutate(c.id, { onSuccess: () => notifySuccess(t('common.restored')), onError: (e) => notifyError(t, e) })
              }
            >
              {t('common.restore')}
            </Button>
          ) : (
            !editing && (
              <>
                <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={confirmDelete}>
                  {t('common.delete')}
                </Button>
                <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </Button>
                <ContactMergeMenu contact={c} />
              </>
            )
          ))
        }
      />
      {deleted && (
        <Alert color="red" variant="light" mb="md" icon={<IconTrash size={16} />}>
          {t('contacts.deletedNotice')}
        </Alert>
      )}
      {!canEdit && (
        <Alert color="gray" variant="light" mb="md" icon={<IconInfoCircle size={16} />}>
          {t('common.readOnly')}
        </Alert>
      )}
      <ContactDuplicates contact={c} canMerge={canEdit} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder p="md" shadow="xs">
            {editing ? (
              <ContactEditForm key={c.id} contact={c} onDone={() => setEditing(false)} />
            ) : (
              <FieldList
                items={[
                  { label: t('fields.firstName'), value: c.firstName },
                  { label: t('fields.lastName'), value: c.lastName },
                  { label: t('fields.title'), value: c.title },
                  {
                    label: t('fields.accountId'),
                    value: c.account && (
                      <Anchor component={Link} to={`/accounts/${c.account.id}`} size="sm">
                        {c.account.name}
                      </Anchor>
                    ),
                  },
                  {
                    label: t('fields.emails'),
                    value: c.emails.length > 0 && (
                      <Stack gap={2} component="span">
                        {c.emails.map((e) => (
                          <Anchor key={e} href={`mailto:${e}`} size="sm">
                            {e}
                          </Anchor>
                        ))}
                      </Stack>
                    ),
                  },
                  {
                    label: t('fields.phones'),
                    value: c.phones.length > 0 && (
                      <Stack gap={2} component="span">
                        {c.phones.map((p) => (
                          <Anchor key={p} href={`tel:${p}`} size="sm">
                            {formatPhone(p)}
                          </Anchor>
                        ))}
                      </Stack>
                    ),
                  },
                  { label: t('fields.ownerId'), value: c.owner?.name },
                  { label: t('fields.address'), value: addressLines(c.address) },
                  { label: t('fields.createdAt'), value: fmt.dateTime(c.createdAt) },
                  { label: t('fields.updatedAt'), value: fmt.dateTime(c.updatedAt) },
                  { label: t('fields.notes'), value: c.notes, span: 'full' },
                ]}
              />
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            {/* The list API filters by account, not by contact: show the deals of the contact's account. */}
            {c.account && (
              <RelatedOpportunities
                account={c.account}
                canCreate={canEdit && !deleted}
                title={t('opportunities:related.ofAccount', { account: c.account.name })}
              />
            )}
            <RecordActivities related={{ type: 'contact', id: c.id, name: c.name }} canEdit={canEdit && !deleted} />
            <RecordEmails related={{ type: 'contact', id: c.id, name: c.name }} canEdit={canEdit && !deleted} />
            <PlanPanel related={{ type: 'contact', id: c.id }} canEdit={canEdit && !deleted} />
            <RecordAttachments related={{ type: 'contact', id: c.id }} canEdit={canEdit && !deleted} />
            <Stream resource="contacts" id={c.id} canPost={canEdit && !deleted} formatValue={formatValue} />
          </Stack>
        </Grid.Col>
      </Grid>
      <ConfirmModal
        opened={confirming}
        onClose={closeConfirm}
        title={t('contacts.deleteTitle')}
        message={t('contacts.deleteConfirm', { name: c.name })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(c.id, {
            onSuccess: () => {
              closeConfirm();
              notifySuccess(t('common.deleted'));
              navigate('/contacts');
            },
            onError: (e) => notifyError(t, e),
          })
        }
      />
    </>
  );
}
