/** Roles and the jurisdiction levels they are held on. */
import { z } from 'zod';

export const roles = [
  'sys_admin',
  'district_staff',
  'street_staff',
  'community_director',
  'community_worker',
  'window_clerk',
  'grid_worker',
  'department_handler',
  'volunteer',
  'resident',
] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  sys_admin: { zh: '系统管理员', en: 'System administrator' },
  district_staff: { zh: '区级工作人员', en: 'District staff' },
  street_staff: { zh: '街道工作人员', en: 'Street-office staff' },
  community_director: { zh: '社区书记/主任', en: 'Community secretary/director' },
  community_worker: { zh: '社区工作者', en: 'Community worker' },
  window_clerk: { zh: '窗口/热线受理员', en: 'Window clerk / hotline operator' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  department_handler: { zh: '职能部门承办人', en: 'Department handler' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  resident: { zh: '居民', en: 'Resident' },
};

/** Rank: a user may grant only roles of a rank at or below their own highest rank. */
export const roleRank: Record<Role, number> = {
  sys_admin: 100,
  district_staff: 80,
  street_staff: 60,
  department_handler: 40,
  community_director: 50,
  community_worker: 30,
  window_clerk: 30,
  grid_worker: 20,
  volunteer: 10,
  resident: 0,
};

/** Permissions named in the policy files of the server's modules. */
export const permissions = [
  'jurisdiction.read',
  'jurisdiction.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'token.manage',
  'registry.read',
  'registry.manage',
  'registry.reveal',
  'registry.sensitive',
  'registry.configure',
  'request.read',
  'request.intake',
  'request.dispatch',
  'request.handle',
  'request.claim',
  'request.supervise',
  'request.configure',
] as const;
export const Permission = z.enum(permissions);
export type Permission = z.infer<typeof Permission>;
