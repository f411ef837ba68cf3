import { useMemo, useState } from 'react';
import { AppError, type ApprovalItem } from '@moskino/shared';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useApprovals } from '../api/get-approvals';
import { useOrganisations } from '../../../lib/organisations';
import { useDecide, type Decision, type DecisionResult } from '../api/decide';
import './staff.css';

export interface ApprovalsQueueProps {
  facilityName: (id: string) => string;
}

/** Pending firm requests, oldest first, with what competes for their time; confirm or reject, one or several. */
export function ApprovalsQueue({ facilityName }: ApprovalsQueueProps) {
  const { t, lang } = useI18n();
  const pending = useApprovals();
  const orgs = useOrganisations();
  const list = useMemo(() => pending.data ?? [], [pending.data]);
  const decideMut = useDecide();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState<string[] | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [results, setResults] = useState<{
    decision: Decision;
    items: DecisionResult[];
    titles: Map<string, string>;
  } | null>(null);

  const orgName = (id: string) => orgs.data?.find((o) => o.id === id)?.name[lang] ?? (id ? id : '—');
  const titleOf = (id: string) => list.find((i) => i.booking.id === id)?.booking.title ?? id;

  const run = (ids: string[], decision: Decision, why?: string) => {
    setResults(null);
    // Titles as they are now: decided requests leave the queue when it is fetched again.
    const titles = new Map(ids.map((id) => [id, titleOf(id)]));
    decideMut.mutate(
      { ids, decision, reason: why },
      {
        onSuccess: (items) => {
          setResults({ decision, items, titles });
          setSelected((s) => new Set([...s].filter((id) => !items.some((r) => r.ok && r.id === id))));
          setRejecting(null);
          setReason('');
        },
      },
    );
  };

  if (pending.error)
    return (
      <p role="alert" className="notice error">
        {pending.error instanceof AppError && pending.error.status === 0 ? t('state.serverDown') : t('state.error')}
      </p>
    );
  if (pending.isPending)
    return (
      <p role="status" className="loading">
        {t('state.loading')}
      </p>
    );

  const allSelected = list.length > 0 && list.every((i) => selected.has(i.booking.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <section aria-labelledby="approvals-title">
      <h2 id="approvals-title">{t('approvals.title', { n: list.length })}</h2>
      {results && (
        <div role="status" className="notice" data-testid="approval-results">
          <p>
            {t(results.decision === 'confirm' ? 'approvals.confirmedN' : 'approvals.rejectedN', {
              n: results.items.filter((r) => r.ok).length,
            })}
          </p>
          {results.items
            .filter((r) => !r.ok)
            .map((r) => (
              <p key={r.id} className="error">
                {t('approvals.failed', { title: results.titles.get(r.id) ?? r.id, message: r.message ?? '' })}
              </p>
            ))}
        </div>
      )}
      {list.length === 0 ? (
        <p className="empty card">{t('approvals.empty')}</p>
      ) : (
        <>
          <div className="toolbar" role="group" aria-label={t('approvals.bulk')}>
            <span className="muted">{t('approvals.selected', { n: selected.size })}</span>
            <button
              type="button"
              disabled={selected.size === 0 || decideMut.isPending}
              onClick={() => run([...selected], 'confirm')}
            >
              {t('approvals.confirmSelected')}
            </button>
            <button
              type="button"
              disabled={selected.size === 0 || decideMut.isPending}
              onClick={() => setRejecting([...selected])}
            >
              {t('approvals.rejectSelected')}
            </button>
          </div>
          <div className="table-scroll">
            <table className="table approvals">
              <caption className="visually-hidden">{t('approvals.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('approvals.selectAll')}
                      checked={allSelected}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(list.map((i) => i.booking.id)))}
                    />
                  </th>
                  <th scope="col">{t('approvals.requested')}</th>
                  <th scope="col">{t('approvals.booking')}</th>
                  <th scope="col">{t('approvals.facility')}</th>
                  <th scope="col">{t('approvals.phases')}</th>
                  <th scope="col">{t('approvals.competing')}</th>
                  <th scope="col">{t('approvals.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((item) => (
                  <ApprovalRow
                    key={item.booking.id}
                    item={item}
                    checked={selected.has(item.booking.id)}
                    onToggle={() => toggle(item.booking.id)}
                    facilityName={facilityName}
                    orgName={(id) =>
                      item.organisation && item.organisation.id === id ? item.organisation.name[lang] : orgName(id)
                    }
                    disabled={decideMut.isPending}
                    onConfirm={() => run([item.booking.id], 'confirm')}
                    onReject={() => setRejecting([item.booking.id])}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {rejecting && (
        <div className="modal-backdrop">
          <form
            className="modal"
            role="dialog"
            aria-modal="true"
            aria-labelledby="reject-title"
            onKeyDown={(e) => e.key === 'Escape' && setRejecting(null)}
            onSubmit={(e) => {
              e.preventDefault();
              if (!reason.trim()) {
                setReasonError(true);
                return;
              }
              setReasonError(false);
              run(rejecting, 'reject', reason.trim());
            }}
          >
            <h3 id="reject-title">{t('approvals.rejectTitle', { n: rejecting.length })}</h3>
            <ul>
              {rejecting.map((id) => (
                <li key={id}>{titleOf(id)}</li>
              ))}
            </ul>
            <label className="field">
              {t('approvals.reason')}
              <textarea
                autoFocus
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={reasonError}
                aria-describedby={reasonError ? 'reason-error' : undefined}
              />
            </label>
            {reasonError && (
              <p id="reason-error" className="error" role="alert">
                {t('approvals.reasonRequired')}
              </p>
            )}
            <div className="actions">
              <button type="submit" disabled={decideMut.isPending}>
                {t('approvals.rejectSubmit')}
              </button>
              <button type="button" onClick={() => setRejecting(null)}>
                {t('staff.cancel')}
              </button>
            </div>
          </form>
        </div>
      )}
    </section>
  );
}

function ApprovalRow(props: {
  item: ApprovalItem;
  checked: boolean;
  onToggle: () => void;
  facilityName: (id: string) => string;
  orgName: (id: string) => string;
  disabled: boolean;
  onConfirm: () => void;
  onReject: () => void;
}) {
  const { t, formatDateTime, formatRange } = useI18n();
  const { booking: b, competing, requestedAt } = props.item;
  return (
    <tr data-booking-id={b.id}>
      <td>
        <input
          type="checkbox"
          aria-label={t('approvals.select', { title: b.title })}
          checked={props.checked}
          onChange={props.onToggle}
        />
      </td>
      <td>
        <time dateTime={requestedAt}>{formatDateTime(requestedAt)}</time>
      </td>
      <td>
        <strong>{b.title}</strong>
        <div className="muted">{props.orgName(b.organisationId)}</div>
      </td>
      <td>{props.facilityName(b.facilityId)}</td>
      <td>
        <ul className="plain">
          {b.phases.map((p, i) => (
            <li key={i}>
              {t(`phase.${p.type}` as MessageKey)}: {formatRange(p.start, p.end)}
            </li>
          ))}
        </ul>
      </td>
      <td>
        {competing.length === 0 ? (
          <span className="muted">{t('approvals.noCompetition')}</span>
        ) : (
          <ul className="plain competing">
            {competing.map((c, i) => (
              <li key={`${c.bookingId}${i}`}>
                <span className={`tag tag-${c.status}`}>
                  {c.status === 'held'
                    ? t('approvals.holdRank', { n: c.holdRank ?? 1 })
                    : t(`status.${c.status}` as MessageKey)}
                </span>{' '}
                {c.title}
                {c.organisationId ? ` · ${props.orgName(c.organisationId)}` : ''}
                {c.via !== 'self'
                  ? ` · ${t(c.via === 'ancestor' ? 'approvals.viaParent' : 'approvals.viaChild', { name: props.facilityName(c.facilityId) })}`
                  : ''}
                {c.phases.map((p, j) => (
                  <div key={j} className="muted">
                    {formatRange(p.start, p.end)}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <div className="actions">
          <button
            type="button"
            disabled={props.disabled}
            onClick={props.onConfirm}
            aria-label={t('approvals.confirmOne', { title: b.title })}
          >
            {t('approvals.confirm')}
          </button>
          <button
            type="button"
            disabled={props.disabled}
            onClick={props.onReject}
            aria-label={t('approvals.rejectOne', { title: b.title })}
          >
            {t('approvals.reject')}
          </button>
        </div>
      </td>
    </tr>
  );
}
