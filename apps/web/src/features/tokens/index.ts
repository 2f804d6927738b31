/** API tokens (API 令牌) for machine clients, scoped to one node, the secret shown once. */
export { useTokens } from './token-queries.ts';
export { TokensTable } from './tokens-table.tsx';
export { CreateTokenModal } from './create-token-modal.tsx';
