import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { StreamEntry } from '../../../domain/stream/stream.schema.js';
import { api, type Page } from '../../app/api/client.js';

/** API collection a record lives in: `accounts`, `contacts`, … */
export type StreamOwner = { resource: string; id: string };

export const streamKey = (owner: StreamOwner) => ['stream', owner.resource, owner.id] as const;

export function useStream(owner: StreamOwner) {
  return useInfiniteQuery({
    queryKey: streamKey(owner),
    queryFn: ({ pageParam }) =>
      api.get<Page<StreamEntry>>(`/${owner.resource}/${owner.id}/stream`, { limit: 25, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function usePostNote(owner: StreamOwner) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.post<StreamEntry>(`/${owner.resource}/${owner.id}/stream`, { type: 'note', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: streamKey(owner) }),
  });
}
