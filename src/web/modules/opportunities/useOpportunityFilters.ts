import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useListParams } from '../../ui/useListParams.js';
import type { OpportunityFilters } from './api.js';

/** The filters of the board and the table (the same query parameters on both endpoints), besides the text `q`. */
export const FILTER_KEYS = ['ownerId', 'teamId', 'closeFrom', 'closeTo', 'forecastCategory', 'stalled'] as const;
/** What a saved view keeps as its filters: the pipeline, the filters and the text. */
export const VIEW_FILTER_KEYS = ['pipeline', ...FILTER_KEYS, 'q'] as const;
/** The URL parameter naming the saved view the page was opened with (so it can be updated in place). */
export const SAVED_VIEW_PARAM = 'savedView';

/** Board and table filters in the URL (shareable; Back returns to the same view); totals follow them. */
export function useOpportunityFilters() {
  const params = useListParams('-updatedAt');
  // The joined values are the identity of the filter set (a new object only when a filter changes).
  const key = [...FILTER_KEYS.map((k) => params.get(k)), params.q].join('\u0001');
  const filters: OpportunityFilters = useMemo(() => {
    const values = key.split('\u0001');
    const f: OpportunityFilters = {};
    FILTER_KEYS.forEach((k, i) => {
      if (values[i]) f[k] = values[i];
    });
    if (values[FILTER_KEYS.length]) f.q = values[FILTER_KEYS.length];
    return f;
  }, [key]);
  const [, setSearchParams] = useSearchParams();
  /**
   * Several URL parameters in one navigation (`params.set` twice in one event would drop the first change);
   * `replaceAll` starts from an empty query instead of the current one.
   */
  const update = useCallback(
    (changes: Record<string, string | null | undefined>, replaceAll = false) =>
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(replaceAll ? undefined : prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  return { params, filters, update };
}

export type OpportunityParams = ReturnType<typeof useOpportunityFilters>['params'];
