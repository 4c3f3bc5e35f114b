import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Notification, NotificationPreferences } from '../../../domain/notifications/notification.schema.js';
import { api, apiRequest, type Page } from '../../app/api/client.js';

export const NOTIFICATIONS_KEY = ['notifications'] as const;
const COUNT_KEY = ['notifications', 'unread-count'] as const;
const PREFS_KEY = ['notification-preferences'] as const;

export function useNotificationList(unreadOnly: boolean, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', unreadOnly],
    queryFn: ({ pageParam }) =>
      api.get<Page<Notification>>('/notifications', { limit: 15, cursor: pageParam, unread: unreadOnly ? 'true' : undefined }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/**
 * The unread count, kept live: an EventSource on /notifications/stream pushes `unread` and `notification` events;
 * while the stream is down (proxy without streaming, server restart) the count is polled instead.
 */
export function useUnreadCount(onNotification?: (n: Notification) => void): number {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const count = useQuery({
    queryKey: COUNT_KEY,
    queryFn: () => api.get<{ count: number }>('/notifications/unread-count'),
    refetchInterval: live ? false : 60_000,
  });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/notifications/stream');
    source.addEventListener('open', () => setLive(true));
    source.addEventListener('error', () => setLive(false));
    source.addEventListener('unread', (e) => {
      queryClient.setQueryData(COUNT_KEY, JSON.parse((e as MessageEvent).data));
    });
    source.addEventListener('notification', (e) => {
      void queryClient.invalidateQueries({ queryKey: [...NOTIFICATIONS_KEY, 'list'] });
      onNotification?.(JSON.parse((e as MessageEvent).data) as Notification);
    });
    return () => source.close();
  }, [queryClient, onNotification]);
  return count.data?.count ?? 0;
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Notification>(`/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ updated: number }>('/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function usePreferences() {
  return useQuery({ queryKey: PREFS_KEY, queryFn: () => api.get<NotificationPreferences>('/notification-preferences') });
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (prefs: NotificationPreferences) =>
      (await apiRequest<NotificationPreferences>('/notification-preferences', { method: 'PUT', body: prefs })).data,
    onSuccess: (data) => queryClient.setQueryData(PREFS_KEY, data),
  });
}
