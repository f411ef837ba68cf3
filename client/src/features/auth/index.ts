export { LoginForm } from './components/LoginForm';
export { AcceptInvitation } from './components/AcceptInvitation';
export { useSession, useLogout } from './hooks/use-session';
export { meQueryKey } from './api/get-me';
export type { CurrentUser, Session } from './types';
