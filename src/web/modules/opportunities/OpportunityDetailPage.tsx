import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCanEdit } from '../../app/auth/session.js';
import { RecordError, RecordLoading } from '../../ui/RecordState.js';
import { RecordDetailLayout, RecordSidePanels } from '../../ui/records/RecordDetailLayout.js';
import { RecordNotices } from '../../ui/records/RecordNotices.js';
import { RecordBreadcrumbs, RecordPageHeader } from '../../ui/records/RecordPageHeader.js';
import { ApprovalPanel, StallResolveModal } from '../opportunity-insights/index.js';
import '../opportunity-insights/workflows.i18n.js';
import { opportunityKeys, useOpportunity, usePipelines, useRefreshOpportunity } from './api.js';
import { CloseDialog } from './CloseDialog.js';
import { StatusBadge } from './labels.js';
import { useMoney } from './money.js';
import { OpportunityActions } from './OpportunityActions.js';
import { OpportunityEditForm } from './OpportunityEditForm.js';
import { OpportunityOverview } from './OpportunityOverview.js';
import { StageChecklistPanel } from './StageChecklistPanel.js';
import { StagePath } from './StagePath.js';
import { StalledAlert } from './StalledAlert.js';
import { useOpportunityValueFormatter } from './useOpportunityValueFormatter.js';
import './i18n.js';

export default function OpportunityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('opportunities');
  const { t: tw } = useTranslation('opportunityWorkflows');
  const canEdit = useCanEdit();
  const opportunity = useOpportunity(id);
  const formatValue = useOpportunityValueFormatter(opportunity.data);
  const pipelines = usePipelines();
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState<'won' | 'lost' | null>(null);
  const [resolving, setResolving] = useState(false);
  const refresh = useRefreshOpportunity();
  const queryClient = useQueryClient();
  const money = useMoney();

  if (opportunity.isPending) return <RecordLoading />;
  if (opportunity.isError) return <RecordError error={opportunity.error} backTo="/opportunities" backLabel={t('title')} />;
  const o = opportunity.data;
  const deleted = o.deletedAt !== null;
  const stages = pipelines.data?.find((p) => p.id === o.pipelineId)?.stages ?? [];
  const writable = canEdit && !deleted;
  const reload = () => void queryClient.invalidateQueries({ queryKey: opportunityKeys.detail(o.id) });

  return (
    <>
      <RecordBreadcrumbs listPath="/opportunities" listLabel={t('title')} current={o.name}>
        <Text size="sm">{o.pipeline.name}</Text>
      </RecordBreadcrumbs>
      <RecordPageHeader
        title={o.name}
        badge={
          <>
            <StatusBadge status={o.status} />
            {o.onHold && <Badge color="gray">{tw('stalledAlert.onHold')}</Badge>}
          </>
        }
        subtitle={
          <Group gap="xs">
            <Text fw={600} size="lg" c="var(--mantine-color-text)" data-testid="opportunity-amount">
              {money(o.amount, o.currency)}
            </Text>
            {o.currency !== o.baseCurrency && o.amountBase && <span>≈ {money(o.amountBase, o.baseCurrency)}</span>}
            <span>·</span>
            <span data-testid="opportunity-stage">{o.stage.name}</span>
            <span>· {o.probability} %</span>
            {o.account && (
              <>
                <span>·</span>
                <Anchor component={Link} to={`/accounts/${o.account.id}`} size="sm">
                  {o.account.name}
                </Anchor>
              </>
            )}
          </Group>
        }
        record={o}
        canEdit={canEdit}
        editing={editing}
        actions={<OpportunityActions opportunity={o} stages={stages} onCloseDeal={setClosing} onEdit={() => setEditing(true)} />}
      />
      <RecordNotices deleted={deleted} deletedNotice={t('detail.deleted')} canEdit={canEdit} />
      <StalledAlert opportunity={o} canResolve={writable} onResolve={() => setResolving(true)} />
      <StagePath opportunity={o} stages={stages} />
      <RecordDetailLayout
        main={
          <Stack gap="lg">
            {/* the current stage's exit criteria, next to the stage path: a forward move waits for them */}
            {!deleted && <StageChecklistPanel opportunityId={o.id} canEdit={writable} status={o.status} />}
            <Paper withBorder p="md" shadow="xs">
              {editing ? (
                <OpportunityEditForm key={o.id} opportunity={o} onDone={() => setEditing(false)} />
              ) : (
                <OpportunityOverview opportunity={o} />
              )}
            </Paper>
            {!deleted && (
              <ApprovalPanel opportunityId={o.id} canEdit={writable} status={o.status} currency={o.currency} onChanged={reload} />
            )}
          </Stack>
        }
        side={
          <RecordSidePanels
            type="opportunity"
            id={o.id}
            name={o.name}
            canEdit={writable}
            formatValue={formatValue}
            emails={false}
            plan={false}
            files={false}
          />
        }
      />
      {resolving && <StallResolveModal deal={o} onClose={() => setResolving(false)} />}
      {closing && (
        <CloseDialog
          target={o}
          outcome={closing}
          onClose={() => setClosing(null)}
          onStale={reload}
          onClosed={(saved) => {
            setClosing(null);
            refresh(saved);
          }}
        />
      )}
    </>
  );
}
