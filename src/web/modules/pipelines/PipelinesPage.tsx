import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  NavLink,
  NumberInput,
  Paper,
  Select,
  Stack,
  TagsInput,
  TextInput,
  Title,
} from '@mantine/core';
import { IconGripVertical, IconPlus, IconStar, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_STAGES,
  type Pipeline,
  pipelineUpdateInput,
  STAGE_KINDS,
  type StageKind,
} from '../../../domain/pipelines/pipeline.schema.js';
import { api, apiRequest, isApiError } from '../../app/api/client.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { AdminOnly } from '../admin/AdminOnly.js';
import { PIPELINES_KEY, usePipelines } from '../opportunities/api.js';
import { StallRulesCard } from '../opportunity-insights/index.js';
import '../opportunities/i18n.js';

type DraftStage = {
  /** Stable key for the list (the stage id, or a temporary one for a new stage). */
  key: string;
  id?: string;
  name: string;
  probability: number;
  kind: StageKind;
  requiresApproval: boolean;
  requiresPlanDone: boolean;
  checklist: string[];
};

type Draft = { name: string; stages: DraftStage[] };

function toDraft(p: Pipeline): Draft {
  return {
    name: p.name,
    stages: p.stages.map((s) => ({
      key: s.id,
      id: s.id,
      name: s.name,
      probability: s.probability,
      kind: s.kind,
      requiresApproval: s.requiresApproval,
      requiresPlanDone: s.requiresPlanDone,
      checklist: s.checklist,
    })),
  };
}

export default function PipelinesPage() {
  return (
    <AdminOnly>
      <Pipelines />
    </AdminOnly>
  );
}

