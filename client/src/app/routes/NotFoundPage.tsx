import { Link, useRouteError } from 'react-router-dom';
import { useI18n } from '../../lib/i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="card">
      <h1>{t('state.notFound')}</h1>
      <Link to="/">{t('state.backHome')}</Link>
    </section>
  );
}

/** Last resort: a render error shows a message, never a blank page. */
export function RouteErrorPage() {
  const { t } = useI18n();
  const error = useRouteError();
  return (
    <main className="card" role="alert">
      <h1>{t('state.error')}</h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      <a href="/">{t('state.backHome')}</a>
    </main>
  );
}
