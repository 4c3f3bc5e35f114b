import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  board,
  boardColumn,
  CloseInput,
  Opportunity,
  OpportunityCreateInput,
  stageHistoryEntry,
} from '../../../domain/opportunities/opportunity.schema.js';
import type { Pipeline } from '../../../domain/pipelines/pipeline.schema.js';
import { api, apiRequest, type Page, type Query, withQuery } from '../../app/api/client.js';

export type Board = z.infer<typeof board>;
export type BoardColumnData = z.infer<typeof boardColumn>;
/** A card as the board shows it; `stalled` arrives with the stalled-deal rules (server work in progress). */
export type Card = BoardColumnData['cards'][number] & { stalled?: boolean };
export type StageHistoryEntry = z.infer<typeof stageHistoryEntry>;

/** Filters shared by the board and the table; they live in the URL (see useOpportunityFilters). */
export type OpportunityFilters = {
  ownerId?: string;
  teamId?: string;
  closeFrom?: string;
  closeTo?: string;
  forecastCategory?: string;
  q?: string;
  /** 'true': only deals that match the stalled-deal rules now (both `GET /opportunities` and the board take it) */
  stalled?: string;
};

export const opportunityKeys = {
  all: ['opportunities'] as const,
  board: (pipelineId: string, f: OpportunityFilters) => ['opportunities', 'board', pipelineId, f] as const,
  column: (pipelineId: string, stageId: string, f: OpportunityFilters, cursor: string | null) =>
    ['opportunities', 'board', pipelineId, f, 'column', stageId, cursor] as const,
  list: (q: Query) => ['opportunities', 'list', q] as const,
  detail: (id: string) => ['opportunities', 'detail', id] as const,
  history: (id: string) => ['opportunities', 'history', id] as const,
};
export const PIPELINES_KEY = ['pipelines'] as const;
export const BASE_CURRENCY_KEY = ['exchange-rates', 'base-currency'] as const;

export function filterQuery(f: OpportunityFilters): Query {
  return {
    ownerId: f.ownerId,
    teamId: f.teamId,
    closeFrom: f.closeFrom,
    closeTo: f.closeTo,
    forecastCategory: f.forecastCategory,
    q: f.q,
    stalled: f.stalled,
  };
}

export function usePipelines() {
  return useQuery({
    queryKey: PIPELINES_KEY,
    queryFn: () => api.get<Page<Pipeline>>('/pipelines'),
    select: (r) => r.data,
    staleTime: 60_000,
  });
}

export function useBaseCurrency() {
  return useQuery({
    queryKey: BASE_CURRENCY_KEY,
    queryFn: () => api.get<{ baseCurrency: string }>('/exchange-rates/base-currency'),
    select: (r) => r.baseCurrency,
    staleTime: 5 * 60_000,
  });
}

export const BOARD_PAGE = 20;

export function useBoard(pipelineId: string | undefined, f: OpportunityFilters) {
  return useQuery({
    queryKey: opportunityKeys.board(pipelineId ?? '', f),
    queryFn: () => api.get<Board>(`/pipelines/${pipelineId}/board`, { ...filterQuery(f), limit: BOARD_PAGE }),
    enabled: Boolean(pipelineId),
    placeholderData: keepPreviousData,
  });
}

/** Further cards of one column, page by page, starting after the board's first page. */
export function useColumnPages(
  pipelineId: string,
  stageId: string,
  f: OpportunityFilters,
  firstCursor: string | null,
  enabled: boolean,
) {
  return useInfiniteQuery({
    queryKey: opportunityKeys.column(pipelineId, stageId, f, firstCursor),
    queryFn: ({ pageParam }) =>
      api.get<BoardColumnData>(`/pipelines/${pipelineId}/board/columns/${stageId}`, {
        ...filterQuery(f),
        limit: 50,
        cursor: pageParam,
      }),
    initialPageParam: firstCursor ?? undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: enabled && firstCursor !== null,
  });
}

export type ListParams = OpportunityFilters & { pipelineId?: string; status?: string; accountId?: string; sort: string };

export function listQuery(p: ListParams): Query {
  return {
    ...filterQuery(p),
    pipelineId: p.pipelineId,
    status: p.status,
    accountId: p.accountId,
    sort: p.sort,
  };
}

export function useOpportunityList(p: ListParams, pageSize = 50, enabled = true) {
  return useInfiniteQuery({
    queryKey: opportunityKeys.list(listQuery(p)),
    queryFn: ({ pageParam }) =>
      api.get<Page<Opportunity>>('/opportunities', { ...listQuery(p), limit: pageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function exportUrl(p: ListParams): string {
  return `/api/v1${withQuery('/opportunities/export', listQuery(p))}`;
}

export async function fetchOpportunity(id: string): Promise<Opportunity> {
  return (await apiRequest<Opportunity>(`/opportunities/${id}`)).data;
}

export function useOpportunity(id: string) {
  return useQuery({ queryKey: opportunityKeys.detail(id), queryFn: () => fetchOpportunity(id) });
}

export function useStageHistory(id: string) {
  return useQuery({
    queryKey: opportunityKeys.history(id),
    queryFn: () => api.get<{ data: StageHistoryEntry[] }>(`/opportunities/${id}/stage-history`),
    select: (r) => r.data,
  });
}

export function updateOpportunity(id: string, patch: Record<string, unknown>, version: number) {
  return api.patch<Opportunity>(`/opportunities/${id}`, patch, version);
}

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export async function closeOpportunity(id: string, version: number, input: CloseInput): Promise<Opportunity> {
  return (await apiRequest<Opportunity>(`/opportunities/${id}/close`, { method: 'POST', body: input, headers: ifMatch(version) }))
    .data;
}

export async function reopenOpportunity(id: string, version: number): Promise<Opportunity> {
  return (await apiRequest<Opportunity>(`/opportunities/${id}/reopen`, { method: 'POST', headers: ifMatch(version) })).data;
}

export function useCreateOpportunity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OpportunityCreateInput) => api.post<Opportunity>('/opportunities', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: opportunityKeys.all }),
  });
}

/** After any change to a deal: its page, its history, its Stream, the board and lists. */
export function useRefreshOpportunity() {
  const queryClient = useQueryClient();
  return (saved: Opportunity) => {
    queryClient.setQueryData(opportunityKeys.detail(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: opportunityKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['stream', 'opportunities', saved.id] });
  };
}

type ContactOption = { id: string; firstName: string | null; lastName: string };

/** Contacts of an account, for the primary-contact and contact-role pickers. */
export function useAccountContactOptions(accountId: string) {
  return useQuery({
    queryKey: ['contacts', 'of-account', accountId],
    queryFn: () => api.get<Page<ContactOption>>('/contacts', { accountId, limit: 200 }),
    select: (r) => r.data.map((c) => ({ value: c.id, label: [c.firstName, c.lastName].filter(Boolean).join(' ') })),
    enabled: Boolean(accountId),
    staleTime: 30_000,
  });
}
