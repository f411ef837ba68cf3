import { useState } from 'react';
import { AppError, type Booking } from '@moskino/shared';
import { DateField } from '../../../components/DateField';
import { useI18n } from '../../../lib/i18n';
import { useHoldActions, useHolds } from '../api/holds';
import { useOrganisations } from '../../../lib/organisations';
import './staff.css';

export interface HoldQueueProps {
  facilities: Array<{ id: string; label: string }>;
  facilityId: string;
  /** Moscow dates, inclusive. */
  from: string;
  to: string;
  onChange: (q: { facilityId: string; from: string; to: string }) => void;
}

const overlaps = (a: Booking, b: Booking) =>
  a.phases.some((p) =>
    b.phases.some((q) => Date.parse(p.start) < Date.parse(q.end) && Date.parse(q.start) < Date.parse(p.end)),
  );
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The queue of holds on a facility: move one ahead of a competing hold or to the back, or cancel it — each with a reason for the audit log. */
export function HoldQueue({ facilities, facilityId, from, to, onChange }: HoldQueueProps) {
  const { t, lang, formatRange } = useI18n();
  const q =
    facilityId && from && to && to >= from
      ? { facilityId, from: `${from}T00:00:00+03:00`, to: `${nextDay(to)}T00:00:00+03:00` }
      : null;
  const holds = useHolds(q);
  const orgs = useOrganisations();
  const { reorder, cancel } = useHoldActions();
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const list = holds.data ?? [];
  const orgName = (id: string) => orgs.data?.find((o) => o.id === id)?.name[lang] ?? id;
  const withReason = (fn: (r: string) => void) => () => {
    if (!reason.trim()) {
      setMissingReason(true);
      return;
    }
    setMissingReason(false);
    fn(reason.trim());
  };
  const error = reorder.error ?? cancel.error;

  return (
    <section aria-labelledby="holds-title">
      <h2 id="holds-title">{t('holds.title')}</h2>
      <div className="card form-grid">
        <label className="field">
          {t('blackout.facility')}
          <select
            aria-label={t('blackout.facility')}
            value={facilityId}
            onChange={(e) => onChange({ facilityId: e.target.value, from, to })}
          >
            <option value="">{t('blackout.choose')}</option>
            {facilities.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <DateField
          className="field"
          label={t('blackout.from')}
          value={from}
          onChange={(d) => onChange({ facilityId, from: d, to })}
        />
        <DateField
          className="field"
          label={t('blackout.to')}
          value={to}
          onChange={(d) => onChange({ facilityId, from, to: d })}
        />
        <label className="field">
          {t('holds.reason')}
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={missingReason}
            maxLength={1000}
          />
        </label>
      </div>
      {missingReason && (
        <p role="alert" className="error">
          {t('holds.reasonRequired')}
        </p>
      )}
      {error && (
        <p role="alert" className="impact-refused">
          {error instanceof AppError ? error.message : String(error)}
        </p>
      )}
      {(reorder.isSuccess || cancel.isSuccess) && !error && (
        <p role="status" className="notice">
          {t('holds.done')}
        </p>
      )}
      {!q ? (
        <p className="muted">{t('holds.choose')}</p>
      ) : holds.isPending ? (
        <p role="status">{t('state.loading')}</p>
      ) : holds.error ? (
        <p role="alert" className="error">
          {t('state.error')}
        </p>
      ) : list.length === 0 ? (
        <p className="empty card">{t('holds.empty')}</p>
      ) : (
        <ol className="plain" data-testid="hold-queue">
          {list.map((h) => {
            const ahead = list.filter(
              (o) => o.id !== h.id && (o.holdRank ?? 99) < (h.holdRank ?? 99) && overlaps(o, h),
            );
            const target = ahead.at(-1);
            const behind = list.some((o) => o.id !== h.id && (o.holdRank ?? 99) > (h.holdRank ?? 99) && overlaps(o, h));
            return (
              <li key={h.id} className="card" data-booking-id={h.id} style={{ marginBottom: '0.5rem' }}>
                <span className="tag tag-held">{t('approvals.holdRank', { n: h.holdRank ?? 1 })}</span>{' '}
                <strong>{h.title}</strong> · {orgName(h.organisationId)}
                <div className="muted">{h.phases.map((p) => formatRange(p.start, p.end)).join('; ')}</div>
                <div className="actions">
                  {target && (
                    <button
                      type="button"
                      disabled={reorder.isPending}
                      onClick={withReason((r) =>
                        reorder.mutate({ bookingId: h.id, beforeBookingId: target.id, reason: r }),
                      )}
                    >
                      {t('holds.ahead', { title: target.title })}
                    </button>
                  )}
                  {behind && (
                    <button
                      type="button"
                      disabled={reorder.isPending}
                      onClick={withReason((r) => reorder.mutate({ bookingId: h.id, beforeBookingId: null, reason: r }))}
                    >
                      {t('holds.back')}
                    </button>
                  )}
                  <button
                    type="button"
                    disabled={cancel.isPending}
                    onClick={withReason((r) => cancel.mutate({ bookingId: h.id, reason: r }))}
                  >
                    {t('holds.cancel')}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
