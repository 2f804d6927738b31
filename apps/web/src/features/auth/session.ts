/** The signed-in user (`Me`) as server state, and the calls that change it. */
import { createContext, useContext } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { routes, type Me, type Permission } from '@linli/contracts';
import type { z } from 'zod';
import { apiCall, clearCsrfToken } from '../../lib/api.ts';
import { ApiError } from '../../lib/api-error.ts';

export const meQueryKey = ['auth', 'me'] as const;

/** The current user, or null when nobody is signed in. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await apiCall(routes.me, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.isSessionLost) return null;
    throw error;
  }
}

/** The `Me` query; `data` is null when signed out. */
export function useMeQuery() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Forgets the session on the client: the user object, cached data and the CSRF token. */
export function forgetSession(queryClient: QueryClient): void {
  clearCsrfToken();
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
  queryClient.setQueryData(meQueryKey, null);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof routes.login.body>) => apiCall(routes.login, { body }),
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiCall(routes.logout),
    // Signing out locally must not depend on the server answering.
    onSettled: () => forgetSession(queryClient),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof routes.changePassword.body>) => apiCall(routes.changePassword, { body }),
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}

/** The signed-in user inside guarded screens. */
export const SessionContext = createContext<Me | null>(null);

/** The signed-in user; only for components rendered below the session guard. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() used outside the session guard');
  return me;
}

/** True when the signed-in user holds the permission somewhere. */
export function useHasPermission(permission: Permission): boolean {
  return useSession().permissions.includes(permission);
}
