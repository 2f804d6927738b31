/** Users and their role assignments. */
import { z } from 'zod';
import { Role } from './roles.ts';
import { RoleAssignment } from './auth.ts';

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  roles: z.array(RoleAssignment),
});
export type User = z.infer<typeof User>;

const username = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, '用户名为 3–32 位小写字母、数字、点、下划线或连字符，以字母或数字开头');

export const RoleGrant = z.strictObject({ role: Role, nodeId: z.number().int().positive().nullable() });

export const CreateUserBody = z.strictObject({
  username,
  displayName: z.string().trim().min(1, '请输入姓名').max(40),
  roles: z.array(RoleGrant).min(1, '至少分配一个角色').max(20),
});

export const UpdateUserBody = z.strictObject({
  displayName: z.string().trim().min(1).max(40).optional(),
  isActive: z.boolean().optional(),
  roles: z.array(RoleGrant).min(1, '至少分配一个角色').max(20).optional(),
});

export const UserListQuery = z.strictObject({
  q: z.string().trim().max(60).optional(),
  nodeId: z.coerce.number().int().positive().optional(),
  role: Role.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** Answer to create/reset: the one-time initial password, shown once. */
export const InitialPassword = z.object({ user: User, initialPassword: z.string() });
