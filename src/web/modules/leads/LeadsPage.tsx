import { Button, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustments, IconDownload, IconTarget } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LEAD_STATUSES } from '../../../domain/leads/lead.lifecycle.js';
import { LEAD_SOURCES, type Lead } from '../../../domain/leads/lead.schema.js';
import { useCanEdit, useCurrentUser } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { RecordNameLink } from '../../ui/records/fieldLinks.js';
import { ListParamSelect, OwnerFilter, RecordFilterBar } from '../../ui/records/ListFilters.js';
import { NewRecordButton } from '../../ui/records/listActions.js';
import { RecordListEmpty } from '../../ui/records/RecordListEmpty.js';
import { RecordTable } from '../../ui/records/RecordTable.js';
import { useCreateAndOpen } from '../../ui/records/useCreateAndOpen.js';
import { useRecordRows } from '../../ui/records/useRecordRows.js';
import { useListParams } from '../../ui/useListParams.js';
import type { Column } from '../../ui/VirtualTable.js';
import { INBOX_VIEWS, type InboxView, type LeadFilters, leadExportUrl, useLeadList } from './api.js';
import { CountdownCell, useNow } from './FirstContactCountdown.js';
import { LeadCreateModal } from './LeadCreateModal.js';
import { LeadInboxTabs } from './LeadInboxTabs.js';
import { LeadStatusBadge, ScoreBadge } from './leadLabels.js';
import { ScoreWeightsModal } from './ScoreWeightsModal.js';

const SORTS = [
  { value: '-createdAt', key: 'newest' },
  { value: '-score', key: 'score' },
  { value: 'firstContactDueAt', key: 'due' },
] as const;

function isView(v: string): v is InboxView {
  return (INBOX_VIEWS as readonly string[]).includes(v);
}

