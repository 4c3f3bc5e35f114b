import { Button, Group, SegmentedControl, Select, Switch } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLayoutKanban, IconPlus, IconTable } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useCanEdit, useCurrentUser } from '../../app/auth/session.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { SavedViewsMenu } from '../opportunity-insights/index.js';
import '../opportunity-insights/workflows.i18n.js';
import { usePipelines } from './api.js';
import { BoardView } from './BoardView.js';
import { OpportunityCreateModal } from './OpportunityCreateModal.js';
import { OpportunityFilterBar } from './OpportunityFilterBar.js';
import { currentColumns, OpportunityTable } from './OpportunityTable.js';
import { useOpportunityFilters } from './useOpportunityFilters.js';
import './i18n.js';

const LAST_PIPELINE = 'stride.opportunities.pipeline';

/** `/opportunities`: the board of one pipeline by default, `?view=table` for the table; filters in the URL. */
export default function OpportunitiesPage() {
  const { t } = useTranslation('opportunities');
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const { params, filters } = useOpportunityFilters();
  const pipelines = usePipelines();
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const view = params.get('view') === 'table' ? 'table' : 'board';
  const list = pipelines.data ?? [];
  const requested = params.get('pipeline') || localStorage.getItem(LAST_PIPELINE) || '';
  const pipeline = list.find((p) => p.id === requested) ?? list.find((p) => p.isDefault) ?? list[0];
  const { t: tw } = useTranslation('opportunityWorkflows');
  const me = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  // the stalled filter exists on the list endpoint only (the board has no such filter): table only
  const stalledOnly = params.get('stalled') === 'true';
  const tableFilters = useMemo(() => (stalledOnly ? { ...filters, stalled: 'true' } : filters), [filters, stalledOnly]);
  const currentView = () => {
    const f: Record<string, string> = {};
    for (const [k, v] of searchParams) if (!['view', 'sort', 'cols'].includes(k) && v) f[k] = v;
    return { filters: f, columns: view === 'table' ? currentColumns(me.id) : [], sort: view === 'table' ? params.sort : null };
  };

  useEffect(() => {
    if (pipeline) localStorage.setItem(LAST_PIPELINE, pipeline.id);
  }, [pipeline]);

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <>
            {view === 'table' && (
              <Switch
                label={tw('stalledFilter')}
                checked={stalledOnly}
                onChange={(e) => params.set('stalled', e.currentTarget.checked ? 'true' : null)}
              />
            )}
            <SavedViewsMenu
              resource="opportunities"
              view={view}
              current={currentView}
              onApply={(v) => {
                const next = new URLSearchParams();
                for (const [k, value] of Object.entries(v.filters)) {
                  if (value === null || value === undefined || value === '') continue;
                  next.set(k, Array.isArray(value) ? value.join(',') : String(value));
                }
                if (v.view === 'table') next.set('view', 'table');
                if (v.sort) next.set('sort', v.sort);
                if (v.columns.length) next.set('cols', v.columns.join(','));
                params.setSearch(next.get('q') ?? '');
                setSearchParams(next, { replace: true });
              }}
            />
            <Select
              aria-label={t('pipeline')}
              data={list.map((p) => ({ value: p.id, label: p.name }))}
              value={pipeline?.id ?? null}
              onChange={(v) => params.set('pipeline', v)}
              allowDeselect={false}
              w={200}
            />
            <SegmentedControl
              aria-label={t('board')}
              value={view}
              onChange={(v) => params.set('view', v === 'table' ? 'table' : null)}
              data={[
                {
                  value: 'board',
                  label: (
                    <Group gap={4} wrap="nowrap">
                      <IconLayoutKanban size={14} />
                      {t('board')}
                    </Group>
                  ),
                },
                {
                  value: 'table',
                  label: (
                    <Group gap={4} wrap="nowrap">
                      <IconTable size={14} />
                      {t('table')}
                    </Group>
                  ),
                },
              ]}
            />
            {canEdit && (
              <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
                {t('new')}
              </Button>
            )}
          </>
        }
      />
      <OpportunityFilterBar params={params} />
      {pipeline &&
        (view === 'board' ? (
          <BoardView pipelineId={pipeline.id} filters={filters} />
        ) : (
          <OpportunityTable
            pipelineId={pipeline.id}
            filters={tableFilters}
            sort={params.sort}
            onSortChange={(s) => params.set('sort', s)}
          />
        ))}
      {creating && (
        <OpportunityCreateModal
          onClose={closeCreate}
          defaults={{ pipelineId: pipeline?.id }}
          onCreated={(o) => navigate(`/opportunities/${o.id}`)}
        />
      )}
    </>
  );
}
