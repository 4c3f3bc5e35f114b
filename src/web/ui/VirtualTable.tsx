import { Box, Center, Group, Loader, Paper, Skeleton, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type MouseEvent, type ReactNode, useEffect, useRef } from 'react';

export type Column<T> = {
  key: string;
  header: string;
  width?: number | string;
  /** The API sort field this column orders by (`name`, `updatedAt`…); absent = not sortable. */
  sortField?: string;
  render: (row: T) => ReactNode;
};

type Props<T> = {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Current API sort, e.g. `name` or `-updatedAt`. */
  sort: string;
  onSortChange: (sort: string) => void;
  onRowClick?: (row: T) => void;
  isLoading: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  empty: ReactNode;
  height?: string;
  label: string;
};

const ROW_HEIGHT = 49;

/**
 * A table that renders only the rows in view and asks for the next page as the user nears the end,
 * so a list of 100 000 accounts scrolls like a list of 50.
 */
export function VirtualTable<T>(props: Props<T>) {
  const { columns, rows, hasNextPage, isFetchingNextPage, fetchNextPage } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 10) fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;

  const onRowClick = (row: T) => (event: MouseEvent) => {
    // Links and buttons inside a row do their own thing.
    if ((event.target as HTMLElement).closest('a, button')) return;
    props.onRowClick?.(row);
  };

  return (
    <Paper withBorder shadow="xs" style={{ overflow: 'hidden' }}>
      <Box ref={scrollRef} h={props.height ?? 'calc(100vh - 210px)'} style={{ overflow: 'auto' }}>
        <Table
          highlightOnHover
          stickyHeader
          verticalSpacing="sm"
          horizontalSpacing="md"
          aria-label={props.label}
          style={{ tableLayout: 'fixed' }}
        >
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.key} w={c.width} aria-sort={ariaSort(props.sort, c.sortField)}>
                  {c.sortField ? <SortHeader column={c} sort={props.sort} onSortChange={props.onSortChange} /> : c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.isLoading && <SkeletonRows columns={columns.length} />}
            {!props.isLoading && rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>{props.empty}</Table.Td>
              </Table.Tr>
            )}
            {paddingTop > 0 && <tr style={{ height: paddingTop }} />}
            {items.map((item) => {
              const row = rows[item.index] as T;
              return (
                <Table.Tr
                  key={props.rowKey(row)}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  onClick={onRowClick(row)}
                  style={{ cursor: props.onRowClick ? 'pointer' : undefined }}
                >
                  {columns.map((c) => (
                    <Table.Td key={c.key} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {c.render(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
            {paddingBottom > 0 && <tr style={{ height: paddingBottom }} />}
          </Table.Tbody>
        </Table>
        {isFetchingNextPage && (
          <Center py="sm">
            <Loader size="sm" type="dots" />
          </Center>
        )}
      </Box>
    </Paper>
  );
}

function ariaSort(sort: string, field?: string): 'ascending' | 'descending' | undefined {
  if (!field) return undefined;
  if (sort === field) return 'ascending';
  if (sort === `-${field}`) return 'descending';
  return undefined;
}

function SortHeader<T>({ column, sort, onSortChange }: { column: Column<T>; sort: string; onSortChange: (s: string) => void }) {
  const field = column.sortField as string;
  const direction = ariaSort(sort, field);
  const Icon = direction === 'ascending' ? IconArrowUp : direction === 'descending' ? IconArrowDown : IconArrowsSort;
  return (
    <UnstyledButton onClick={() => onSortChange(direction === 'ascending' ? `-${field}` : field)} aria-label={column.header}>
      <Group gap={4} wrap="nowrap">
        <Text size="sm" fw={600}>
          {column.header}
        </Text>
        <Icon size={14} opacity={direction ? 1 : 0.4} />
      </Group>
    </UnstyledButton>
  );
}

function SkeletonRows({ columns }: { columns: number }) {
  return Array.from({ length: 8 }, (_, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
    <Table.Tr key={i} aria-hidden>
      {Array.from({ length: columns }, (_, j) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
        <Table.Td key={j}>
          <Skeleton height={14} radius="sm" width={j === 0 ? '70%' : '50%'} />
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}
