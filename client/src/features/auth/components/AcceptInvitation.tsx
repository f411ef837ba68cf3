import { useId, useState, type FormEvent } from 'react';
import { AppError, passwordMinLength } from '@moskino/shared';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useAcceptInvitation, useInvitation } from '../api/invitation';

/** The page an invitation link opens: who is invited to what, then a password (and name) to sign in. */
export function AcceptInvitation({ token, onAccepted }: { token: string; onAccepted: () => void }) {
  const { t, lang, formatDateTime } = useI18n();
  const id = useId();
  const info = useInvitation(token);
  const accept = useAcceptInvitation(token);
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (info.isPending) return <p role="status">{t('state.loading')}</p>;
  if (info.error) {
    const e = info.error;
    const text =
      e instanceof AppError && e.status === 410
        ? t('invite.gone')
        : e instanceof AppError && e.status === 404
          ? t('invite.unknown')
          : e instanceof AppError && e.status === 0
            ? t('state.serverDown')
            : t('state.error');
    return (
      <section className="card narrow">
        <h1>{t('invite.title')}</h1>
        <p role="alert" className="error">
          {text}
        </p>
      </section>
    );
  }
  const inv = info.data;
  const shownName = name ?? inv.name ?? '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password.length < passwordMinLength) return setError(t('invite.tooShort'));
    if (password !== password2) return setError(t('invite.mismatch'));
    setError(null);
    accept.mutate({ password, ...(shownName.trim() ? { name: shownName.trim() } : {}) }, { onSuccess: onAccepted });
  };
  const serverError = accept.error
    ? accept.error instanceof AppError && accept.error.status === 410
      ? t('invite.gone')
      : accept.error instanceof AppError && accept.error.status === 0
        ? t('state.serverDown')
        : accept.error.message
    : null;

  return (
    <form className="form card narrow" onSubmit={submit} aria-labelledby={`${id}-h`} noValidate>
      <h1 id={`${id}-h`}>{t('invite.title')}</h1>
      <p>
        {t('invite.for', {
          email: inv.email,
          role: t(`role.${inv.role}` as MessageKey),
          org: inv.organisation.name[lang],
        })}
      </p>
      <p className="muted">{t('invite.expires', { date: formatDateTime(inv.expiresAt) })}</p>
      <label>
        {t('invite.name')}
        <input name="name" autoComplete="name" value={shownName} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('invite.password', { n: passwordMinLength })}
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          minLength={passwordMinLength}
          aria-invalid={!!error}
        />
      </label>
      <label>
        {t('invite.password2')}
        <input
          name="password2"
          type="password"
          autoComplete="new-password"
          value={password2}
          onChange={(e) => setPassword2(e.target.value)}
          required
          aria-invalid={!!error}
        />
      </label>
      {(error ?? serverError) && (
        <p role="alert" className="error">
          {error ?? serverError}
        </p>
      )}
      <button type="submit" className="primary" disabled={accept.isPending}>
        {accept.isPending ? t('invite.submitting') : t('invite.submit')}
      </button>
    </form>
  );
}
