import { z } from 'zod';

/** crew books for its production company; staff run the booking office; admins also manage users
 * and the catalogue; partners only see availability. */
export const roles = ['crew', 'staff', 'admin', 'partner'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const staffRoles: readonly Role[] = ['staff', 'admin'];
export function isStaff(role: Role): boolean {
  return role === 'staff' || role === 'admin';
}
