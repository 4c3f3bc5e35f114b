import { Button, Group, SegmentedControl, Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLayoutKanban, IconPlus, IconTable } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCanEdit } from '../../app/auth/session.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { usePipelines } from './api.js';
import { BoardView } from './BoardView.js';
import { OpportunityCreateModal } from './OpportunityCreateModal.js';
import { OpportunityFilterBar } from './OpportunityFilterBar.js';
import { OpportunityTable } from './OpportunityTable.js';
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

  useEffect(() => {
    if (pipeline) localStorage.setItem(LAST_PIPELINE, pipeline.id);
  }, [pipeline]);

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <>
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
            filters={filters}
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
