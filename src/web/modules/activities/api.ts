import { type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Activity,
  ActivityCreate,
  ActivityStatus,
  ActivityUpdate,
  RelatedRef,
} from '../../../domain/activities/activity.schema.js';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { api, apiRequest, type Page } from '../../app/api/client.js';

export type MyDay = {
  date: string;
  timeZone: string;
  agenda: Activity[];
  tasks: Activity[];
  leadsAwaitingContact: Lead[];
};

/** The collection a related record lives in (for its Stream and its page). */
export const RELATED_RESOURCES: Record<RelatedRef['type'], string> = {
  lead: 'leads',
  contact: 'contacts',
  account: 'accounts',
  opportunity: 'opportunities',
};

export const activityKeys = {
  all: ['activities'] as const,
  detail: (id: string) => ['activities', 'detail', id] as const,
  related: (related: RelatedRef) => ['activities', 'related', related.type, related.id] as const,
  range: (from: string, to: string, ownerId: string | null) => ['activities', 'range', from, to, ownerId] as const,
  myDay: (date: string, tz: string) => ['activities', 'my-day', date, tz] as const,
};

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Prague';

export function useMyDay(date: string) {
  const tz = browserTimeZone();
  return useQuery({
    queryKey: activityKeys.myDay(date, tz),
    queryFn: () => api.get<MyDay>('/my-day', { date, tz }),
    staleTime: 15_000,
  });
}

export async function fetchActivity(id: string): Promise<Activity> {
  return (await apiRequest<Activity>(`/activities/${id}`)).data;
}

export function useActivity(id: string | null) {
  return useQuery({
    queryKey: activityKeys.detail(id ?? ''),
    queryFn: () => fetchActivity(id as string),
    enabled: id !== null,
  });
}

/** Activities of one record, soonest first (planned) — the record page shows upcoming and past apart. */
export function useRelatedActivities(related: RelatedRef) {
  return useInfiniteQuery({
    queryKey: activityKeys.related(related),
    queryFn: ({ pageParam }) =>
      api.get<Page<Activity>>('/activities', {
        relatedType: related.type,
        relatedId: related.id,
        sort: '-at',
        limit: 50,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const CALENDAR_LIMIT = 1000;

/** Everything in a date range (the calendar's visible span), a page of 200 at a time, at most CALENDAR_LIMIT. */
export function useActivitiesInRange(from: string, to: string, ownerId: string | null) {
  return useQuery({
    queryKey: activityKeys.range(from, to, ownerId),
    queryFn: async () => {
      const all: Activity[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<Page<Activity>>('/activities', { from, to, ownerId, sort: 'at', limit: 200, cursor });
        all.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && all.length < CALENDAR_LIMIT);
      return { activities: all, truncated: cursor !== undefined };
    },
    enabled: from !== '' && to !== '',
  });
}

/** After any change: lists, My day, the calendar, the activity itself and the Streams it writes to. */
export function refreshAfterChange(queryClient: QueryClient, activity: Pick<Activity, 'id' | 'relatedTo'> | null) {
  void queryClient.invalidateQueries({ queryKey: activityKeys.all });
  if (!activity) return;
  void queryClient.invalidateQueries({ queryKey: ['stream', 'activities', activity.id] });
  if (activity.relatedTo) {
    const resource = RELATED_RESOURCES[activity.relatedTo.type];
    void queryClient.invalidateQueries({ queryKey: ['stream', resource, activity.relatedTo.id] });
    // A held call or meeting stops a lead's first-contact clock: its page and the inbox change too.
    void queryClient.invalidateQueries({ queryKey: [resource] });
  }
}

export function createActivity(input: ActivityCreate) {
  return api.post<Activity>('/activities', input);
}

export function updateActivity(id: string, patch: ActivityUpdate, version: number) {
  return api.patch<Activity>(`/activities/${id}`, patch, version);
}

export function useCreateActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createActivity,
    onSuccess: (activity) => refreshAfterChange(queryClient, activity),
  });
}

export type StatusChange = { activity: Activity; status: ActivityStatus; outcome?: string | null };

/** Held / not held / completed / cancelled, with outcome notes; sends the version it was shown (412-safe). */
export function useSetStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ activity, status, outcome }: StatusChange) =>
      updateActivity(activity.id, outcome === undefined ? { status } : { status, outcome }, activity.version),
    onSuccess: (saved) => {
      queryClient.setQueryData(activityKeys.detail(saved.id), saved);
      refreshAfterChange(queryClient, saved);
    },
    onError: (_error, { activity }) => refreshAfterChange(queryClient, activity),
  });
}

export function useDeleteActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (activity: Activity) => {
      await apiRequest<null>(`/activities/${activity.id}`, {
        method: 'DELETE',
        headers: { 'If-Match': `"${activity.version}"` },
      });
      return activity;
    },
    onSuccess: (activity) => refreshAfterChange(queryClient, activity),
  });
}

/** Records to relate an activity to, found by name (leads, contacts, accounts; opportunities once they exist). */
export async function searchRecords(type: RelatedRef['type'], q: string): Promise<Array<{ value: string; label: string }>> {
  const page = await api.get<Page<{ id: string; name?: string; firstName?: string; lastName?: string }>>(
    `/${RELATED_RESOURCES[type]}`,
    { q: q || undefined, limit: 20 },
  );
  return page.data.map((r) => ({
    value: r.id,
    label: r.name ?? [r.firstName, r.lastName].filter(Boolean).join(' '),
  }));
}