export default function LeadsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useCurrentUser();
  const canEdit = useCanEdit();
  const list = useListParams('-createdAt');
  const [, setParams] = useSearchParams();
  const now = useNow();
  const create = useCreateAndOpen('/leads');
  const [weightsOpen, { open: openWeights, close: closeWeights }] = useDisclosure(false);

  // An SDR lives in "My leads"; managers and marketing start with everything they may see.
  const defaultView: InboxView = me.role === 'sdr' || me.role === 'account_manager' ? 'mine' : 'all';
  const viewParam = list.get('view');
  const view: InboxView = isView(viewParam) ? viewParam : defaultView;
  const minScore = Number.parseInt(list.get('minScore'), 10);
  const base = {
    status: list.get('status') || null,
    source: list.get('source') || null,
    ownerId: list.get('owner') || null,
    minScore: Number.isFinite(minScore) ? minScore : null,
    q: list.q || undefined,
  };
  const filters: LeadFilters = { ...base, view, sort: list.sort };
  const query = useLeadList(filters);
  const rows = useRecordRows(query);
  const hasFilters = Boolean(base.status || base.source || base.ownerId || base.minScore != null || base.q);

  const columns: Column<Lead>[] = [
    {
      key: 'name',
      header: t('fields.name'),
      width: '20%',
      render: (l) => <RecordNameLink to={`/leads/${l.id}`}>{l.name}</RecordNameLink>,
    },
    { key: 'company', header: t('fields.company'), width: '18%', render: (l) => l.company ?? '' },
    { key: 'status', header: t('fields.status'), width: 130, render: (l) => <LeadStatusBadge status={l.status} size="sm" /> },
    { key: 'source', header: t('fields.source'), width: 145, render: (l) => t(`leads.source.${l.source}`) },
    {
      key: 'score',
      header: t('fields.score'),
      sortField: 'score',
      width: 90,
      render: (l) => <ScoreBadge score={l.score} size="sm" />,
    },
    {
      key: 'owner',
      header: t('fields.ownerId'),
      width: 160,
      render: (l) =>
        l.owner?.name ?? (
          <Text size="sm" c="dimmed" span>
            {t('leads.unassigned')}
          </Text>
        ),
    },
    {
      key: 'due',
      header: t('leads.firstContact'),
      sortField: 'firstContactDueAt',
      width: 150,
      render: (l) => <CountdownCell lead={l} now={now} />,
    },
    { key: 'createdAt', header: t('fields.createdAt'), sortField: 'createdAt', width: 130, render: (l) => fmt.date(l.createdAt) },
  ];

  return (
    <>
      <PageHeader
        title={t('leads.title')}
        subtitle={query.data ? t('common.rows', { count: rows.length }) + (query.hasNextPage ? '+' : '') : ' '}
        actions={
          <>
            {me.role === 'admin' && (
              <Button variant="default" leftSection={<IconAdjustments size={16} />} onClick={openWeights}>
                {t('leads.weights.open')}
              </Button>
            )}
            <Button
              component="a"
              href={leadExportUrl(filters)}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              {t('leads.export')}
            </Button>
            {canEdit && <NewRecordButton label={t('leads.new')} onClick={create.open} />}
          </>
        }
      />
      <Stack gap="sm" mb="md">
        <LeadInboxTabs view={view} onChange={(v) => list.set('view', v === defaultView ? null : v)} filters={base} />
        <RecordFilterBar list={list} searchPlaceholder={t('leads.searchPlaceholder')} searchWidth={230} mb={0}>
          <ListParamSelect
            list={list}
            param="status"
            label={t('fields.status')}
            placeholder={t('leads.anyStatus')}
            data={LEAD_STATUSES.map((v) => ({ value: v, label: t(`leads.status.${v}`) }))}
            w={145}
          />
          <ListParamSelect
            list={list}
            param="source"
            label={t('fields.source')}
            placeholder={t('leads.anySource')}
            data={LEAD_SOURCES.map((v) => ({ value: v, label: t(`leads.source.${v}`) }))}
            w={145}
          />
          <OwnerFilter list={list} placeholder={t('leads.anyOwner')} w={175} />
          <NumberInput
            aria-label={t('leads.minScore')}
            placeholder={t('leads.minScore')}
            min={0}
            max={100}
            step={10}
            allowDecimal={false}
            value={base.minScore ?? ''}
            onChange={(v) => list.set('minScore', v === '' ? null : String(v))}
            w={115}
          />
          <Select
            ml="auto"
            aria-label={t('leads.sort.label')}
            leftSection={
              <Text size="xs" c="dimmed" pl={6}>
                {t('leads.sort.label')}
              </Text>
            }
            leftSectionWidth={70}
            data={SORTS.map((s) => ({ value: s.value, label: t(`leads.sort.${s.key}`) }))}
            value={SORTS.some((s) => s.value === list.sort) ? list.sort : null}
            placeholder={t('leads.sort.custom')}
            onChange={(v) => list.set('sort', v === '-createdAt' ? null : v)}
            allowDeselect={false}
            w={225}
          />
        </RecordFilterBar>
      </Stack>
      <RecordTable<Lead>
        label={t('leads.title')}
        columns={columns}
        rows={rows}
        query={query}
        sort={filters.sort}
        onSortChange={(s) => list.set('sort', s)}
        rowHref={(l) => `/leads/${l.id}`}
        empty={
          <RecordListEmpty
            filtered={hasFilters}
            noMatchesTitle={t('leads.noMatches')}
            onClearFilters={() => {
              // Clears the filters but stays in the same view tab.
              list.setSearch('');
              setParams(viewParam ? { view: viewParam } : {}, { replace: true });
            }}
            icon={<IconTarget size={28} />}
            title={t(`leads.emptyView.${view}`)}
            description={view === 'all' ? t('leads.emptyHint') : undefined}
            action={canEdit && view === 'all' && <Button onClick={create.open}>{t('leads.new')}</Button>}
          />
        }
        height="calc(100vh - 290px)"
      />
      {create.opened && <LeadCreateModal opened={create.opened} onClose={create.close} onCreated={create.onCreated} />}
      {weightsOpen && <ScoreWeightsModal opened={weightsOpen} onClose={closeWeights} />}
    </>
  );
}
