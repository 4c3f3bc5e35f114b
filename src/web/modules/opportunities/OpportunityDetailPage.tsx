import { Alert, Anchor, Badge, Breadcrumbs, Button, Grid, Group, Menu, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowRight,
  IconChevronDown,
  IconEdit,
  IconHourglassLow,
  IconInfoCircle,
  IconRotateClockwise,
  IconThumbDown,
  IconTrophy,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import { isApiError } from '../../app/api/client.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { FieldList } from '../../ui/FieldList.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { RecordError, RecordLoading } from '../../ui/RecordState.js';
import { Stream } from '../../ui/Stream.js';
import { RecordActivities } from '../activities/RecordActivities.js';
import { ApprovalPanel, StallResolveModal } from '../opportunity-insights/index.js';
import '../opportunity-insights/workflows.i18n.js';
import {
  opportunityKeys,
  reopenOpportunity,
  updateOpportunity,
  useOpportunity,
  usePipelines,
  useRefreshOpportunity,
} from './api.js';
import { CloseDialog } from './CloseDialog.js';
import { StatusBadge } from './labels.js';
import { useMoney } from './money.js';
import { OpportunityEditForm } from './OpportunityEditForm.js';
import { refusalMessage } from './refusal.js';
import { StageChecklistPanel } from './StageChecklistPanel.js';
import { StagePath } from './StagePath.js';
import { useOpportunityValueFormatter } from './useOpportunityValueFormatter.js';
import './i18n.js';

export default function OpportunityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const canEdit = useCanEdit();
  const opportunity = useOpportunity(id);
  const formatValue = useOpportunityValueFormatter(opportunity.data);
  const pipelines = usePipelines();
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState<'won' | 'lost' | null>(null);
  const [resolving, setResolving] = useState(false);
  const { t: tw } = useTranslation('opportunityWorkflows');
  const refresh = useRefreshOpportunity();
  const queryClient = useQueryClient();
  const money = useMoney();

  if (opportunity.isPending) return <RecordLoading />;
  if (opportunity.isError) return <RecordError error={opportunity.error} backTo="/opportunities" backLabel={t('title')} />;
  const o = opportunity.data;
  const deleted = o.deletedAt !== null;
  const stages = pipelines.data?.find((p) => p.id === o.pipelineId)?.stages ?? [];
  const writable = canEdit && !deleted;

  const onStale = () => {
    notifyError(tc, new Error(t('move.stale')));
    void queryClient.invalidateQueries({ queryKey: opportunityKeys.detail(o.id) });
  };
  const moveTo = async (stageId: string) => {
    try {
      const saved = await updateOpportunity(o.id, { stageId }, o.version);
      refresh(saved);
      notifySuccess(t('move.moved', { name: o.name, stage: saved.stage.name }));
    } catch (e) {
      if (isApiError(e, 'precondition_failed')) onStale();
      // a gate (approval, activity plan, stage checklist) refused it: say what is missing in the user's language
      else if (isApiError(e) && e.status === 422)
        notifications.show({ color: 'red', title: o.name, message: t('move.refused', { message: refusalMessage(t, e) }) });
      else notifyError(tc, e);
    }
  };
  const reopen = async () => {
    try {
      const saved = await reopenOpportunity(o.id, o.version);
      refresh(saved);
      notifySuccess(t('detail.reopened'));
    } catch (e) {
      if (isApiError(e, 'precondition_failed')) onStale();
      else notifyError(tc, e);
    }
  };

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/opportunities" size="sm">
          {t('title')}
        </Anchor>
        <Text size="sm">{o.pipeline.name}</Text>
        <Text size="sm">{o.name}</Text>
      </Breadcrumbs>
      <PageHeader
        title={o.name}
        badge={
          <>
            <StatusBadge status={o.status} />
            {o.onHold && <Badge color="gray">{tw('stalledAlert.onHold')}</Badge>}
            {deleted && <Badge color="red">{tc('common.deletedBadge')}</Badge>}
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
        actions={
          writable &&
          !editing && (
            <>
              {o.status === 'open' && (
                <>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                        {t('detail.moveStage')}
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {stages
                        .filter((s) => s.kind === 'open')
                        .map((s) => (
                          <Menu.Item
                            key={s.id}
                            disabled={s.id === o.stageId}
                            leftSection={<IconArrowRight size={14} />}
                            onClick={() => void moveTo(s.id)}
                          >
                            {s.name} ({s.probability} %)
                          </Menu.Item>
                        ))}
                    </Menu.Dropdown>
                  </Menu>
                  <Button color="teal" variant="light" leftSection={<IconTrophy size={16} />} onClick={() => setClosing('won')}>
                    {t('detail.closeWon')}
                  </Button>
                  <Button
                    color="red"
                    variant="light"
                    leftSection={<IconThumbDown size={16} />}
                    onClick={() => setClosing('lost')}
                  >
                    {t('detail.closeLost')}
                  </Button>
                </>
              )}
              {o.status === 'lost' && (
                <Button variant="default" leftSection={<IconRotateClockwise size={16} />} onClick={() => void reopen()}>
                  {t('detail.reopen')}
                </Button>
              )}
              <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
                {tc('common.edit')}
              </Button>
            </>
          )
        }
      />
      {deleted && (
        <Alert color="red" variant="light" mb="md">
          {t('detail.deleted')}
        </Alert>
      )}
      {!canEdit && (
        <Alert color="gray" variant="light" mb="md" icon={<IconInfoCircle size={16} />}>
          {tc('common.readOnly')}
        </Alert>
      )}
      {o.status === 'open' && o.stalled && (
        <Alert
          color="orange"
          variant="light"
          mb="md"
          icon={<IconHourglassLow size={16} />}
          title={tw('stalledAlert.title', {
            reason: o.stalledReason ? tc(`opportunityInsights:stalled.reasons.${o.stalledReason}`) : '',
          })}
          data-testid="stalled-alert"
        >
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{tw('stalledAlert.body')}</Text>
            {writable && (
              <Button size="xs" variant="light" color="orange" onClick={() => setResolving(true)}>
                {tc('opportunityInsights:stalled.resolve')}
              </Button>
            )}
          </Group>
        </Alert>
      )}
      <StagePath opportunity={o} stages={stages} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            {/* the current stage's exit criteria, next to the stage path: a forward move waits for them */}
            {!deleted && <StageChecklistPanel opportunityId={o.id} canEdit={writable} status={o.status} />}
            <Paper withBorder p="md" shadow="xs">
              {editing ? (
                <OpportunityEditForm key={`${o.id}-${o.version}`} opportunity={o} onDone={() => setEditing(false)} />
              ) : (
                <OpportunityOverview opportunity={o} />
              )}
            </Paper>
            {!deleted && (
              <ApprovalPanel
                opportunityId={o.id}
                canEdit={writable}
                status={o.status}
                currency={o.currency}
                onChanged={() => void queryClient.invalidateQueries({ queryKey: opportunityKeys.detail(o.id) })}
              />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <RecordActivities related={{ type: 'opportunity', id: o.id, name: o.name }} canEdit={writable} />
            <Stream resource="opportunities" id={o.id} canPost={writable} formatValue={formatValue} />
          </Stack>
        </Grid.Col>
      </Grid>
      {resolving && <StallResolveModal deal={o} onClose={() => setResolving(false)} />}
      {closing && (
        <CloseDialog
          target={o}
          outcome={closing}
          onClose={() => setClosing(null)}
          onStale={() => void queryClient.invalidateQueries({ queryKey: opportunityKeys.detail(o.id) })}
          onClosed={(saved) => {
            setClosing(null);
            refresh(saved);
          }}
        />
      )}
    </>
  );
}

function OpportunityOverview({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation('opportunities');
  const fmt = useFormat();
  const money = useMoney();
  return (
    <Stack>
      <Title order={5}>{t('detail.fields')}</Title>
      <FieldList
        items={[
          {
            label: t('fields.account'),
            value: o.account && (
              <Anchor component={Link} to={`/accounts/${o.account.id}`} size="sm">
                {o.account.name}
              </Anchor>
            ),
          },
          {
            label: t('fields.primaryContact'),
            value: o.primaryContact && (
              <Anchor component={Link} to={`/contacts/${o.primaryContact.id}`} size="sm">
                {o.primaryContact.name}
              </Anchor>
            ),
          },
          { label: t('fields.pipeline'), value: `${o.pipeline.name} · ${o.stage.name}` },
          { label: t('fields.amount'), value: money(o.amount, o.currency) },
          {
            label: t('fields.probability'),
            value: `${o.probability} % (${o.probabilityOverridden ? t('detail.probabilityOverridden') : t('detail.probabilityDefault')})`,
          },
          { label: t('fields.expectedCloseDate'), value: fmt.date(o.expectedCloseDate) },
          { label: t('fields.forecastCategory'), value: t(`forecast.${o.forecastCategory}`) },
          { label: t('fields.owner'), value: o.owner?.name },
          { label: t('fields.daysInStage'), value: fmt.number(o.daysInStage) },
          { label: t('fields.source'), value: o.source ? t(`forms:sources.${o.source}`, { defaultValue: o.source }) : null },
          ...(o.status !== 'open'
            ? [
                { label: t('fields.closedAt'), value: fmt.dateTime(o.closedAt) },
                ...(o.lostReason ? [{ label: t('fields.lostReason'), value: t(`lostReason.${o.lostReason}`) }] : []),
                { label: t('fields.closeNote'), value: o.closeNote, span: 'full' as const },
              ]
            : []),
          { label: t('fields.nextStep'), value: o.nextStep, span: 'full' },
          { label: t('fields.description'), value: o.description, span: 'full' },
        ]}
      />
      {o.leadId && (
        <Anchor component={Link} to={`/leads/${o.leadId}`} size="sm">
          {t('detail.fromLead')}
        </Anchor>
      )}
      <Title order={5} mt="sm">
        {t('detail.contacts')}
      </Title>
      {o.contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('detail.noContacts')}
        </Text>
      ) : (
        <Table aria-label={t('detail.contacts')} verticalSpacing="xs">
          <Table.Tbody>
            {o.contacts.map((c) => (
              <Table.Tr key={c.contactId}>
                <Table.Td>
                  <Anchor component={Link} to={`/contacts/${c.contactId}`} size="sm">
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color="gray">
                    {t(`contactRole.${c.role}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
