import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApprovalState, AssessmentInput } from '../../../domain/opportunities/approval.schema.js';
import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import type { StallResolutionInput } from '../../../domain/opportunities/stalled.schema.js';
import type { WinLossReport } from '../../../domain/opportunities/win-loss.schema.js';
import { api, apiRequest, type Page, type Query } from '../../app/api/client.js';

export const insightKeys = {
  winLoss: (q: Query) => ['opportunities', 'win-loss', q] as const,
  stalled: (q: Query) => ['opportunities', 'stalled', q] as const,
  approval: (id: string) => ['opportunities', 'approval', id] as const,
};

export function useWinLoss(q: Query) {
  return useQuery({ queryKey: insightKeys.winLoss(q), queryFn: () => api.get<WinLossReport>('/analytics/win-loss', q) });
}

export function useStalledDeals(q: Query) {
  return useQuery({
    queryKey: insightKeys.stalled(q),
    queryFn: () => api.get<Page<Opportunity>>('/opportunities', { ...q, stalled: 'true', status: 'open', limit: 200 }),
  });
}

export function useApproval(opportunityId: string) {
  return useQuery({
    queryKey: insightKeys.approval(opportunityId),
    queryFn: () => api.get<ApprovalState>(`/opportunities/${opportunityId}/approval`),
  });
}

/** Every approval/stall change touches the deal: refresh the deal, its Stream and the lists/boards. */
function useRefresh() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: ['opportunities'] });
}

export function useSaveAssessment(opportunityId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (input: AssessmentInput) =>
      (await apiRequest<ApprovalState>(`/opportunities/${opportunityId}/assessment`, { method: 'PUT', body: input })).data,
    onSuccess: refresh,
  });
}

export function useRequestApproval(opportunityId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (note: string | null) => api.post<ApprovalState>(`/opportunities/${opportunityId}/approval-request`, { note }),
    onSuccess: refresh,
  });
}

export function useDecideApproval(opportunityId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { decision: 'approved' | 'rejected'; comment: string | null }) =>
      api.post<ApprovalState>(`/opportunities/${opportunityId}/approval`, input),
    onSuccess: refresh,
  });
}

export function useResolveStall() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: StallResolutionInput }) =>
      api.post<Opportunity>(`/opportunities/${id}/stall-resolution`, input),
    onSuccess: refresh,
  });
}
