import { Button, Group, Paper } from '@mantine/core';
import { IconBuilding, IconEdit } from '@tabler/icons-react';
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
import { useContact, useDeleteContact, useRestoreContact } from './api.js';
import { ContactDuplicates } from './ContactDuplicates.js';
import { ContactEditForm } from './ContactEditForm.js';
import { ContactMergeModal } from './ContactMergeModal.js';
import { ContactOverview } from './ContactOverview.js';

export default function ContactDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const formatValue = useValueFormatter();
  const contact = useContact(id);
  const [editing, setEditing] = useState(false);
  const remove = useDeleteContact();
  const restore = useRestoreContact();

  if (contact.isPending) return <RecordLoading />;
  if (contact.isError) return <RecordError error={contact.error} backTo="/contacts" backLabel={t('contacts.title')} />;
  const c = contact.data;
  const deleted = c.deletedAt !== null;

  return (
    <>
      <RecordBreadcrumbs listPath="/contacts" listLabel={t('contacts.title')} current={c.name} />
      <RecordPageHeader
        title={c.name}
        subtitle={
          <Group gap={6}>
            {c.title && <span>{c.title}</span>}
            {c.account && (
              <>
                {c.title && <span>·</span>}
                <IconBuilding size={14} />
                {recordLink('/accounts', c.account)}
              </>
            )}
          </Group>
        }
        record={c}
        canEdit={canEdit}
        editing={editing}
        restore={restore}
        actions={
          <>
            <DeleteRecordButton
              recordId={c.id}
              remove={remove}
              confirmTitle={t('contacts.deleteTitle')}
              confirmMessage={t('contacts.deleteConfirm', { name: c.name })}
              listPath="/contacts"
            />
            <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <MergeWithMenu mergeModal={(close) => <ContactMergeModal contact={c} sourceId={null} onClose={close} />} />
          </>
        }
      />
      <RecordNotices deleted={deleted} deletedNotice={t('contacts.deletedNotice')} canEdit={canEdit} />
      <ContactDuplicates contact={c} canMerge={canEdit} />
      <RecordDetailLayout
        main={
          <Paper withBorder p="md" shadow="xs">
            {editing ? (
              <ContactEditForm key={c.id} contact={c} onDone={() => setEditing(false)} />
            ) : (
              <ContactOverview contact={c} />
            )}
          </Paper>
        }
        side={
          <RecordSidePanels type="contact" id={c.id} name={c.name} canEdit={canEdit && !deleted} formatValue={formatValue}>
            {/* The list API filters by account, not by contact: show the deals of the contact's account. */}
            {c.account && (
              <RelatedOpportunities
                account={c.account}
                canCreate={canEdit && !deleted}
                title={t('opportunities:related.ofAccount', { account: c.account.name })}
              />
            )}
          </RecordSidePanels>
        }
      />
    </>
  );
}
