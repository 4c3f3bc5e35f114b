import { useDraggable, useDroppable } from '@dnd-kit/core';
import { Badge, Box, Center, Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BoardColumnData, type Card, type OpportunityFilters, useColumnPages } from './api.js';
import { BoardCardView, sameCard } from './BoardCard.js';
import { useMoney } from './money.js';
import './i18n.js';

/** A dropped card on its way to the server; `savedAt` once the server took it (the board may not know yet). */
export type PendingMove = { card: Card; from: string; to: string; savedAt?: number };

type Props = {
  pipelineId: string;
  column: BoardColumnData;
  filters: OpportunityFilters;
  baseCurrency: string;
  /** Optimistic moves into or out of this column not yet confirmed by the server. */
  pending: PendingMove[];
  /** When the board (and so `column.count`) was fetched: a saved move fetched since is already in the count. */
  boardFetchedAt: number;
};

const CARD_ESTIMATE = 132;

/**
 * One stage: header with count, sum and weighted sum (server totals in the base currency), then the cards —
 * virtualised, with further pages loaded as the user scrolls, so a stage with thousands of deals stays fluid.
 * The drop target is a thin shell: dnd-kit re-renders it whenever a drag starts, ends or crosses a column, and the
 * memoised contents (header and cards) are left alone then.
 */
export const BoardColumn = memo(function BoardColumn(props: Props) {
  const { column } = props;
  const { setNodeRef, isOver } = useDroppable({ id: column.stage.id, data: { stage: column.stage } });
  const closed = column.stage.kind !== 'open';
  return (
    <Paper
      component="section"
      aria-label={column.stage.name}
      data-testid="board-column"
      data-stage-kind={column.stage.kind}
      ref={setNodeRef}
      withBorder
      radius="md"
      w={290}
      miw={290}
      bg={isOver ? 'var(--mantine-color-blue-light)' : closed ? 'var(--mantine-color-gray-1)' : 'var(--mantine-color-gray-0)'}
      style={{ display: 'flex', flexDirection: 'column', maxHeight: 'calc(100vh - 250px)' }}
    >
      <ColumnContents {...props} />
    </Paper>
  );
});

const ColumnContents = memo(function ColumnContents({
  pipelineId,
  column,
  filters,
  baseCurrency,
  pending,
  boardFetchedAt,
}: Props) {
  const { t } = useTranslation('opportunities');
  const money = useMoney();
  const stageId = column.stage.id;
  const [wantMore, setWantMore] = useState(false);
  const more = useColumnPages(pipelineId, stageId, filters, column.nextCursor, wantMore);

  const cards = useMemo(() => {
    const loaded = [...column.cards, ...(more.data?.pages.flatMap((p) => p.cards) ?? [])];
    const movedAway = new Set(pending.filter((m) => m.from === stageId).map((m) => m.card.id));
    const incoming = pending.filter((m) => m.to === stageId).map((m) => m.card);
    const incomingIds = new Set(incoming.map((c) => c.id));
    return [...incoming, ...loaded.filter((c) => !movedAway.has(c.id) && !incomingIds.has(c.id))];
  }, [column.cards, more.data, pending, stageId]);
  const uncounted = pending.filter((m) => !(m.savedAt && boardFetchedAt >= m.savedAt));
  const count =
    column.count - uncounted.filter((m) => m.from === stageId).length + uncounted.filter((m) => m.to === stageId).length;
  const settling = pending.some((m) => m.from === stageId || m.to === stageId);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_ESTIMATE,
    // every rendered card adds to what each drag step costs (React walks them all on dnd-kit's context changes)
    overscan: 3,
    getItemKey: (i) => cards[i]?.id ?? i,
    // the column's size before it is measured, so the first render already shows cards
    initialRect: { width: 290, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const hasMore = wantMore ? more.hasNextPage || (more.isPending && column.nextCursor !== null) : column.nextCursor !== null;

  useEffect(() => {
    if (!hasMore || lastIndex < cards.length - 4) return;
    if (!wantMore) setWantMore(true);
    else if (more.hasNextPage && !more.isFetchingNextPage) void more.fetchNextPage();
  }, [hasMore, lastIndex, cards.length, wantMore, more]);

  return (
    <>
      <Stack gap={2} p="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <Text fw={600} size="sm" truncate>
              {column.stage.name}
            </Text>
            {column.stage.requiresApproval && (
              <Tooltip label={t('column.gate')}>
                <IconLock size={14} aria-label={t('column.gate')} />
              </Tooltip>
            )}
          </Group>
          <Group gap={4} wrap="nowrap">
            {settling && <Loader size={12} />}
            <Badge variant="light" size="sm" data-testid="column-count">
              {t('column.count', { count })}
            </Badge>
          </Group>
        </Group>
        <Text size="xs" data-testid="column-sum">
          {t('column.sum')}: <b>{money(column.sum, baseCurrency)}</b>
        </Text>
        <Text size="xs" c="dimmed" data-testid="column-weighted">
          {t('column.weighted')} ({column.stage.probability} %): {money(column.weightedSum, baseCurrency)}
        </Text>
      </Stack>
      <Box ref={scrollRef} style={{ overflowY: 'auto', flex: 1, minHeight: 120 }} p={6}>
        {cards.length === 0 ? (
          <Text size="xs" c="dimmed" ta="center" py="lg">
            {t('column.empty')}
          </Text>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const card = cards[item.index] as Card;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                    paddingBottom: 6,
                  }}
                >
                  <DraggableCard card={card} stageId={stageId} baseCurrency={baseCurrency} />
                </div>
              );
            })}
          </div>
        )}
        {more.isFetching && (
          <Center py="xs">
            <Loader size="xs" type="dots" aria-label={t('column.loading')} />
          </Center>
        )}
      </Box>
    </>
  );
});

type DraggableCardProps = { card: Card; stageId: string; baseCurrency: string };

/** The card being dragged stays in place, faded (the overlay follows the pointer). */
const DraggableCard = memo(
  function DraggableCard({ card, stageId, baseCurrency }: DraggableCardProps) {
    const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
      id: card.id,
      data: { card, from: stageId },
      disabled: card.status !== 'open',
    });
    return (
      <div
        ref={setNodeRef}
        {...attributes}
        {...listeners}
        style={{ opacity: isDragging ? 0.35 : 1, touchAction: 'manipulation' }}
      >
        <BoardCardView card={card} baseCurrency={baseCurrency} />
      </div>
    );
  },
  (a: DraggableCardProps, b: DraggableCardProps) =>
    a.stageId === b.stageId && a.baseCurrency === b.baseCurrency && sameCard(a.card, b.card),
);
