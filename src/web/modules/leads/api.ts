import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DuplicateCandidate } from '../../../domain/duplicates/duplicate.schema.js';
import type { Lead, LeadCreate } from '../../../domain/leads/lead.schema.js';
import type { ScoreWeights } from '../../../domain/leads/lead.score.js';
import { api, apiRequest, type Page, type Query, withQuery } from '../../app/api/client.js';

/** Inbox views the API knows; `all` is the plain list. */
export const INBOX_VIEWS = ['mine', 'unassigned', 'new_today', 'sla_breached', 'recycled_due', 'all'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export type LeadFilters = {
  view: InboxView;
  status?: string | null;
  source?: string | null;
  ownerId?: string | null;
  minScore?: number | null;
  q?: string;
  sort: string;
};

export const leadKeys = {
  all: ['leads'] as const,
  list: (filters: LeadFilters) => ['leads', 'list', filters] as const,
  count: (filters: Omit<LeadFilters, 'sort'>) => ['leads', 'count', filters] as const,
  detail: (id: string) => ['leads', 'detail', id] as const,
  duplicates: (id: string) => ['leads', 'duplicates', id] as const,
  weights: ['leads', 'score-weights'] as const,
};

/** The filters as API query parameters (shared by list, count and CSV export, so all three agree). */
export function leadQuery(f: Omit<LeadFilters, 'sort'> & { sort?: string }): Query {
  return {
    view: f.view === 'all' ? undefined : f.view,
    status: f.status,
    source: f.source,
    ownerId: f.ownerId,
    minScore: f.minScore ?? undefined,
    q: f.q,
    sort: f.sort,
  };
}

export function leadExportUrl(f: LeadFilters): string {
  return `/api/v1${withQuery('/leads/export', leadQuery(f))}`;
}

export function useLeadList(filters: LeadFilters, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: leadKeys.list(filters),
    queryFn: ({ pageParam }) => api.get<Page<Lead>>('/leads', { ...leadQuery(filters), limit: pageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useLeadCount(filters: Omit<LeadFilters, 'sort'>) {
  return useQuery({
    queryKey: leadKeys.count(filters),
    queryFn: () => api.get<{ count: number }>('/leads/count', leadQuery(filters)),
    select: (r) => r.count,
    staleTime: 15_000,
  });
}

export async function fetchLead(id: string): Promise<Lead> {
  return (await apiRequest<Lead>(`/leads/${id}`)).data;
}

export function useLead(id: string) {
  return useQuery({ queryKey: leadKeys.detail(id), queryFn: () => fetchLead(id) });
}

export function useCreateLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<LeadCreate>) => api.post<Lead>('/leads', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: leadKeys.all }),
  });
}

export function updateLead(id: string, patch: Record<string, unknown>, version: number) {
  return api.patch<Lead>(`/leads/${id}`, patch, version);
}

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

/** Body of POST /leads/{id}/status (`leadTransitionInput`): dead needs a reason, recycled a re-contact date. */
export type TransitionInput = { status: 'in_process' | 'recycled' | 'dead'; reason?: string; recontactOn?: string };

export async function transitionLead(lead: Lead, input: TransitionInput): Promise<Lead> {
  return (await apiRequest<Lead>(`/leads/${lead.id}/status`, { method: 'POST', body: input, headers: ifMatch(lead.version) }))
    .data;
}

export async function mergeLead(target: Lead, sourceId: string, fields: Record<string, 'source' | 'target'>): Promise<Lead> {
  return (
    await apiRequest<Lead>(`/leads/${target.id}/merge`, {
      method: 'POST',
      body: { sourceId, fields },
      headers: ifMatch(target.version),
    })
  ).data;
}

export type ConvertTarget = { id: string } | { create: true };
export type ConvertResult = { lead: Lead; accountId: string; contactId: string; opportunityId?: string | null };
/** The optional deal created with the conversion (first open stage of the pipeline; the default one when omitted). */
export type ConvertOpportunity = {
  name: string;
  amount: string;
  currency: string;
  closeDate?: string | null;
  pipelineId?: string;
};

export async function convertLead(
  lead: Lead,
  account: ConvertTarget,
  contact: ConvertTarget,
  opportunity?: ConvertOpportunity,
): Promise<ConvertResult> {
  return (
    await apiRequest<ConvertResult>(`/leads/${lead.id}/convert`, {
      method: 'POST',
      body: { account, contact, opportunity },
      headers: ifMatch(lead.version),
    })
  ).data;
}

export function useLeadDuplicates(id: string, enabled = true) {
  return useQuery({
    queryKey: leadKeys.duplicates(id),
    queryFn: () => api.get<{ data: DuplicateCandidate[] }>(`/leads/${id}/duplicates`),
    select: (r) => r.data,
    enabled,
  });
}

export type DuplicateProbe = {
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  registrationNumber?: string;
};

/** "Do we already have this one?" while a lead is being typed; only complete, valid values are sent. */
export function useDuplicateProbe(probe: DuplicateProbe) {
  const enabled = Object.values(probe).some(Boolean);
  return useQuery({
    queryKey: ['duplicates', 'probe', probe],
    queryFn: () => api.get<{ data: DuplicateCandidate[] }>('/duplicates', probe),
    select: (r) => r.data,
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useScoreWeights() {
  return useQuery({
    queryKey: leadKeys.weights,
    queryFn: () => api.get<ScoreWeights>('/lead-score-weights'),
    staleTime: 5 * 60_000,
  });
}

export function useSaveScoreWeights() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (weights: ScoreWeights) =>
      (await apiRequest<ScoreWeights>('/lead-score-weights', { method: 'PUT', body: weights })).data,
    onSuccess: (saved) => {
      queryClient.setQueryData(leadKeys.weights, saved);
      // Every stored score was recomputed on the server.
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
    },
  });
}

/** After any change to a lead: its detail, the lists and counts, its Stream and its duplicates. */
export function refreshLead(queryClient: ReturnType<typeof useQueryClient>, lead: Lead) {
  queryClient.setQueryData(leadKeys.detail(lead.id), lead);
  void queryClient.invalidateQueries({ queryKey: ['leads', 'list'] });
  void queryClient.invalidateQueries({ queryKey: ['leads', 'count'] });
  void queryClient.invalidateQueries({ queryKey: leadKeys.duplicates(lead.id) });
  void queryClient.invalidateQueries({ queryKey: ['stream', 'leads', lead.id] });
}
