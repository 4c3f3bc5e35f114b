import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { User } from '../../../domain/users/user.schema.js';
import { api, isApiError, setCsrfToken } from '../api/client.js';
import { applyLocale } from '../i18n/index.js';

export type Me = { user: User; csrfToken: string | null };
export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when nobody is signed in (the API answers 401). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api.get<Me>('/auth/me');
        rememberSession(me);
        return me;
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function rememberSession(me: Me) {
  setCsrfToken(me.csrfToken);
  applyLocale(me.user.locale);
}

/** The signed-in user; only for components rendered inside RequireAuth. */
export function useCurrentUser(): User {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser used outside a signed-in page');
  return data.user;
}

/** Marketing reads everything but edits nothing (the server enforces it; the UI just does not offer it). */
export function useCanEdit(): boolean {
  return useCurrentUser().role !== 'marketing';
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await api.post('/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, null);
  }, [queryClient]);
}
