import type { Role } from '@moskino/shared';
import { QueryState } from '../../../components/QueryState';
import { useI18n } from '../../../lib/i18n';
import { useOrganisations } from '../../../lib/organisations';
import { useUsers } from '../api/get-users';
import { permissionsOf } from '../lib/roles';
import { InviteForm } from './InviteForm';
import { OrganisationForm } from './OrganisationForm';
import { UsersTable } from './UsersTable';
import './users.css';

export interface UsersAdminProps {
  /** The signed-in user's role: what the screen offers follows the route table's access rules. */
  viewerRole: Role;
  viewerId: string;
}

/** The users and invitations screen of the staff console. */
export function UsersAdmin({ viewerRole, viewerId }: UsersAdminProps) {
  const { t } = useI18n();
  const users = useUsers();
  const organisations = useOrganisations();
  const can = permissionsOf(viewerRole);
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('users.title')}</h2>
      <p className="muted">{t('users.intro')}</p>
      {!users.data || !organisations.data ? (
        <QueryState
          error={users.error ?? organisations.error}
          onRetry={() => {
            if (users.error) void users.refetch();
            if (organisations.error) void organisations.refetch();
          }}
        />
      ) : (
        <div className="users-layout">
          <UsersTable
            users={users.data}
            organisations={organisations.data}
            viewerId={viewerId}
            canSetActive={can.canSetActive}
          />
          <div className="users-side">
            {can.invitableRoles.length > 0 && (
              <InviteForm organisations={organisations.data} invitableRoles={can.invitableRoles} />
            )}
            {can.canCreateOrganisations && <OrganisationForm />}
          </div>
        </div>
      )}
    </section>
  );
}
