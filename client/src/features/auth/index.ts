export { LoginForm } from './components/LoginForm';
export { AcceptInvitation } from './components/AcceptInvitation';
export { useSession, useLogout } from './hooks/use-session';
export type { CurrentUser, Session } from './types';
export { useOrganisations } from './api/get-organisations';
