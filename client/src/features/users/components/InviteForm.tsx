import { useId, useState, type FormEvent } from 'react';
import {
  createInvitationBodySchema,
  type CreateInvitationBody,
  type InvitationCreated,
  type Organisation,
  type Role,
} from '@moskino/shared';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useCreateInvitation } from '../api/create-invitation';
import { describeRefusal } from '../lib/errors';
import { orgKindForRole } from '../lib/roles';
import { InvitationLink } from './InvitationLink';

type Field = 'email' | 'role' | 'organisationId' | 'name';
const fieldOrder: Field[] = ['email', 'name', 'role', 'organisationId'];
const fieldError: Record<Field, MessageKey> = {
  email: 'users.invite.err.email',
  role: 'users.invite.err.role',
  organisationId: 'users.invite.err.organisationId',
  name: 'users.invite.err.name',
};

export interface InviteFormProps {
  organisations: Organisation[];
  /** The roles the signed-in user may invite (staff: crew and partners; admins: all). */
  invitableRoles: Role[];
}

/**
 * Invite a user: email, optional name, role, and an organisation of the kind the role needs.
 * Checked with the shared `createInvitationBodySchema` before sending; the server's refusals are
 * shown inline. On success the link is shown once, with its expiry in Moscow time.
 */
export function InviteForm({ organisations, invitableRoles }: InviteFormProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const invite = useCreateInvitation();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(invitableRoles[0] ?? 'crew');
  const [chosenOrg, setChosenOrg] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [created, setCreated] = useState<{ invitation: InvitationCreated; email: string } | null>(null);

  const kind = orgKindForRole[role];
  const kindLabel = t(`users.orgKind.${kind}` as MessageKey);
  const matching = organisations.filter((o) => o.kind === kind);
  // The chosen organisation while it fits the role; the only one of the right kind otherwise.
  const organisationId = matching.some((o) => o.id === chosenOrg)
    ? chosenOrg
    : matching.length === 1
      ? matching[0]!.id
      : '';

  const refusal = invite.error ? describeRefusal(invite.error, t, 'invite', role) : null;
  const shown: Partial<Record<Field, string>> = { ...(refusal?.fields ?? {}), ...errors };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const draft: Record<string, string> = { email, role, organisationId };
    if (name.trim()) draft.name = name;
    const parsed = createInvitationBodySchema.safeParse(draft);
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as Field;
        if (field in fieldError) next[field] = t(fieldError[field]);
      }
      setErrors(next);
      const first = fieldOrder.find((f) => next[f]);
      if (first) (form.elements.namedItem(first) as HTMLElement | null)?.focus();
      return;
    }
    setErrors({});
    const body: CreateInvitationBody = parsed.data;
    invite.mutate(body, {
      onSuccess: (invitation) => {
        setCreated({ invitation, email: body.email });
        setEmail('');
        setName('');
        setChosenOrg('');
      },
    });
  };

  if (created)
    return (
      <InvitationLink
        invitation={created.invitation}
        email={created.email}
        onDone={() => {
          setCreated(null);
          invite.reset();
        }}
      />
    );

  const describedBy = (f: Field, hint?: string) =>
    [shown[f] ? `${id}-${f}-err` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;
  const errorOf = (f: Field) =>
    shown[f] ? (
      <span id={`${id}-${f}-err`} className="field-error">
        {shown[f]}
      </span>
    ) : null;

  return (
    <form className="card form users-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('users.invite.title')}</h3>
      <label>
        {t('users.invite.email')}
        <input
          name="email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          aria-invalid={!!shown.email}
          aria-describedby={describedBy('email')}
        />
      </label>
      {errorOf('email')}
      <label>
        {t('users.invite.name')}
        <input
          name="name"
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          aria-invalid={!!shown.name}
          aria-describedby={describedBy('name')}
        />
      </label>
      {errorOf('name')}
      <label>
        {t('users.invite.role')}
        <select
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          aria-invalid={!!shown.role}
          aria-describedby={describedBy('role', invitableRoles.includes('admin') ? undefined : `${id}-staff-note`)}
        >
          {invitableRoles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {errorOf('role')}
      {!invitableRoles.includes('admin') && (
        <p id={`${id}-staff-note`} className="muted">
          {t('users.invite.staffNote')}
        </p>
      )}
      <label>
        {t('users.invite.organisation')}
        <select
          name="organisationId"
          value={organisationId}
          onChange={(e) => setChosenOrg(e.target.value)}
          required
          aria-invalid={!!shown.organisationId}
          aria-describedby={describedBy('organisationId', `${id}-org-hint`)}
        >
          <option value="">{t('users.invite.choose')}</option>
          {matching.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name[lang]}
            </option>
          ))}
        </select>
      </label>
      {errorOf('organisationId')}
      <p id={`${id}-org-hint`} className="muted">
        {matching.length
          ? t('users.invite.orgHint', { role: t(`role.${role}` as MessageKey), kind: kindLabel })
          : t('users.invite.noOrgs', { kind: kindLabel })}
      </p>
      {Object.keys(errors).length > 0 && (
        <p role="alert" className="error">
          {t('users.invite.fix')}
        </p>
      )}
      {refusal && !Object.keys(errors).length && (
        <p role="alert" className="error">
          {refusal.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={invite.isPending}>
          {invite.isPending ? t('users.invite.submitting') : t('users.invite.submit')}
        </button>
      </div>
    </form>
  );
}