/** Admin: pipelines and their ordered stages. Saving sends the whole ordered list; a stage left out is retired. */
function Pipelines() {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const pipelines = usePipelines();
  const queryClient = useQueryClient();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = pipelines.data ?? [];
  const selected = list.find((p) => p.id === selectedId) ?? list[0];

  const createPipeline = async () => {
    setError(null);
    try {
      const created = await api.post<Pipeline>('/pipelines', {
        name: `${t('pipelines.newName')} ${list.length + 1}`,
        stages: DEFAULT_STAGES,
      });
      await queryClient.invalidateQueries({ queryKey: PIPELINES_KEY });
      setSelectedId(created.id);
    } catch (e) {
      setError(errorMessage(tc, e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('pipelines.title')}
        subtitle={t('pipelines.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => void createPipeline()}>
            {t('pipelines.new')}
          </Button>
        }
      />
      {error && (
        <Alert color="red" mb="md" role="alert">
          {error}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder p="xs">
            {list.map((p) => (
              <NavLink
                key={p.id}
                label={p.name}
                active={p.id === selected?.id}
                onClick={() => setSelectedId(p.id)}
                rightSection={p.isDefault ? <Badge size="xs">{t('pipelines.default')}</Badge> : undefined}
                description={`${p.stages.length} ${t('pipelines.stages').toLowerCase()}`}
              />
            ))}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {selected && <PipelineEditor key={`${selected.id}-${selected.version}`} pipeline={selected} />}
        </Grid.Col>
      </Grid>
      <StallRulesCard pipelines={list} />
    </>
  );
}

function PipelineEditor({ pipeline }: { pipeline: Pipeline }) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(pipeline));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(pipeline));
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const setStage = (key: string, patch: Partial<DraftStage>) =>
    setDraft((d) => ({ ...d, stages: d.stages.map((s) => (s.key === key ? { ...s, ...patch } : s)) }));

  const onDragEnd = (e: DragEndEvent) => {
    if (!e.over || e.active.id === e.over.id) return;
    setDraft((d) => {
      const from = d.stages.findIndex((s) => s.key === e.active.id);
      const to = d.stages.findIndex((s) => s.key === e.over?.id);
      return { ...d, stages: arrayMove(d.stages, from, to) };
    });
  };

  const save = async (extra: { isDefault?: true } = {}) => {
    setError(null);
    const body = {
      ...extra,
      name: draft.name,
      stages: draft.stages.map(({ key: _key, ...s }) => s),
    };
    const check = pipelineUpdateInput.safeParse(body);
    if (!check.success) {
      setError(check.error.issues.map((i) => i.message).join('; '));
      return;
    }
    setSaving(true);
    try {
      await apiRequest<Pipeline>(`/pipelines/${pipeline.id}`, {
        method: 'PATCH',
        body,
        headers: { 'If-Match': `"${pipeline.version}"` },
      });
      notifySuccess(t('pipelines.saved'));
      await queryClient.invalidateQueries({ queryKey: PIPELINES_KEY });
      void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
    } catch (e) {
      if (isApiError(e, 'precondition_failed')) {
        setError(t('pipelines.stale'));
        await queryClient.invalidateQueries({ queryKey: PIPELINES_KEY });
      } else if (isApiError(e) && (e.status === 409 || e.status === 400)) {
        // e.g. "stage Quote still holds 3 deals — move them first"
        setError(e.message);
      } else setError(errorMessage(tc, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="md" shadow="xs">
      <Stack>
        <Group justify="space-between" align="flex-end">
          <TextInput
            label={t('pipelines.name')}
            value={draft.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setDraft((d) => ({ ...d, name }));
            }}
            w={320}
          />
          <Group gap="xs">
            {!pipeline.isDefault && (
              <Button variant="default" leftSection={<IconStar size={14} />} onClick={() => void save({ isDefault: true })}>
                {t('pipelines.makeDefault')}
              </Button>
            )}
            {dirty && <Badge color="orange">{t('pipelines.unsaved')}</Badge>}
            <Button onClick={() => void save()} loading={saving} disabled={!dirty}>
              {t('pipelines.save')}
            </Button>
          </Group>
        </Group>
        {error && (
          <Alert color="red" role="alert" data-testid="pipeline-error">
            {error}
          </Alert>
        )}
        <Title order={5}>{t('pipelines.stages')}</Title>
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={draft.stages.map((s) => s.key)} strategy={verticalListSortingStrategy}>
            <Stack gap="xs">
              {draft.stages.map((s) => (
                <StageRow
                  key={s.key}
                  stage={s}
                  onChange={(patch) => setStage(s.key, patch)}
                  onRemove={() => setDraft((d) => ({ ...d, stages: d.stages.filter((x) => x.key !== s.key) }))}
                />
              ))}
            </Stack>
          </SortableContext>
        </DndContext>
        <Button
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() =>
            setDraft((d) => {
              // New open stages go before the won/lost outcomes.
              const firstClosed = d.stages.findIndex((s) => s.kind !== 'open');
              const at = firstClosed < 0 ? d.stages.length : firstClosed;
              const stage: DraftStage = {
                key: `new-${Date.now()}`,
                name: '',
                probability: 50,
                kind: 'open',
                requiresApproval: false,
                requiresPlanDone: false,
                checklist: [],
              };
              return { ...d, stages: [...d.stages.slice(0, at), stage, ...d.stages.slice(at)] };
            })
          }
        >
          {t('pipelines.addStage')}
        </Button>
      </Stack>
    </Paper>
  );
}

function StageRow({
  stage,
  onChange,
  onRemove,
}: {
  stage: DraftStage;
  onChange: (p: Partial<DraftStage>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('opportunities');
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: stage.key });
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="xs"
      style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 }}
      data-testid="stage-row"
    >
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <ActionIcon variant="subtle" color="gray" aria-label={t('pipelines.dragHandle')} mt={24} {...attributes} {...listeners}>
          <IconGripVertical size={16} />
        </ActionIcon>
        <Stack gap={6} style={{ flex: 1 }}>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label={t('pipelines.stageName')}
              value={stage.name}
              onChange={(e) => onChange({ name: e.currentTarget.value })}
              style={{ flex: 1 }}
              required
            />
            <NumberInput
              label={t('pipelines.probability')}
              value={stage.probability}
              min={0}
              max={100}
              allowDecimal={false}
              onChange={(v) => onChange({ probability: typeof v === 'number' ? v : Number(v) || 0 })}
              w={130}
            />
            <Select
              label={t('pipelines.kind')}
              data={STAGE_KINDS.map((k) => ({ value: k, label: t(`stageKind.${k}`) }))}
              value={stage.kind}
              allowDeselect={false}
              onChange={(v) => onChange({ kind: (v as StageKind) ?? 'open' })}
              w={130}
            />
            <Checkbox
              label={t('pipelines.requiresApproval')}
              checked={stage.requiresApproval}
              onChange={(e) => onChange({ requiresApproval: e.currentTarget.checked })}
              mb={8}
            />
            <Checkbox
              label={t('pipelines.requiresPlanDone')}
              checked={stage.requiresPlanDone}
              onChange={(e) => onChange({ requiresPlanDone: e.currentTarget.checked })}
              mb={8}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`${t('pipelines.retire')}: ${stage.name}`}
              onClick={onRemove}
              mb={4}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
          <TagsInput
            size="xs"
            placeholder={t('pipelines.checklistHint')}
            aria-label={t('pipelines.checklist')}
            value={stage.checklist}
            onChange={(checklist) => onChange({ checklist })}
          />
        </Stack>
      </Group>
    </Paper>
  );
}
