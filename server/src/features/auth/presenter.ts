import type { Organisation, Role, User } from '@moskino/shared';
import type { OrganisationDoc, UserDoc } from './models.js';

/** Never passwordHash, never token hashes: only the fields listed here leave the server. */
export function presentUser(doc: UserDoc): User {
  return {
    id: String(doc._id),
    email: doc.email,
    name: doc.name,
    role: doc.role as Role,
    organisationId: String(doc.organisationId),
    active: doc.active,
  };
}

export function presentOrganisation(doc: OrganisationDoc): Organisation {
  return {
    id: String(doc._id),
    kind: doc.kind as Organisation['kind'],
    name: { ru: doc.name!.ru, en: doc.name!.en },
  };
}
