export { LoginForm } from './components/LoginForm';
export { useSession, useLogout } from './hooks/use-session';
export type { CurrentUser, Session } from './types';
