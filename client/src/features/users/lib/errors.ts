import { AppError, type Role } from '@moskino/shared';
import type { I18n, MessageKey } from '../../../lib/i18n';
import { orgKindForRole } from './roles';

export type Action = 'invite' | 'set-active' | 'organisation';

/** A refusal as the screen shows it: one message, and messages per form field where the server named one. */
export interface Refusal {
  message: string;
  fields: Record<string, string>;
}

const fieldKeys: Record<string, MessageKey> = {
  email: 'users.invite.err.email',
  role: 'users.invite.err.role',
  organisationId: 'users.invite.err.organisationId',
  name: 'users.invite.err.name',
};

/**
 * Turns an API error (the shared `AppError`) into words for this screen. Known refusals of the
 * auth service are translated; anything else shows the server's own message.
 */
export function describeRefusal(err: unknown, t: I18n['t'], action: Action, role?: Role): Refusal {
  if (!(err instanceof AppError)) return { message: t('state.error'), fields: {} };
  if (err.status === 0 || err.status >= 500) return { message: t('state.serverDown'), fields: {} };
  if (err.status === 401) return { message: t('users.err.signIn'), fields: {} };
  const roleLabel = role ? t(`role.${role}` as MessageKey) : '';
  switch (err.code) {
    case 'conflict':
      return action === 'invite'
        ? { message: t('users.err.exists'), fields: { email: t('users.err.exists') } }
        : { message: action === 'set-active' ? t('users.err.self') : err.message, fields: {} };
    case 'forbidden':
      return action === 'invite'
        ? { message: t('users.err.onlyAdmin'), fields: { role: t('users.err.onlyAdmin') } }
        : { message: t('users.err.forbidden'), fields: {} };
    case 'not_found':
      return action === 'invite'
        ? { message: t('users.err.noOrg'), fields: { organisationId: t('users.err.noOrg') } }
        : { message: t(action === 'set-active' ? 'users.err.noUser' : 'users.err.noOrg'), fields: {} };
    case 'validation_failed': {
      const details = (err.details ?? {}) as { fields?: string[]; issues?: Array<{ path: string }> };
      if (action === 'invite' && role && details.fields?.includes('organisationId')) {
        const kind = t(`users.orgKind.${orgKindForRole[role]}` as MessageKey);
        const message = t('users.err.kind', { role: roleLabel, kind });
        return { message, fields: { organisationId: message } };
      }
      const fields: Record<string, string> = {};
      for (const issue of details.issues ?? []) {
        const key = issue.path.split('.')[0] ?? '';
        const text = fieldKeys[key];
        if (text) fields[key] = t(text);
      }
      return { message: t('users.err.server', { message: err.message }), fields };
    }
    default:
      return { message: t('users.err.server', { message: err.message }), fields: {} };
  }
}
