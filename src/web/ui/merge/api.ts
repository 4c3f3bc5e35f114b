import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, type QueryClient, useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { optionalEmail, optionalPhone, optionalRegistrationNumber } from '../../../domain/common/fields.js';
import type { DuplicateCandidate } from '../../../domain/duplicates/duplicate.schema.js';
import { api, apiRequest } from '../../app/api/client.js';

/** Query of `GET /duplicates`: only complete, valid values (a half-typed email would just be a 400). */
export type DuplicateProbe = {
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  registrationNumber?: string;
};

export type MergePicks = Record<string, 'target' | 'source'>;

const hasValue = (p: DuplicateProbe) => Object.values(p).some(Boolean);

/**
 * Candidates for several probes at once (a contact has several emails and phones; the API takes one of each),
 * merged per record: reasons joined, the highest confidence kept. `exclude` drops the record itself.
 */
export function useDuplicateCandidates(
  probes: DuplicateProbe[],
  opts: { type?: DuplicateCandidate['type']; exclude?: string; enabled?: boolean } = {},
) {
  const active = probes.filter(hasValue);
  const results = useQueries({
    queries: active.map((probe) => ({
      queryKey: ['duplicates', 'probe', probe],
      queryFn: () => api.get<{ data: DuplicateCandidate[] }>('/duplicates', probe),
      enabled: opts.enabled ?? true,
      staleTime: 30_000,
      placeholderData: keepPreviousData,
      retry: false,
    })),
  });
  const lists = results.map((r) => r.data?.data);
  const key = JSON.stringify(lists);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the content of `lists`, compared by value
  const candidates = useMemo(() => mergeCandidates(lists, opts.type, opts.exclude), [key, opts.type, opts.exclude]);
  return { candidates, isFetching: results.some((r) => r.isFetching) };
}

export function mergeCandidates(
  lists: (DuplicateCandidate[] | undefined)[],
  type?: DuplicateCandidate['type'],
  exclude?: string,
): DuplicateCandidate[] {
  const byRecord = new Map<string, DuplicateCandidate>();
  for (const list of lists) {
    for (const c of list ?? []) {
      if ((type && c.type !== type) || c.id === exclude) continue;
      const key = `${c.type}:${c.id}`;
      const seen = byRecord.get(key);
      if (!seen) byRecord.set(key, { ...c, reasons: [...c.reasons] });
      else {
        seen.confidence = Math.max(seen.confidence, c.confidence);
        for (const r of c.reasons)
          if (!seen.reasons.some((s) => s.reason === r.reason && s.value === r.value)) seen.reasons.push(r);
      }
    }
  }
  return [...byRecord.values()].sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name));
}

/** `POST /{resource}/{id}/merge` with the survivor's version: a stale one answers 412. */
export async function mergeRecord<T>(
  resource: 'contacts' | 'accounts',
  target: { id: string; version: number },
  sourceId: string,
  fields: MergePicks,
): Promise<T> {
  return (
    await apiRequest<T>(`/${resource}/${target.id}/merge`, {
      method: 'POST',
      body: { sourceId, fields },
      headers: { 'If-Match': `"${target.version}"` },
    })
  ).data;
}

/** How many records of a list match (e.g. the contacts that move with an account); `null` while unknown. */
export function fetchCount(resource: 'contacts' | 'accounts', query: Record<string, string>) {
  return api.get<{ count: number }>(`/${resource}/count`, query).then((r) => r.count);
}

/** A typed value worth probing: complete and valid for `kind`, or (text) at least `min` characters. */
export function probeValue(kind: 'email' | 'phone' | 'registrationNumber' | 'text', value: string | null | undefined, min = 2) {
  const trimmed = (value ?? '').trim();
  if (!trimmed) return undefined;
  if (kind === 'text') return trimmed.length >= min ? trimmed : undefined;
  const schema = kind === 'email' ? optionalEmail : kind === 'phone' ? optionalPhone : optionalRegistrationNumber;
  return schema.safeParse(trimmed).success ? trimmed : undefined;
}

/** Candidates while a create form is being typed: debounced, and only a real change of a probed value re-checks. */
export function useLiveDuplicates(probes: DuplicateProbe[]) {
  // A string, so the debounce compares by value.
  const [key] = useDebouncedValue(JSON.stringify(probes), 400);
  const debounced = useMemo(() => JSON.parse(key) as DuplicateProbe[], [key]);
  return useDuplicateCandidates(debounced);
}

/** After a merge the other record is gone: drop it from every cached duplicate list at once, then re-check. */
export function forgetMergedRecord(queryClient: QueryClient, mergedId: string) {
  queryClient.setQueriesData<{ data: DuplicateCandidate[] }>({ queryKey: ['duplicates'] }, (old) =>
    old ? { data: old.data.filter((c) => c.id !== mergedId) } : old,
  );
  void queryClient.invalidateQueries({ queryKey: ['duplicates'] });
}
