import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Account, AccountCreateInput, AccountUpdateInput } from '../../../domain/accounts/account.schema.js';
import { api, apiRequest, type Page } from '../../app/api/client.js';

export type AccountFilters = {
  q?: string;
  type?: string | null;
  ownerId?: string | null;
  industry?: string;
  parentId?: string;
  sort: string;
  deleted?: boolean;
};

export const accountKeys = {
  all: ['accounts'] as const,
  list: (filters: AccountFilters) => ['accounts', 'list', filters] as const,
  detail: (id: string) => ['accounts', 'detail', id] as const,
};

export function useAccountList(filters: AccountFilters, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: accountKeys.list(filters),
    queryFn: ({ pageParam }) =>
      api.get<Page<Account>>('/accounts', {
        limit: pageSize,
        cursor: pageParam,
        sort: filters.sort,
        q: filters.q,
        type: filters.type,
        ownerId: filters.ownerId,
        industry: filters.industry,
        parentId: filters.parentId,
        deleted: filters.deleted ? 'true' : undefined,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export async function fetchAccount(id: string): Promise<Account> {
  return (await apiRequest<Account>(`/accounts/${id}`)).data;
}

export function useAccount(id: string) {
  return useQuery({ queryKey: accountKeys.detail(id), queryFn: () => fetchAccount(id) });
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AccountCreateInput) => api.post<Account>('/accounts', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

export function updateAccount(id: string, patch: AccountUpdateInput, version: number) {
  return api.patch<Account>(`/accounts/${id}`, patch, version);
}

export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/accounts/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

export function useRestoreAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Account>(`/accounts/${id}/restore`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.all }),
  });
}
