import { Button, Group, SegmentedControl, Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLayoutKanban, IconPlus, IconTable } from '@tabler/icons-react';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SavedView } from '../../../domain/opportunities/saved-views.schema.js';
import { useCanEdit, useCurrentUser } from '../../app/auth/session.js';
import { PageHeader } from '../../ui/PageHeader.js';
// straight from the file: the module's index also pulls in the stalled-deals page
import { SavedViewsMenu, type ViewSettings } from '../opportunity-insights/SavedViewsMenu.js';
import { usePipelines } from './api.js';
import { BoardView } from './BoardView.js';
import { OpportunityFilterBar } from './OpportunityFilterBar.js';
import { OpportunityTable, tableColumns } from './OpportunityTable.js';
import { SAVED_VIEW_PARAM, useOpportunityFilters, VIEW_FILTER_KEYS } from './useOpportunityFilters.js';
import './i18n.js';

const LAST_PIPELINE = 'stride.opportunities.pipeline';
/** Loaded on the first click on "New": the form is not needed to show the board. */
const OpportunityCreateModal = lazy(() =>
  import('./OpportunityCreateModal.js').then((m) => ({ default: m.OpportunityCreateModal })),
);

/**
 * `/opportunities`: the board of one pipeline by default, `?view=table` for the table; filters, sort, columns and
 * the saved view in use are in the URL.
 */
export default function OpportunitiesPage() {
  const { t } = useTranslation('opportunities');
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const { params, filters, update } = useOpportunityFilters();
  const pipelines = usePipelines();
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const view = params.get('view') === 'table' ? 'table' : 'board';
  const list = pipelines.data ?? [];
  const requested = params.get('pipeline') || localStorage.getItem(LAST_PIPELINE) || '';
  const pipeline = list.find((p) => p.id === requested) ?? list.find((p) => p.isDefault) ?? list[0];
  // The board can start loading the remembered pipeline before the pipeline list is in (one round trip less).
  const boardPipelineId = pipeline?.id ?? (pipelines.isPending && requested ? requested : undefined);
  const me = useCurrentUser();
  const activeView = params.get(SAVED_VIEW_PARAM) || null;

  /** What "save view" keeps: the pipeline and filters; on the table also its columns and sort. */
  const currentView = (): ViewSettings => {
    const f: Record<string, string> = {};
    for (const k of VIEW_FILTER_KEYS) {
      // the search box is debounced into the URL: take what is typed
      const v = k === 'q' ? params.search.trim() : k === 'pipeline' ? (pipeline?.id ?? '') : params.get(k);
      if (v) f[k] = v;
    }
    return view === 'table'
      ? { filters: f, columns: tableColumns(me.id, params.get('cols')), sort: params.sort }
      : { filters: f, columns: [], sort: null };
  };

  /** A saved view replaces the page's state: its view (board or table), filters, and on the table columns and sort. */
  const applyView = (v: SavedView) => {
    const next: Record<string, string | null> = { [SAVED_VIEW_PARAM]: v.id };
    for (const k of VIEW_FILTER_KEYS) {
      const value = v.filters[k];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') next[k] = String(value);
      else if (Array.isArray(value)) next[k] = value.join(',');
    }
    if (v.view === 'table') {
      next.view = 'table';
      next.sort = v.sort;
      next.cols = v.columns.length ? v.columns.join(',') : null;
    }
    params.setSearch(next.q ?? '');
    update(next, true);
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
            <SavedViewsMenu
              resource="opportunities"
              view={view}
              current={currentView}
              onApply={applyView}
              activeId={activeView}
              onActiveChange={(id) => params.set(SAVED_VIEW_PARAM, id)}
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
      <OpportunityFilterBar params={params} update={update} />
      {view === 'board' && boardPipelineId && <BoardView pipelineId={boardPipelineId} filters={filters} />}
      {view === 'table' && pipeline && (
        <OpportunityTable
          pipelineId={pipeline.id}
          filters={filters}
          sort={params.sort}
          onSortChange={(s) => params.set('sort', s)}
          cols={params.get('cols')}
          onColumnsChange={(cols) => params.set('cols', cols)}
        />
      )}
      {creating && (
        <Suspense fallback={null}>
          <OpportunityCreateModal
            onClose={closeCreate}
            defaults={{ pipelineId: pipeline?.id }}
            onCreated={(o) => navigate(`/opportunities/${o.id}`)}
          />
        </Suspense>
      )}
    </>
  );
}
