import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconEdit } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { api } from '../../app/api/client.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { RecordError, RecordLoading } from '../../ui/RecordState.js';
import { DeleteRecordButton } from '../../ui/records/DeleteRecordButton.js';
import { RecordDetailLayout, RecordSidePanels } from '../../ui/records/RecordDetailLayout.js';
import { RecordNotices } from '../../ui/records/RecordNotices.js';
import { RecordBreadcrumbs, RecordPageHeader } from '../../ui/records/RecordPageHeader.js';
import { leadKeys, refreshLead, useLead } from './api.js';
import { DuplicatesBanner } from './DuplicatesBanner.js';
import { CountdownBadge } from './FirstContactCountdown.js';
import { LeadConvertModal } from './LeadConvertModal.js';
import { LeadEditForm } from './LeadEditForm.js';
import { LeadOverview } from './LeadOverview.js';
import { LeadOwnerPicker } from './LeadOwnerPicker.js';
import { LeadStatusActions } from './LeadStatusActions.js';
import { LeadStatusNotice } from './LeadStatusNotice.js';
import { LeadStatusBadge, ScoreBadge } from './leadLabels.js';
import { BantPanel, ScorePanel } from './QualificationPanels.js';
import { useLeadValueFormatter } from './useLeadValueFormatter.js';

export default function LeadDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canEdit = useCanEdit();
  const fmt = useFormat();
  const formatValue = useLeadValueFormatter();
  const lead = useLead(id);
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
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
      <RecordBreadcrumbs listPath="/leads" listLabel={t('leads.title')} current={l.name} />
      <RecordPageHeader
        title={l.name}
        badge={<LeadStatusBadge status={l.status} size="lg" />}
        subtitle={[l.title, l.company, t(`leads.source.${l.source}`), l.campaign].filter(Boolean).join(' · ')}
        record={l}
        canEdit={canEdit}
        editing={editing}
        restore={restore}
        onRestored={(saved) => refreshLead(queryClient, saved)}
        actions={
          <>
            {!closed && <LeadStatusActions lead={l} onConvert={() => setConverting(true)} />}
            {!closed && (
              <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            <DeleteRecordButton
              iconOnly
              recordId={l.id}
              remove={remove}
              confirmTitle={t('leads.deleteTitle')}
              confirmMessage={t('leads.deleteConfirm', { name: l.name })}
              listPath="/leads"
              onDeleted={() => void queryClient.invalidateQueries({ queryKey: leadKeys.all })}
            />
          </>
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
      <LeadStatusNotice lead={l} />
      <RecordNotices deleted={deleted} deletedNotice={t('leads.deletedNotice')} canEdit={canEdit} />
      {!closed && !deleted && <DuplicatesBanner lead={l} canMerge={!readOnly} />}
      <RecordDetailLayout
        main={
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
        }
        side={<RecordSidePanels type="lead" id={l.id} name={l.name} canEdit={canEdit && !deleted} formatValue={formatValue} />}
      />
      {converting && <LeadConvertModal lead={l} onClose={() => setConverting(false)} />}
    </>
  );
}
