/** Sign-in, the current user, and password changes. */
import { z } from 'zod';
import { Permission, Role } from './roles.ts';
import { NodeLevel } from './jurisdiction.ts';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});

export const RoleAssignment = z.object({
  role: Role,
  nodeId: z.number().int().nullable(),
  nodeName: z.string().nullable(),
  nodeLevel: NodeLevel.nullable(),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const Me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  roles: z.array(RoleAssignment),
  permissions: z.array(Permission),
  csrfToken: z.string(),
  sessionExpiresAt: z.string(),
});
export type Me = z.infer<typeof Me>;

/** The password policy (等保 2.0): at least 8 characters from at least 3 of 4 classes. */
export function checkPasswordStrength(password: string): boolean {
  if (password.length < 8) return false;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  return classes >= 3;
}
