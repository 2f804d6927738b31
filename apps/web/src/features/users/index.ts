/** Users and roles (用户与角色): accounts, role grants on nodes, one-time initial passwords. */
export { useUsers, type UserFilters } from './user-queries.ts';
export { UsersTable } from './users-table.tsx';
export { UserFilterBar, type UserFilterValues } from './user-filters.tsx';
export { CreateUserModal, EditUserModal } from './user-form-modal.tsx';
export { grantableRoles } from './grantable-roles.ts';
