/** Auth: signing in and out, the current user (`Me`), and password changes. */
export {
  meQueryKey,
  fetchMe,
  forgetSession,
  useMeQuery,
  useLogin,
  useLogout,
  useChangePassword,
  SessionContext,
  useSession,
  useHasPermission,
} from './session.ts';
export { setSessionNotice } from './session-notice.ts';
export { describePassword } from './password-policy.ts';
export { LoginForm } from './login-form.tsx';
export { ChangePasswordForm } from './change-password-form.tsx';
