import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Contact, ContactCreateInput } from '../../../domain/contacts/contact.schema.js';
import { api, type Page } from '../../app/api/client.js';

export type ContactFilters = {
  q?: string;
  accountId?: string | null;
  ownerId?: string | null;
  sort: string;
  deleted?: boolean;
};

export const contactKeys = {
  all: ['contacts'] as const,
  list: (filters: ContactFilters) => ['contacts', 'list', filters] as const,
  detail: (id: string) => ['contacts', 'detail', id] as const,
};

export function useContactList(filters: ContactFilters, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: contactKeys.list(filters),
    queryFn: ({ pageParam }) =>
      api.get<Page<Contact>>('/contacts', {
        limit: pageSize,
        cursor: pageParam,
        sort: filters.sort,
        q: filters.q,
        accountId: filters.accountId,
        ownerId: filters.ownerId,
        deleted: filters.deleted ? 'true' : undefined,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const fetchContact = (id: string) => api.get<Contact>(`/contacts/${id}`);

export function useContact(id: string) {
  return useQuery({ queryKey: contactKeys.detail(id), queryFn: () => fetchContact(id) });
}

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ContactCreateInput) => api.post<Contact>('/contacts', input),
    onSuccess: (contact) => {
      void queryClient.invalidateQueries({ queryKey: contactKeys.all });
      // The account's Stream gains a "contact added" entry.
      if (contact.accountId) void queryClient.invalidateQueries({ queryKey: ['stream', 'accounts', contact.accountId] });
    },
  });
}

export function updateContact(id: string, patch: Record<string, unknown>, version: number) {
  return api.patch<Contact>(`/contacts/${id}`, patch, version);
}

export function useDeleteContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/contacts/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactKeys.all }),
  });
}

export function useRestoreContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Contact>(`/contacts/${id}/restore`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactKeys.all }),
  });
}
