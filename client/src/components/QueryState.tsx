import { AppError } from '@moskino/shared';
import { useI18n } from '../lib/i18n';

/** Loading / error (server down or not) for a page's main queries. */
export function QueryState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  if (!error)
    return (
      <p className="loading" role="status">
        {t('state.loading')}
      </p>
    );
  const down = error instanceof AppError && (error.status === 0 || error.status >= 500);
  return (
    <div role="alert" className="card error-state">
      <p>{down ? t('state.serverDown') : t('state.error')}</p>
      <button type="button" onClick={onRetry}>
        {t('state.retry')}
      </button>
    </div>
  );
}
