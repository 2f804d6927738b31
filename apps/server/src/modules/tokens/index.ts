/** Tokens: API keys for machine clients (Open311, a city 12345 platform), scoped to a node. */
export { createTokensService, type TokensService } from './tokens.service.ts';
export { tokensHandlers } from './tokens.routes.ts';
export { tokensPolicy } from './tokens.policy.ts';
