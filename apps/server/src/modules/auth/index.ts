/** Auth: sign-in with lockout, server-side sessions with idle and absolute limits, password changes. */
export { createAuthService, sha256, type AuthService, type AuthSettings } from './auth.service.ts';
export { authHandlers, SESSION_COOKIE } from './auth.routes.ts';
