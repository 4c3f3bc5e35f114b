import { Alert, Anchor, Badge, Breadcrumbs, Button, Divider, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCircleCheck, IconEdit, IconInfoCircle, IconRecycle, IconRestore, IconSkull, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { api } from '../../app/api/client.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { RecordError, RecordLoading } from '../../ui/RecordState.js';
import { Stream } from '../../ui/Stream.js';
import { useAccount } from '../accounts/api.js';
import { RecordActivities } from '../activities/RecordActivities.js';
import { PlanPanel } from '../activity-plans/PlanPanel.js';
import { RecordAttachments } from '../attachments/RecordAttachments.js';
import { useContact } from '../contacts/api.js';
import { RecordEmails } from '../emails/RecordEmails.js';
import { leadKeys, refreshLead, useLead } from './api.js';
import { DuplicatesBanner } from './DuplicatesBanner.js';
import { CountdownBadge } from './FirstContactCountdown.js';
import { LeadConvertModal } from './LeadConvertModal.js';
import { LeadEditForm } from './LeadEditForm.js';
import { LeadOverview } from './LeadOverview.js';
import { LeadOwnerPicker } from './LeadOwnerPicker.js';
import { LeadStatusActions } from './LeadStatusActions.js';
import { LeadStatusBadge, ScoreBadge } from './leadLabels.js';
import { BantPanel, ScorePanel } from './QualificationPanels.js';
import { useLeadValueFormatter } from './useLeadValueFormatter.js';

export default function LeadDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canEdit = useCanEdit();
  const fmt = useFormat();
  const formatValue = useLeadValueFormatter();
  const lead = useLead(id);
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  const [confirming, { open: confirmDelete, close: closeConfirm }] = useDisclosure(false);
  const remove = useMutation({ mutationFn: (leadId: string) => api.delete(`/leads/${leadId}`) });
  const restore = useMutation({ mutationFn: (leadId: string) => api.post<Lead>(`/leads/${leadId}/restore`) });

  if (lead.isPending) return <RecordLoading />;
  if (lead.isError) return <RecordError error={lead.error} backTo="/leads" backLabel={t('leads.title')} />;
  const l = lead.data;
  const deleted = l.deletedAt !== null;
  const closed = l.status === 'converted' || l.status === 'dead';
  const readOnly = !canEdit || deleted || closed;

  return (
    <>
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to="/leads" size="sm">
          {t('leads.title')}
        </Anchor>
        <Text size="sm">{l.name}</Text>
      </Breadcrumbs>
      <PageHeader
        title={l.name}
        badge={
          <>
            <LeadStatusBadge status={l.status} size="lg" />
            {deleted && <Badge color="red">{t('common.deletedBadge')}</Badge>}
          </>
        }
        subtitle={[l.title, l.company, t(`leads.source.${l.source}`), l.campaign].filter(Boolean).join(' · ')}
        actions={
          canEdit &&
          (deleted ? (
            <Button
              leftSection={<IconRestore size={16} />}
              loading={restore.isPending}
              onClick={() =>
                restore.mutate(l.id, {
                  onSuccess: (saved) => {
                    refreshLead(queryClient, saved);
                    notifySuccess(t('common.restored'));
                  },
                  onError: (e) => notifyError(t, e),
                })
              }
            >
              {t('common.restore')}
            </Button>
          ) : (
            !editing && (
              <>
                {!closed && <LeadStatusActions lead={l} onConvert={() => setConverting(true)} />}
                {!closed && (
                  <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
                    {t('common.edit')}
                  </Button>
                )}
                <Button variant="subtle" color="red" px="xs" onClick={confirmDelete} aria-label={t('common.delete')}>
                  <IconTrash size={18} />
                </Button>
              </>
            )
          ))
        }
      />
      <Paper withBorder shadow="xs" px="md" py="sm" mb="md">
        <Group gap="xl" wrap="wrap">
          <Group gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('fields.ownerId')}
            </Text>
            <LeadOwnerPicker lead={l} readOnly={readOnly} />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('fields.score')}
            </Text>
            <ScoreBadge score={l.score} />
          </Group>
          <CountdownBadge lead={l} />
          <Text size="xs" c="dimmed" ml="auto">
            {t('leads.createdVia', { date: fmt.date(l.createdAt), source: t(`leads.source.${l.source}`) })}
          </Text>
        </Group>
      </Paper>
      <StatusNotice lead={l} />
      {deleted && (
        <Alert color="red" variant="light" mb="md" icon={<IconTrash size={16} />}>
          {t('leads.deletedNotice')}
        </Alert>
      )}
      {!canEdit && (
        <Alert color="gray" variant="light" mb="md" icon={<IconInfoCircle size={16} />}>
          {t('common.readOnly')}
        </Alert>
      )}
      {!closed && !deleted && <DuplicatesBanner lead={l} canMerge={!readOnly} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <BantPanel lead={l} readOnly={readOnly} />
            <ScorePanel lead={l} readOnly={readOnly} />
            <Paper withBorder p="md" shadow="xs" component="section" aria-label={t('leads.details')}>
              {editing ? (
                <LeadEditForm key={l.id} lead={l} onDone={() => setEditing(false)} />
              ) : (
                <>
                  <Title order={4} mb="md">
                    {t('leads.details')}
                  </Title>
                  <LeadOverview lead={l} />
                </>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <RecordActivities related={{ type: 'lead', id: l.id, name: l.name }} canEdit={canEdit && !deleted} />
            <RecordEmails related={{ type: 'lead', id: l.id, name: l.name }} canEdit={canEdit && !deleted} />
            <PlanPanel related={{ type: 'lead', id: l.id }} canEdit={canEdit && !deleted} />
            <RecordAttachments related={{ type: 'lead', id: l.id }} canEdit={canEdit && !deleted} />
            <Stream resource="leads" id={l.id} canPost={canEdit && !deleted} formatValue={formatValue} />
          </Stack>
        </Grid.Col>
      </Grid>
      {converting && <LeadConvertModal lead={l} onClose={() => setConverting(false)} />}
      <ConfirmModal
        opened={confirming}
        onClose={closeConfirm}
        title={t('leads.deleteTitle')}
        message={t('leads.deleteConfirm', { name: l.name })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(l.id, {
            onSuccess: () => {
              closeConfirm();
              notifySuccess(t('common.deleted'));
              void queryClient.invalidateQueries({ queryKey: leadKeys.all });
              navigate('/leads');
            },
            onError: (e) => notifyError(t, e),
          })
        }
      />
    </>
  );
}

/** Why the lead is closed or parked, and where a converted lead went. */
function StatusNotice({ lead: l }: { lead: Lead }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (l.status === 'converted') return <ConvertedNotice lead={l} />;
  if (l.status === 'dead')
    return (
      <Alert color="gray" variant="light" mb="md" icon={<IconSkull size={16} />} title={t('leads.notice.dead')}>
        {l.statusReason}
      </Alert>
    );
  if (l.status === 'recycled')
    return (
      <Alert
        color="orange"
        variant="light"
        mb="md"
        icon={<IconRecycle size={16} />}
        title={t('leads.notice.recycled', { date: fmt.date(l.recontactOn) })}
      >
        {l.statusReason}
      </Alert>
    );
  return null;
}

function ConvertedNotice({ lead: l }: { lead: Lead }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const account = useAccount(l.convertedAccountId ?? '');
  const contact = useContact(l.convertedContactId ?? '');
  return (
    <Alert
      color="teal"
      variant="light"
      mb="md"
      icon={<IconCircleCheck size={18} />}
      title={t('leads.notice.converted', { date: fmt.dateTime(l.convertedAt) })}
      data-testid="converted-notice"
    >
      <Group gap="lg">
        {l.convertedAccountId && (
          <Group gap={6}>
            <Text size="sm">{t('leads.convert.account')}:</Text>
            <Anchor component={Link} to={`/accounts/${l.convertedAccountId}`} size="sm" fw={600}>
              {account.data?.name ?? t('common.loading')}
            </Anchor>
          </Group>
        )}
        {l.convertedAccountId && l.convertedContactId && <Divider orientation="vertical" />}
        {l.convertedContactId && (
          <Group gap={6}>
            <Text size="sm">{t('leads.convert.contact')}:</Text>
            <Anchor component={Link} to={`/contacts/${l.convertedContactId}`} size="sm" fw={600}>
              {contact.data?.name ?? t('common.loading')}
            </Anchor>
          </Group>
        )}
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {t('leads.notice.convertedReadOnly')}
      </Text>
    </Alert>
  );
}
