import { Anchor, Badge, Button, Group, NumberInput, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustments, IconDownload, IconPlus, IconSearch, IconTarget } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LEAD_STATUSES } from '../../../domain/leads/lead.lifecycle.js';
import { LEAD_SOURCES, type Lead } from '../../../domain/leads/lead.schema.js';
import { useCanEdit, useCurrentUser } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { ListEmpty } from '../../ui/ListEmpty.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useListParams } from '../../ui/useListParams.js';
import { type Column, VirtualTable } from '../../ui/VirtualTable.js';
import { useUserOptions } from '../users/api.js';
import { INBOX_VIEWS, type InboxView, type LeadFilters, leadExportUrl, useLeadCount, useLeadList } from './api.js';
import { CountdownCell, useNow } from './FirstContactCountdown.js';
import { LeadCreateModal } from './LeadCreateModal.js';
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
  const navigate = useNavigate();
  const me = useCurrentUser();
  const canEdit = useCanEdit();
  const list = useListParams('-createdAt');
  const [, setParams] = useSearchParams();
  const owners = useUserOptions();
  const now = useNow();
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
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
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);
  const hasFilters = Boolean(base.status || base.source || base.ownerId || base.minScore != null || base.q);

  const columns: Column<Lead>[] = [
    {
      key: 'name',
      header: t('fields.name'),
      width: '20%',
      render: (l) => (
        <Anchor component={Link} to={`/leads/${l.id}`} fw={600} c="dark" underline="hover">
          {l.name}
        </Anchor>
      ),
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

  const empty = hasFilters ? (
    <ListEmpty
      icon={<IconSearch size={28} />}
      title={t('leads.noMatches')}
      action={
        <Button
          variant="default"
          onClick={() => {
            // Clears the filters but stays in the same view tab.
            list.setSearch('');
            setParams(viewParam ? { view: viewParam } : {}, { replace: true });
          }}
        >
          {t('common.clearFilters')}
        </Button>
      }
    />
  ) : (
    <ListEmpty
      icon={<IconTarget size={28} />}
      title={t(`leads.emptyView.${view}`)}
      description={view === 'all' ? t('leads.emptyHint') : undefined}
      action={canEdit && view === 'all' && <Button onClick={openCreate}>{t('leads.new')}</Button>}
    />
  );

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
            {canEdit && (
              <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
                {t('leads.new')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="sm" mb="md">
        <Tabs value={view} onChange={(v) => list.set('view', v === defaultView ? null : v)} variant="pills" radius="md">
          <Tabs.List aria-label={t('leads.viewsLabel')}>
            {INBOX_VIEWS.map((v) => (
              <ViewTab key={v} view={v} filters={base} />
            ))}
          </Tabs.List>
        </Tabs>
        <Group gap="sm" wrap="wrap">
          <TextInput
            aria-label={t('common.search')}
            placeholder={t('leads.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={list.search}
            onChange={(e) => list.setSearch(e.currentTarget.value)}
            w={230}
            type="search"
          />
          <Select
            aria-label={t('fields.status')}
            placeholder={t('leads.anyStatus')}
            data={LEAD_STATUSES.map((v) => ({ value: v, label: t(`leads.status.${v}`) }))}
            value={base.status}
            onChange={(v) => list.set('status', v)}
            clearable
            w={145}
          />
          <Select
            aria-label={t('fields.source')}
            placeholder={t('leads.anySource')}
            data={LEAD_SOURCES.map((v) => ({ value: v, label: t(`leads.source.${v}`) }))}
            value={base.source}
            onChange={(v) => list.set('source', v)}
            clearable
            w={145}
          />
          <Select
            aria-label={t('fields.ownerId')}
            placeholder={t('leads.anyOwner')}
            data={owners}
            value={base.ownerId}
            onChange={(v) => list.set('owner', v)}
            clearable
            searchable
            w={175}
          />
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
        </Group>
      </Stack>
      <VirtualTable<Lead>
        label={t('leads.title')}
        columns={columns}
        rows={rows}
        rowKey={(l) => l.id}
        sort={filters.sort}
        onSortChange={(s) => list.set('sort', s)}
        onRowClick={(l) => navigate(`/leads/${l.id}`)}
        isLoading={query.isPending}
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={() => void query.fetchNextPage()}
        empty={empty}
        height="calc(100vh - 290px)"
      />
      {creating && (
        <LeadCreateModal
          opened={creating}
          onClose={closeCreate}
          onCreated={(l) => {
            closeCreate();
            navigate(`/leads/${l.id}`);
          }}
        />
      )}
      {weightsOpen && <ScoreWeightsModal opened={weightsOpen} onClose={closeWeights} />}
    </>
  );
}

function ViewTab({ view, filters }: { view: InboxView; filters: Omit<LeadFilters, 'sort' | 'view'> }) {
  const { t } = useTranslation();
  const count = useLeadCount({ ...filters, view });
  const alert = view === 'sla_breached' && (count.data ?? 0) > 0;
  return (
    <Tabs.Tab
      value={view}
      rightSection={
        <Badge size="sm" variant={alert ? 'filled' : 'light'} color={alert ? 'red' : 'gray'} circle={false} miw={24}>
          {count.data ?? '·'}
        </Badge>
      }
    >
      {t(`leads.views.${view}`)}
    </Tabs.Tab>
  );
}
