import type { TFunction } from 'i18next';
import { useMemo } from 'react';

/** What a list page reads from a TanStack infinite query over `Page<T>` (cursor paging). */
export type PagedQuery<T> = {
  data?: { pages: Array<{ data: T[] }> };
  isPending: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

/** The rows loaded so far, every page in order. */
export function useRecordRows<T>(query: PagedQuery<T>): T[] {
  return useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);
}

/** "50+ shown" under a list's title ("+" while more pages can load); a blank line until the first page arrives. */
export function rowsShown(t: TFunction, query: PagedQuery<unknown>, count: number): string {
  return query.data ? t('common.rows', { count: query.hasNextPage ? `${count}+` : count }) : ' ';
}
