/** Users: accounts, the roles they hold on nodes (their data scope), password resets. */
export { createUsersService, type UsersService } from './users.service.ts';
export { usersHandlers } from './users.routes.ts';
export { usersPolicy, canGrant } from './users.policy.ts';
