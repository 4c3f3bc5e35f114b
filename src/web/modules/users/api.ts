import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Team, User } from '../../../domain/users/user.schema.js';
import { api, type Page } from '../../app/api/client.js';
import { useFormat } from '../../app/i18n/format.js';

export const USERS_KEY = ['users'] as const;
export const TEAMS_KEY = ['teams'] as const;

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: () => api.get<Page<User>>('/users'), staleTime: 5 * 60_000 });
}

export function useTeams() {
  return useQuery({ queryKey: TEAMS_KEY, queryFn: () => api.get<Page<Team>>('/teams'), staleTime: 5 * 60_000 });
}

/** Users sorted by name with the user's collation (Czech: Č after C, Ch after H). */
export function useSortedUsers(): User[] {
  const { data } = useUsers();
  const { compare } = useFormat();
  return useMemo(() => [...(data?.data ?? [])].sort((a, b) => compare(a.name, b.name)), [data, compare]);
}

export function useUserOptions(opts: { activeOnly?: boolean } = {}) {
  const users = useSortedUsers();
  return useMemo(
    () => users.filter((u) => !opts.activeOnly || u.active).map((u) => ({ value: u.id, label: u.name })),
    [users, opts.activeOnly],
  );
}

export function useUserName(): (id: string | null | undefined) => string | null {
  const { data } = useUsers();
  return useMemo(() => {
    const byId = new Map((data?.data ?? []).map((u) => [u.id, u.name]));
    return (id) => (id ? (byId.get(id) ?? null) : null);
  }, [data]);
}
