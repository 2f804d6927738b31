/** Server state of users: the paged list and the calls that change a user. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routes, type Role, type User } from '@linli/contracts';
import type { z } from 'zod';
import { apiCall } from '../../lib/api.ts';
import { rememberNodes } from '../jurisdiction/index.ts';

export interface UserFilters {
  q?: string;
  role?: Role;
  nodeId?: number;
  page: number;
  pageSize: number;
}

export const userKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters) => ['users', 'list', filters] as const,
};

function rememberUserNodes(users: readonly User[]): void {
  rememberNodes(
    users.flatMap((u) =>
      u.roles.flatMap((r) => (r.nodeId !== null && r.nodeName !== null ? [{ id: r.nodeId, name: r.nodeName }] : [])),
    ),
  );
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: userKeys.list(filters),
    queryFn: async ({ signal }) => {
      const page = await apiCall(routes.listUsers, { query: filters, signal });
      rememberUserNodes(page.items);
      return page;
    },
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<TVars, TResult>(call: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useCreateUser() {
  return useUserMutation((body: z.input<typeof routes.createUser.body>) => apiCall(routes.createUser, { body }));
}

export function useUpdateUser() {
  return useUserMutation(({ id, body }: { id: number; body: z.input<typeof routes.updateUser.body> }) =>
    apiCall(routes.updateUser, { params: { id }, body }),
  );
}

export function useResetPassword() {
  return useUserMutation((id: number) => apiCall(routes.resetPassword, { params: { id } }));
}
