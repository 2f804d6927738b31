/** Linli contracts: the zod schemas, route table and error codes that server and web share. */
export * from './errors.ts';
export * from './roles.ts';
export * from './jurisdiction.ts';
export * from './auth.ts';
export * from './users.ts';
export * from './audit.ts';
export * from './tokens.ts';
export * from './common.ts';
export * from './registry.ts';
export * from './registry-io.ts';
export * from './visits.ts';
export * from './routes.ts';
export * from './validators/index.ts';
