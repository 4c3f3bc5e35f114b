import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * List filters live in the URL, so Back from a detail page returns to the same filtered list
 * and a filtered view can be shared. The search box is debounced before it reaches the URL.
 */
export function useListParams(defaultSort: string) {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search, 300);

  const set = useCallback(
    (key: string, value: string | null | undefined) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  useEffect(() => {
    if ((params.get('q') ?? '') !== debounced.trim()) set('q', debounced.trim());
  }, [debounced, params, set]);

  return {
    get: (key: string) => params.get(key) ?? '',
    set,
    search,
    setSearch,
    q: params.get('q') ?? '',
    sort: params.get('sort') ?? defaultSort,
    trash: params.get('trash') === '1',
    clear: () => {
      setSearch('');
      setParams(new URLSearchParams(), { replace: true });
    },
    hasFilters: [...params.keys()].some((k) => k !== 'sort'),
  };
}
