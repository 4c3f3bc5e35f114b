import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Mailbox, SyncResult } from '../../../domain/mailboxes/mailbox.schema.js';
import { api, type Page } from '../../app/api/client.js';

export const MAILBOXES_KEY = ['mailboxes'] as const;

/** The list carries each mailbox's sync status; it refreshes itself so a failing mailbox shows up without a reload. */
export function useMailboxes(opts: { deleted: boolean }) {
  return useQuery({
    queryKey: [...MAILBOXES_KEY, 'list', opts.deleted],
    queryFn: () => api.get<Page<Mailbox>>('/mailboxes', { deleted: opts.deleted ? 'true' : undefined }),
    refetchInterval: 30_000,
  });
}

export function useSyncMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<SyncResult>(`/mailboxes/${id}/sync`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: MAILBOXES_KEY }),
  });
}
