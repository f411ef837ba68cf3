import { useId, useMemo, useRef, useState } from 'react';
import { roles, type Organisation, type Role, type User } from '@moskino/shared';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useSetUserActive } from '../api/set-user-active';
import { describeRefusal } from '../lib/errors';
import { emptyFilter, filterUsers, isFiltered, type UsersFilter } from '../lib/filter';
import { ConfirmDialog } from '../../../components/ConfirmDialog';

export interface UsersTableProps {
  users: User[];
  organisations: Organisation[];
  /** The signed-in user (who cannot deactivate themselves). */
  viewerId: string;
  /** Admins deactivate and activate accounts; staff only see them. */
  canSetActive: boolean;
}

/** Users with their organisation, role and state, a filter by text, role and organisation, and (admins) deactivate/activate. */
export function UsersTable({ users, organisations, viewerId, canSetActive }: UsersTableProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const [filter, setFilter] = useState<UsersFilter>(emptyFilter);
  const [asking, setAsking] = useState<User | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const setActive = useSetUserActive();
  const orgName = useMemo(() => {
    const byId = new Map(organisations.map((o) => [o.id, o.name[lang]]));
    return (orgId: string) => byId.get(orgId) ?? '—';
  }, [organisations, lang]);
  const shown = useMemo(() => filterUsers(users, filter), [users, filter]);
  const set = <K extends keyof UsersFilter>(k: K, v: UsersFilter[K]) => setFilter((f) => ({ ...f, [k]: v }));

  const close = () => {
    setAsking(null);
    setActive.reset();
    const el = trigger.current;
    if (el?.isConnected) el.focus();
  };
  const confirm = () => {
    if (!asking) return;
    const target = asking;
    setActive.mutate(
      { id: target.id, active: !target.active },
      {
        onSuccess: (u) => {
          setDone(t(u.active ? 'users.activated' : 'users.deactivated', { name: u.name }));
          close();
        },
      },
    );
  };

  return (
    <section aria-labelledby={`${id}-title`} className="users-list">
      <h3 id={`${id}-title`}>{t('users.list')}</h3>
      <form
        className="card filters users-filters"
        role="search"
        aria-label={t('users.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          {t('users.q')}
          <input type="search" value={filter.q} onChange={(e) => set('q', e.target.value)} />
        </label>
        <label>
          {t('users.role')}
          <select value={filter.role} onChange={(e) => set('role', e.target.value as Role | '')}>
            <option value="">{t('users.anyRole')}</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('users.organisation')}
          <select value={filter.organisationId} onChange={(e) => set('organisationId', e.target.value)}>
            <option value="">{t('users.anyOrganisation')}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name[lang]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setFilter(emptyFilter)} disabled={!isFiltered(filter)}>
          {t('users.reset')}
        </button>
      </form>
      <p className="muted" aria-live="polite">
        {t('users.count', { n: shown.length, total: users.length })}
      </p>
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
      {users.length === 0 ? (
        <p className="empty card">{t('users.none')}</p>
      ) : shown.length === 0 ? (
        <p className="empty card">{t('users.noMatch')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table users-table" data-testid="users-table">
            <caption className="visually-hidden">{t('users.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.organisation')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.status')}</th>
                {canSetActive && <th scope="col">{t('users.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <tr key={u.id} className={u.active ? undefined : 'inactive'}>
                  <th scope="row">
                    {u.name}
                    {u.id === viewerId && <span className="muted"> ({t('users.you')})</span>}
                  </th>
                  <td className="wrap">{u.email}</td>
                  <td>{orgName(u.organisationId)}</td>
                  <td>{t(`role.${u.role}` as MessageKey)}</td>
                  <td>
                    <span className={`user-state ${u.active ? 'user-active' : 'user-inactive'}`}>
                      {u.active ? t('users.active') : t('users.inactive')}
                    </span>
                  </td>
                  {canSetActive && (
                    <td>
                      {u.id !== viewerId && (
                        <button
                          type="button"
                          aria-label={t(u.active ? 'users.deactivateOne' : 'users.activateOne', { name: u.name })}
                          onClick={(e) => {
                            trigger.current = e.currentTarget;
                            setDone(null);
                            setAsking(u);
                          }}
                        >
                          {u.active ? t('users.deactivate') : t('users.activate')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {asking && (
        <ConfirmDialog
          title={t(asking.active ? 'users.confirmDeactivateTitle' : 'users.confirmActivateTitle')}
          confirmLabel={t(asking.active ? 'users.deactivate' : 'users.activate')}
          pending={setActive.isPending}
          error={setActive.error ? describeRefusal(setActive.error, t, 'set-active').message : null}
          onConfirm={confirm}
          onCancel={close}
        >
          <p>
            {t(asking.active ? 'users.confirmDeactivate' : 'users.confirmActivate', {
              name: asking.name,
              email: asking.email,
            })}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
