import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { type Column, VirtualTable } from '../VirtualTable.js';
import type { PagedQuery } from './useRecordRows.js';

type Props<T> = {
  label: string;
  columns: Column<T>[];
  rows: T[];
  query: PagedQuery<T>;
  /** Current API sort, e.g. `name` or `-updatedAt`. */
  sort: string;
  onSortChange: (sort: string) => void;
  /** The record's page: a click on the row opens it. */
  rowHref: (row: T) => string;
  empty: ReactNode;
  height?: string;
};

/** A list page's table: one row per record, the next page loaded while scrolling, a click on a row opens the record. */
export function RecordTable<T extends { id: string }>({
  label,
  columns,
  rows,
  query,
  sort,
  onSortChange,
  rowHref,
  empty,
  height,
}: Props<T>) {
  const navigate = useNavigate();
  return (
    <VirtualTable<T>
      label={label}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
      sort={sort}
      onSortChange={onSortChange}
      onRowClick={(row) => navigate(rowHref(row))}
      isLoading={query.isPending}
      hasNextPage={query.hasNextPage}
      isFetchingNextPage={query.isFetchingNextPage}
      fetchNextPage={() => void query.fetchNextPage()}
      empty={empty}
      height={height}
    />
  );
}
