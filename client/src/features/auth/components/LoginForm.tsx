import { useState, type FormEvent } from 'react';
import { AppError } from '@moskino/shared';
import { useI18n } from '../../../lib/i18n';
import { useLogin } from '../hooks/use-session';

export function LoginForm({ onSignedIn }: { onSignedIn?: () => void }) {
  const { t } = useI18n();
  const mutation = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate({ email, password }, { onSuccess: () => onSignedIn?.() });
  };

  const err = mutation.error;
  const message =
    err instanceof AppError
      ? err.status === 401
        ? t('auth.invalid')
        : err.status === 429
          ? t('auth.rateLimited')
          : err.status === 404
            ? t('auth.unavailable')
            : err.status === 0
              ? t('state.serverDown')
              : err.message
      : err
        ? t('state.error')
        : null;

  return (
    <form className="card form narrow" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">{t('auth.title')}</h1>
      <label>
        {t('auth.email')}
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        {t('auth.password')}
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      <button type="submit" className="primary" disabled={mutation.isPending}>
        {mutation.isPending ? t('auth.submitting') : t('auth.submit')}
      </button>
    </form>
  );
}
