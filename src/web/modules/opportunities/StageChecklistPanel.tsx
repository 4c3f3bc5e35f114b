import { Badge, Checkbox, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconListCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChecklistItem, StageChecklist } from '../../../domain/opportunities/checklist.schema.js';
import { api, apiRequest, isApiError } from '../../app/api/client.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError } from '../../app/notify.js';
import { opportunityKeys, PIPELINES_KEY } from './api.js';
import './i18n.js';

/** Under `['opportunities', …]`, so every refresh of the deal (a stage move, an edit) refreshes it too. */
const checklistKey = (id: string) => ['opportunities', 'checklist', id] as const;

function useStageChecklist(opportunityId: string) {
  return useQuery({
    queryKey: checklistKey(opportunityId),
    queryFn: () => api.get<StageChecklist>(`/opportunities/${opportunityId}/checklist`),
  });
}

function useTickItem(opportunityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ item, done, version }: { item: ChecklistItem; done: boolean; version: number }) =>
      (
        await apiRequest<StageChecklist>(`/opportunities/${opportunityId}/checklist/${item.index}`, {
          method: 'PUT',
          body: { done, item: item.item },
          headers: { 'If-Match': `"${version}"` },
        })
      ).data,
    onSuccess: (saved) => {
      queryClient.setQueryData(checklistKey(opportunityId), saved);
      // the deal's version moved on: its page (If-Match of the next edit), the board and lists, its Stream
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.all, predicate: (q) => q.queryKey[1] !== 'checklist' });
      void queryClient.invalidateQueries({ queryKey: ['stream', 'opportunities', opportunityId] });
    },
  });
}

/**
 * The checklist of the deal's current stage (decision 019): the stage's exit criteria as checkboxes with who
 * ticked them and when, and the progress. The server refuses a forward move (or close as won) while items are
 * open; this panel is where they get ticked. Hidden when the stage has no checklist.
 */
export function StageChecklistPanel({
  opportunityId,
  canEdit,
  status,
}: {
  opportunityId: string;
  /** The user may change the deal (the server checks again: 403 otherwise). */
  canEdit: boolean;
  status: 'open' | 'won' | 'lost';
}) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const checklist = useStageChecklist(opportunityId);
  const tickItem = useTickItem(opportunityId);
  const c = checklist.data;
  if (!c || c.total === 0) return null;

  const complete = c.done === c.total;
  const gates = status === 'open' && c.stage.kind === 'open';
  const pendingIndex = tickItem.isPending ? tickItem.variables?.item.index : undefined;
  const reload = () => void queryClient.invalidateQueries({ queryKey: opportunityKeys.all });
  const onTick = (item: ChecklistItem, done: boolean) =>
    tickItem.mutate(
      { item, done, version: c.version },
      {
        onError: (e) => {
          if (isApiError(e, 'precondition_failed')) {
            notifications.show({ color: 'orange', message: t('checklist.stale') });
            reload();
          } else if (isApiError(e, 'conflict')) {
            notifications.show({ color: 'orange', message: t('checklist.changed') });
            reload();
            void queryClient.invalidateQueries({ queryKey: PIPELINES_KEY });
          } else notifyError(tc, e);
        },
      },
    );

  return (
    <Paper withBorder p="md" shadow="xs" component="section" aria-label={t('checklist.title', { stage: c.stage.name })}>
      <Stack gap="sm" data-testid="stage-checklist">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <IconListCheck size={18} aria-hidden />
            <Title order={5}>{t('checklist.title', { stage: c.stage.name })}</Title>
          </Group>
          <Badge
            variant="light"
            color={complete ? 'teal' : 'gray'}
            aria-label={t('checklist.progressLabel', { done: c.done, total: c.total })}
            data-testid="stage-checklist-progress"
          >
            {t('checklist.progress', { done: c.done, total: c.total })}
          </Badge>
        </Group>
        <Progress
          value={(c.done / c.total) * 100}
          color={complete ? 'teal' : 'blue'}
          size="sm"
          aria-label={t('checklist.progressLabel', { done: c.done, total: c.total })}
        />
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {c.items.map((item) => (
            <li key={item.index}>
              <Checkbox
                checked={item.done}
                disabled={!canEdit || pendingIndex !== undefined}
                onChange={(e) => onTick(item, e.currentTarget.checked)}
                label={item.item}
                description={
                  item.done && item.doneAt
                    ? t('checklist.doneBy', { who: item.doneBy?.name ?? '—', when: fmt.dateTime(item.doneAt) })
                    : undefined
                }
                data-testid="stage-checklist-item"
              />
            </li>
          ))}
        </Stack>
        {gates && (
          <Text size="sm" c={complete ? 'teal' : 'dimmed'}>
            {complete ? t('checklist.complete') : t('checklist.hint')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
