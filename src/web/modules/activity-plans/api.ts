import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import type { ActivityPlan, ActivityPlanCreate, PlanProgress } from '../../../domain/activity-plans/activity-plan.schema.js';
import { api, type Page } from '../../app/api/client.js';

export const PLANS_KEY = ['activity-plans'] as const;

export function usePlans(opts: { activeOnly?: boolean } = {}) {
  return useQuery({
    queryKey: [...PLANS_KEY, 'list', Boolean(opts.activeOnly)],
    queryFn: () => api.get<Page<ActivityPlan>>('/activity-plans', { limit: 200, active: opts.activeOnly ? 'true' : undefined }),
  });
}

export function useSavePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ plan, body }: { plan: ActivityPlan | null; body: ActivityPlanCreate }) =>
      plan
        ? api.patch<ActivityPlan>(`/activity-plans/${plan.id}`, body, plan.version)
        : api.post<ActivityPlan>('/activity-plans', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PLANS_KEY }),
  });
}

export function useDeletePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: ActivityPlan) => api.delete(`/activity-plans/${plan.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PLANS_KEY }),
  });
}

const progressKey = (ref: RelatedRef) => [...PLANS_KEY, 'progress', ref.type, ref.id] as const;

/** `activitiesVersion` (when the record's activities were last loaded) refetches progress after an activity changes. */
export function usePlanProgress(ref: RelatedRef, activitiesVersion = 0) {
  return useQuery({
    queryKey: [...progressKey(ref), activitiesVersion],
    queryFn: () => api.get<{ data: PlanProgress[] }>('/activity-plans/progress', { relatedType: ref.type, relatedId: ref.id }),
  });
}

export function useApplyPlan(ref: RelatedRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, startAt }: { planId: string; startAt?: string }) =>
      api.post<PlanProgress>(`/activity-plans/${planId}/apply`, { relatedTo: ref, startAt }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: progressKey(ref) });
      void queryClient.invalidateQueries({ queryKey: ['activities'] });
      void queryClient.invalidateQueries({ queryKey: ['stream'] });
    },
  });
}
