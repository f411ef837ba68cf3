import { roles, type OrganisationKind, type Role } from '@moskino/shared';

/**
 * The organisation kind each role belongs to. The same rule as the server's `orgKindForRole`
 * (server/src/features/auth/service.ts), which refuses an invitation that breaks it: here it only
 * narrows the organisations offered.
 */
export const orgKindForRole: Record<Role, OrganisationKind> = {
  crew: 'production',
  partner: 'partner',
  staff: 'cluster',
  admin: 'cluster',
};

/** What the route table lets each role do on this screen (server/src/features/auth/routes.ts). */
export interface UsersPermissions {
  /** `POST /api/invitations`: staff invite crew and partners, admins anyone. */
  invitableRoles: Role[];
  /** `POST /api/users/:id/deactivate|activate`: admins only. */
  canSetActive: boolean;
  /** `POST /api/organisations`: staff and admins. */
  canCreateOrganisations: boolean;
}

export function permissionsOf(viewer: Role): UsersPermissions {
  const staff = viewer === 'staff' || viewer === 'admin';
  return {
    invitableRoles: viewer === 'admin' ? [...roles] : staff ? ['crew', 'partner'] : [],
    canSetActive: viewer === 'admin',
    canCreateOrganisations: staff,
  };
}
