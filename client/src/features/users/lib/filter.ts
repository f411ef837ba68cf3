import type { Role, User } from '@moskino/shared';

export interface UsersFilter {
  /** Part of the name or email, any case (ё and е match each other). */
  q: string;
  role: Role | '';
  organisationId: string;
}

export const emptyFilter: UsersFilter = { q: '', role: '', organisationId: '' };

const fold = (s: string) => s.toLocaleLowerCase('ru').replace(/ё/g, 'е').trim();

export function filterUsers(users: readonly User[], f: UsersFilter): User[] {
  const q = fold(f.q);
  return users.filter(
    (u) =>
      (!f.role || u.role === f.role) &&
      (!f.organisationId || u.organisationId === f.organisationId) &&
      (!q || fold(u.name).includes(q) || fold(u.email).includes(q)),
  );
}

export const isFiltered = (f: UsersFilter) => !!(f.q.trim() || f.role || f.organisationId);
