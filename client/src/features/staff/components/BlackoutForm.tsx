import { useState, type FormEvent } from 'react';
import { AppError, type BlackoutImpact, type Facility } from '@moskino/shared';
import { DateField } from '../../../components/DateField';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useCreateBlackout, useImpact } from '../api/blackout';
import { blackoutReasons, blackoutSpan, type BlackoutReason } from '../lib/blackout';
import './staff.css';

export interface BlackoutFormProps {
  /** Bookable facilities and zones, in the order to offer them (names already in the UI language). */
  facilities: Array<Pick<Facility, 'id' | 'rules'> & { label: string }>;
  facilityName: (id: string) => string;
  initialFacilityId?: string;
}

/** Block a facility or a zone for whole days, with the impact shown before saving. */
export function BlackoutForm({ facilities, facilityName, initialFacilityId }: BlackoutFormProps) {
  const { t, formatRange } = useI18n();
  const [facilityId, setFacilityId] = useState(initialFacilityId ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState<BlackoutReason>('maintenance');
  const [details, setDetails] = useState('');
  const [checked, setChecked] = useState<{ facilityId: string; start: string; end: string } | null>(null);
  const [release, setRelease] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const facility = facilities.find((f) => f.id === facilityId);
  const span = facility ? blackoutSpan(from, to, facility.rules.bookingUnit) : null;
  const busy = useImpact(checked);
  const create = useCreateBlackout();
  const impact = checked ? (busy.data ?? null) : null;
  const current =
    checked && span && checked.facilityId === facilityId && checked.start === span.start && checked.end === span.end;

  const check = (e: FormEvent) => {
    e.preventDefault();
    create.reset();
    if (!facility || !span) {
      setFormError(t('blackout.incomplete'));
      return;
    }
    setFormError(null);
    setRelease(false);
    setChecked({ facilityId, ...span });
  };

  const save = () => {
    if (!impact || !checked || !current) return;
    create.mutate({
      facilityId: checked.facilityId,
      reason: `${t(`blackout.reason.${reason}` as MessageKey)}${details.trim() ? `: ${details.trim()}` : ''}`.slice(
        0,
        200,
      ),
      notes: details.trim(),
      start: checked.start,
      end: checked.end,
      releaseHolds: impact.holds.length > 0,
    });
  };

  const describe = (b: BlackoutImpact['firm'][number]) =>
    [
      b.status === 'held' ? t('approvals.holdRank', { n: b.holdRank ?? 1 }) : t(`status.${b.status}` as MessageKey),
      b.title,
      b.via !== 'self'
        ? t(b.via === 'ancestor' ? 'approvals.viaParent' : 'approvals.viaChild', { name: facilityName(b.facilityId) })
        : '',
      ...b.phases.map((p) => formatRange(p.start, p.end)),
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <section aria-labelledby="blackout-title">
      <h2 id="blackout-title">{t('blackout.title')}</h2>
      <form className="card" onSubmit={check} noValidate>
        <div className="form-grid">
          <label className="field">
            {t('blackout.facility')}
            <select
              aria-label={t('blackout.facility')}
              value={facilityId}
              onChange={(e) => setFacilityId(e.target.value)}
              required
            >
              <option value="">{t('blackout.choose')}</option>
              {facilities.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <DateField className="field" label={t('blackout.from')} value={from} onChange={setFrom} required />
          <DateField className="field" label={t('blackout.to')} value={to} onChange={setTo} required />
          <label className="field">
            {t('blackout.reason')}
            <select
              aria-label={t('blackout.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value as BlackoutReason)}
            >
              {blackoutReasons.map((r) => (
                <option key={r} value={r}>
                  {t(`blackout.reason.${r}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('blackout.details')}
            <input value={details} onChange={(e) => setDetails(e.target.value)} maxLength={150} />
          </label>
        </div>
        {span && <p className="muted">{t('blackout.span', { range: formatRange(span.start, span.end) })}</p>}
        {formError && (
          <p role="alert" className="error">
            {formError}
          </p>
        )}
        <div className="actions">
          <button type="submit">{t('blackout.check')}</button>
        </div>
      </form>

      {checked && (
        <section className="impact" aria-labelledby="impact-title" data-testid="blackout-impact">
          <h3 id="impact-title">{t('blackout.impactTitle', { name: facilityName(checked.facilityId) })}</h3>
          {create.isSuccess ? null : busy.isPending ? (
            <p role="status">{t('state.loading')}</p>
          ) : busy.error ? (
            <p role="alert" className="error">
              {t('state.error')}
            </p>
          ) : impact && impact.firm.length > 0 ? (
            <div className="impact-refused" role="alert">
              <p>
                <strong>{t('blackout.refused', { n: impact.firm.length })}</strong>
              </p>
              <ul>
                {impact.firm.map((b, i) => (
                  <li key={i}>{describe(b)}</li>
                ))}
              </ul>
            </div>
          ) : impact ? (
            <div className="impact-ok">
              {impact.holds.length === 0 ? (
                <p>{t('blackout.nothingHit')}</p>
              ) : (
                <>
                  <p>{t('blackout.holdsHit', { n: impact.holds.length })}</p>
                  <ul>
                    {impact.holds.map((b, i) => (
                      <li key={i}>{describe(b)}</li>
                    ))}
                  </ul>
                  <label>
                    <input type="checkbox" checked={release} onChange={(e) => setRelease(e.target.checked)} />{' '}
                    {t('blackout.releaseConfirm', { n: impact.holds.length })}
                  </label>
                </>
              )}
              {!current && <p className="muted">{t('blackout.changed')}</p>}
              <div className="actions">
                <button
                  type="button"
                  onClick={save}
                  disabled={!current || create.isPending || (impact.holds.length > 0 && !release)}
                >
                  {impact.holds.length > 0 ? t('blackout.saveRelease') : t('blackout.save')}
                </button>
              </div>
            </div>
          ) : null}
          {create.isSuccess && (
            <p role="status" className="notice" data-testid="blackout-saved">
              {t('blackout.saved', {
                range: formatRange(create.data.blackout.phases[0]!.start, create.data.blackout.phases.at(-1)!.end),
                n: create.data.released.length,
              })}
            </p>
          )}
          {create.error && (
            <p role="alert" className="impact-refused">
              {create.error instanceof AppError && create.error.status === 409
                ? t('blackout.serverRefused', { message: create.error.message })
                : t('blackout.failed', { message: create.error instanceof Error ? create.error.message : '' })}
            </p>
          )}
        </section>
      )}
    </section>
  );
}
