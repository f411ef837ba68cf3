import type { ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n';
import { QueryState } from '../../../components/QueryState';

/** What feed tokens and API keys have in common: shown by name and prefix, never by secret. */
export interface IssuedSecret {
  id: string;
  name: string;
  prefix: string;
  revokedAt?: string | null;
}

export interface SecretColumn<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

/**
 * The list of issued feed tokens or API keys: loading/error and empty states, a table with the
 * given columns between the name and the status, and a revoke button on each live one.
 */
export function SecretsTable<T extends IssuedSecret>({
  title,
  query,
  empty,
  testId,
  columns,
  onRevoke,
}: {
  title: string;
  query: { data?: T[]; error: unknown; refetch: () => unknown };
  empty: string;
  testId: string;
  columns: SecretColumn<T>[];
  onRevoke: (item: T) => void;
}) {
  const { t, formatDateTime } = useI18n();
  return (
    <>
      <h3>{title}</h3>
      {!query.data ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="feeds-table" data-testid={testId}>
            <thead>
              <tr>
                <th scope="col">{t('feeds.name')}</th>
                {columns.map((c) => (
                  <th scope="col" key={c.header}>
                    {c.header}
                  </th>
                ))}
                <th scope="col">{t('feeds.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('feeds.revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.name}</th>
                  {columns.map((c) => (
                    <td key={c.header}>{c.cell(item)}</td>
                  ))}
                  <td>
                    {item.revokedAt
                      ? t('feeds.revokedAt', { date: formatDateTime(item.revokedAt) })
                      : t('feeds.active')}
                  </td>
                  <td>
                    {!item.revokedAt && (
                      <button
                        type="button"
                        aria-label={t('feeds.revokeOne', { name: item.name })}
                        onClick={() => onRevoke(item)}
                      >
                        {t('feeds.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The prefix of a secret, as the list shows it. */
export const prefixCell = (item: IssuedSecret) => <code>{item.prefix}…</code>;
