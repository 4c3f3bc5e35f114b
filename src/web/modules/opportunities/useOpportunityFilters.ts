import { useMemo } from 'react';
import { useListParams } from '../../ui/useListParams.js';
import type { OpportunityFilters } from './api.js';

export const FILTER_KEYS = ['ownerId', 'teamId', 'closeFrom', 'closeTo', 'forecastCategory'] as const;

/** Board and table filters in the URL (shareable; Back returns to the same view); totals follow them. */
export function useOpportunityFilters() {
  const params = useListParams('-updatedAt');
  const values = FILTER_KEYS.map((k) => params.get(k));
  const filters: OpportunityFilters = useMemo(() => {
    const f: OpportunityFilters = {};
    FILTER_KEYS.forEach((k, i) => {
      if (values[i]) f[k] = values[i];
    });
    if (params.q) f.q = params.q;
    return f;
    // biome-ignore lint/correctness/useExhaustiveDependencies: the joined values are the identity of the filter set
  }, [values.join('|'), params.q]);
  return { params, filters };
}
