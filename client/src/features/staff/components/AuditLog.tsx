import { useState, type FormEvent } from 'react';
import { AppError, auditEntities } from '@moskino/shared';
import { DateField } from '../../../components/DateField';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useOrganisations } from '../../../lib/organisations';
import { useAuditSearch, useUsers, type AuditFilters } from '../api/search-audit';
import { changedFields } from '../lib/audit-diff';
import './staff.css';

export interface AuditLogProps {
  filters: AuditFilters;
  onSearch: (f: AuditFilters) => void;
  /** Facilities to filter by (names in the UI language). */
  facilities: Array<{ id: string; label: string }>;
  facilityName: (id: string) => string;
}

const fields = ['user', 'organisation', 'facility', 'booking', 'entity', 'action', 'from', 'to'] as const;

/** Search the audit log by user, organisation, facility, booking, kind and date; each change with before and after. */
export function AuditLog({ filters, onSearch, facilities, facilityName }: AuditLogProps) {
  const { t, lang, formatDateTime } = useI18n();
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const [resets, setResets] = useState(0);
  const entries = useAuditSearch(filters);
  const users = useUsers();
  const orgs = useOrganisations();
  const userName = (id: string) => users.data?.find((u) => u.id === id)?.name ?? id;
  const orgName = (id: string | null) => (id ? (orgs.data?.find((o) => o.id === id)?.name[lang] ?? id) : '—');
  const set = (k: keyof AuditFilters, v: string) => setDraft((d) => ({ ...d, [k]: v || undefined }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(Object.fromEntries(fields.filter((k) => draft[k]).map((k) => [k, draft[k]!.trim()])) as AuditFilters);
  };

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <form className="card audit-filters" onSubmit={submit} aria-label={t('audit.filters')}>
        <label className="field">
          {t('audit.user')}
          <select aria-label={t('audit.user')} value={draft.user ?? ''} onChange={(e) => set('user', e.target.value)}>
            <option value="">{t('audit.any')}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('audit.organisation')}
          <select
            aria-label={t('audit.organisation')}
            value={draft.organisation ?? ''}
            onChange={(e) => set('organisation', e.target.value)}
          >
            <option value="">{t('audit.any')}</option>
            {(orgs.data ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name[lang]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('audit.facility')}
          <select
            aria-label={t('audit.facility')}
            value={draft.facility ?? ''}
            onChange={(e) => set('facility', e.target.value)}
          >
            <option value="">{t('audit.any')}</option>
            {facilities.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('audit.booking')}
          <input
            value={draft.booking ?? ''}
            onChange={(e) => set('booking', e.target.value)}
            pattern="[0-9a-fA-F]{24}"
            placeholder="6b08…"
            size={26}
          />
        </label>
        <label className="field">
          {t('audit.entity')}
          <select
            aria-label={t('audit.entity')}
            value={draft.entity ?? ''}
            onChange={(e) => set('entity', e.target.value)}
          >
            <option value="">{t('audit.any')}</option>
            {auditEntities.map((en) => (
              <option key={en} value={en}>
                {t(`audit.entity.${en}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <DateField
          key={`from-${resets}`}
          className="field"
          label={t('audit.from')}
          value={draft.from ?? ''}
          onChange={(d) => set('from', d)}
        />
        <DateField
          key={`to-${resets}`}
          className="field"
          label={t('audit.to')}
          value={draft.to ?? ''}
          onChange={(d) => set('to', d)}
        />
        <div className="actions">
          <button type="submit">{t('audit.search')}</button>
          <button
            type="button"
            onClick={() => {
              setDraft({});
              // Fresh date fields: one showing invalid text already holds "no date", so an empty
              // value alone would not clear what it shows.
              setResets((n) => n + 1);
              onSearch({});
            }}
          >
            {t('audit.reset')}
          </button>
        </div>
      </form>
      {entries.error ? (
        <p role="alert" className="notice error">
          {entries.error instanceof AppError && entries.error.status === 400
            ? t('audit.badQuery', { message: entries.error.message })
            : t('state.error')}
        </p>
      ) : !entries.data ? (
        <p role="status">{t('state.loading')}</p>
      ) : entries.data.length === 0 ? (
        <p className="empty card">{t('audit.empty')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('audit.count', { n: entries.data.length })}
          </p>
          <div className="table-scroll">
            <table className="table approvals" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.what')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.organisation')}</th>
                  <th scope="col">{t('audit.facility')}</th>
                  <th scope="col">{t('audit.reason')}</th>
                  <th scope="col">{t('audit.change')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.map((e) => {
                  const diff = changedFields(e.before, e.after);
                  return (
                    <tr key={e.id}>
                      <td>{formatDateTime(e.at)}</td>
                      <td>
                        {t(`audit.entity.${e.entity}` as MessageKey)}: <code>{e.action}</code>
                        <div className="muted">
                          <code>{e.entityId}</code>
                        </div>
                      </td>
                      <td>
                        {userName(e.by.userId)} <span className="muted">({t(`role.${e.by.role}` as MessageKey)})</span>
                      </td>
                      <td>{orgName(e.organisationId)}</td>
                      <td>{e.facilityId ? facilityName(e.facilityId) : '—'}</td>
                      <td>{e.reason || '—'}</td>
                      <td>
                        {diff.length === 0 ? (
                          '—'
                        ) : (
                          <details>
                            <summary>
                              {t('audit.fields', { n: diff.length, names: diff.map((d) => d.field).join(', ') })}
                            </summary>
                            <dl className="specs">
                              {diff.map((d) => (
                                <div key={d.field} style={{ display: 'contents' }}>
                                  <dt>{d.field}</dt>
                                  <dd className="wrap">
                                    <del>{d.before}</del> → <ins>{d.after}</ins>
                                  </dd>
                                </div>
                              ))}
                            </dl>
                          </details>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
