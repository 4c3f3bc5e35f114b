import { useMemo } from 'react';
import { useListParams } from '../../ui/useListParams.js';
import type { OpportunityFilters } from './api.js';

export const FILTER_KEYS = ['ownerId', 'teamId', 'closeFrom', 'closeTo', 'forecastCategory'] as const;

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
  return { params, filters };
}
