import { z } from 'zod';
import { roleSchema } from './auth.js';

/** Production companies (crew), partner organisations (read-only availability) and the cluster itself (staff). */
export const organisationKinds = ['production', 'partner', 'cluster'] as const;
export const organisationKindSchema = z.enum(organisationKinds);
export type OrganisationKind = z.infer<typeof organisationKindSchema>;

/** An organisation's name: in both languages, or one plain name shown in both. */
export const organisationNameSchema = z.union([
  z.string().trim().min(1).max(200),
  z.object({ ru: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }),
]);
export type OrganisationName = z.infer<typeof organisationNameSchema>;

export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, 'Expected a 24-character hex id');

export const organisationSchema = z.object({
  id: z.string(),
  kind: organisationKindSchema,
  name: z.object({ ru: z.string(), en: z.string() }),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  organisationId: z.string(),
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const passwordMinLength = 10;
export const passwordMaxLength = 200;
export const passwordSchema = z
  .string()
  .min(passwordMinLength, `At least ${passwordMinLength} characters`)
  .max(passwordMaxLength, `At most ${passwordMaxLength} characters`);

/** Email as typed: trimmed and lower-cased. */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** Login accepts any string for the password: a too-short one is simply wrong (401), never a hint. */
export const loginBodySchema = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(passwordMaxLength),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** Answer of login, `GET /api/auth/me` and invitation acceptance. */
export const sessionInfoSchema = z.object({
  user: userSchema,
  organisation: organisationSchema,
  /** Send back in the `X-CSRF-Token` header on every POST/PATCH/PUT/DELETE. */
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const createInvitationBodySchema = z.strictObject({
  email: emailSchema,
  role: roleSchema,
  organisationId: objectIdSchema,
  name: z.string().trim().min(1).max(200).optional(),
});
export type CreateInvitationBody = z.infer<typeof createInvitationBodySchema>;

export const invitationCreatedSchema = z.object({
  /** Path of the client's acceptance page, relative to the site's origin. */
  inviteUrl: z.string(),
  /** Shown once: only its hash is stored. */
  token: z.string(),
  expiresAt: z.string(),
});
export type InvitationCreated = z.infer<typeof invitationCreatedSchema>;

/** What the public invitation page shows: who is invited, to what. */
export const invitationInfoSchema = z.object({
  email: z.string(),
  name: z.string().nullable(),
  role: roleSchema,
  organisation: organisationSchema,
  expiresAt: z.string(),
});
export type InvitationInfo = z.infer<typeof invitationInfoSchema>;

export const acceptInvitationBodySchema = z.strictObject({
  password: passwordSchema,
  name: z.string().trim().min(1).max(200).optional(),
});
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBodySchema>;

export const userListQuerySchema = z.strictObject({
  organisationId: objectIdSchema.optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const createOrganisationBodySchema = z.strictObject({
  kind: organisationKindSchema,
  name: organisationNameSchema,
});
export type CreateOrganisationBody = z.infer<typeof createOrganisationBodySchema>;
