import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { Alert, Group, Skeleton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api/client.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { type Card, type OpportunityFilters, opportunityKeys, updateOpportunity, useBoard } from './api.js';
import { BoardCardView } from './BoardCard.js';
import { BoardColumn, type PendingMove } from './BoardColumn.js';
import { CloseDialog } from './CloseDialog.js';
import { refusalMessage } from './refusal.js';
import './i18n.js';

const NO_MOVES: PendingMove[] = [];

/**
 * The kanban of one pipeline. A drop moves the card at once (optimistic), then PATCHes `stageId` with the card's
 * version; a 412 (someone changed the deal) or 422 (gate, closed deal) puts it back with the reason. Dropping on
 * the won/lost column asks for the outcome details instead of moving.
 */
export function BoardView({ pipelineId, filters }: { pipelineId: string; filters: OpportunityFilters }) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const board = useBoard(pipelineId, filters);
  const [pending, setPending] = useState<PendingMove[]>([]);
  const [active, setActive] = useState<Card | null>(null);
  const [closing, setClosing] = useState<{ card: Card; outcome: 'won' | 'lost' } | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));

  const refreshBoard = useCallback(
    () => queryClient.invalidateQueries({ queryKey: ['opportunities', 'board', pipelineId] }),
    [queryClient, pipelineId],
  );
  /**
   * After a move only the board (totals, first pages) and the further pages of the two columns involved change:
   * refetching every loaded page of every column made each drop cost dozens of requests with thousands of cards.
   */
  const refreshAfterMove = useCallback(
    (from: string, to: string) =>
      queryClient.invalidateQueries({
        queryKey: ['opportunities', 'board', pipelineId],
        predicate: (q) => q.queryKey[4] !== 'column' || q.queryKey[5] === from || q.queryKey[5] === to,
      }),
    [queryClient, pipelineId],
  );

  const move = useCallback(
    async (card: Card, from: string, to: string, stageName: string) => {
      let m: PendingMove = { card, from, to };
      setPending((p) => [...p.filter((x) => x.card.id !== card.id), m]);
      const drop = () => setPending((p) => p.filter((x) => x !== m));
      try {
        await updateOpportunity(card.id, { stageId: to }, card.version);
        // from now on a board fetched later already counts the move (columns stop adding it to their counts)
        const saved: PendingMove = { ...m, savedAt: Date.now() };
        setPending((p) => p.map((x) => (x === m ? saved : x)));
        m = saved;
        notifySuccess(t('move.moved', { name: card.name, stage: stageName }));
        void queryClient.invalidateQueries({ queryKey: opportunityKeys.detail(card.id) });
        // Keep the card where it was dropped until the fresh board (with the server's totals) is in.
        await refreshAfterMove(from, to);
        drop();
      } catch (e) {
        drop();
        if (isApiError(e, 'precondition_failed')) {
          notifications.show({ color: 'orange', title: card.name, message: t('move.stale') });
          void refreshBoard();
        } else if (isApiError(e) && (e.status === 422 || e.status === 409)) {
          notifications.show({ color: 'red', title: card.name, message: t('move.refused', { message: refusalMessage(t, e) }) });
        } else {
          notifications.show({ color: 'red', title: tc('errors.title'), message: errorMessage(tc, e) });
        }
      }
    },
    [queryClient, refreshBoard, refreshAfterMove, t, tc],
  );
  // each column gets only its own moves, so a move re-renders the two columns it touches
  const pendingByStage = useMemo(() => {
    const by = new Map<string, PendingMove[]>();
    for (const m of pending) for (const stage of new Set([m.from, m.to])) by.set(stage, [...(by.get(stage) ?? []), m]);
    return by;
  }, [pending]);

  const onDragStart = (e: DragStartEvent) => setActive((e.active.data.current?.card as Card) ?? null);
  const onDragEnd = (e: DragEndEvent) => {
    setActive(null);
    const card = e.active.data.current?.card as Card | undefined;
    const from = e.active.data.current?.from as string | undefined;
    const to = e.over?.id as string | undefined;
    if (!card || !from || !to || from === to) return;
    const target = board.data?.columns.find((c) => c.stage.id === to);
    if (!target) return;
    if (target.stage.kind !== 'open') {
      setClosing({ card, outcome: target.stage.kind });
      return;
    }
    void move(card, from, to, target.stage.name);
  };

  if (board.isPending)
    return (
      <Group gap="sm" wrap="nowrap" align="flex-start">
        {[1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} w={290} h={400} radius="md" />
        ))}
      </Group>
    );
  if (board.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(tc, board.error)}
      </Alert>
    );
  const data = board.data;
  return (
    <>
      {data.missingRates.length > 0 && (
        <Alert color="orange" variant="light" mb="sm" icon={<IconAlertTriangle size={16} />}>
          {t('missingRates', { currencies: data.missingRates.join(', ') })}
        </Alert>
      )}
      <DndContext sensors={sensors} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setActive(null)}>
        <Group
          gap="sm"
          wrap="nowrap"
          align="flex-start"
          style={{ overflowX: 'auto', paddingBottom: 8 }}
          data-testid="board"
          aria-busy={board.isFetching}
        >
          {data.columns.map((column) => (
            <BoardColumn
              key={column.stage.id}
              pipelineId={pipelineId}
              column={column}
              filters={filters}
              baseCurrency={data.baseCurrency}
              pending={pendingByStage.get(column.stage.id) ?? NO_MOVES}
              // only columns with moves under way need it (others stay memoised across refetches)
              boardFetchedAt={pendingByStage.has(column.stage.id) ? board.dataUpdatedAt : 0}
            />
          ))}
        </Group>
        <DragOverlay dropAnimation={null}>
          {active && <BoardCardView card={active} baseCurrency={data.baseCurrency} dragging />}
        </DragOverlay>
      </DndContext>
      {closing && (
        <CloseDialog
          target={closing.card}
          outcome={closing.outcome}
          onClose={() => setClosing(null)}
          onStale={() => void refreshBoard()}
          onClosed={(saved) => {
            setClosing(null);
            queryClient.setQueryData(opportunityKeys.detail(saved.id), saved);
            void queryClient.invalidateQueries({ queryKey: opportunityKeys.all });
          }}
        />
      )}
    </>
  );
}
