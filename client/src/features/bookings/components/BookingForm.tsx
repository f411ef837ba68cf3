import { useId, useState, type FormEvent } from 'react';
import { AppError, phaseTypes, unitMs, type Facility, type PhaseType } from '@moskino/shared';
import { DateField } from '../../../components/DateField';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import {
  completeLocalToIso,
  isoToMoscowLocal,
  joinLocal,
  moscowLocalToIso,
  splitLocal,
  unitTimes,
} from '../../../lib/time';
import { useCreateBooking } from '../api/create-booking';
import { bookingErrorMessage } from '../lib/errors';
import { bookingFormSchema } from '../lib/schema';
import { parseConflictDetails, type Booking, type BookingKind } from '../types';
import { ConflictNotice } from './ConflictNotice';

interface PhaseRow {
  key: number;
  type: PhaseType;
  /** Moscow wall-clock `YYYY-MM-DDTHH:mm` (`THH:mm` while the date is missing). */
  start: string;
  end: string;
}

export interface BookingFormProps {
  facility: Pick<Facility, 'id' | 'name' | 'estimated' | 'rules'>;
  /** Names of related facilities (a conflict may sit on the zone or one of its sets). */
  facilityName?: (id: string) => string | undefined;
  /** The selected range (ISO instants). */
  start: string;
  end: string;
  canBlackout?: boolean;
  /**
   * Staff: the organisations they may book for (the own one first is preselected). Given, the form
   * asks for whom the booking is; a blackout is always the booking office's own.
   */
  organisations?: { id: string; name: string }[];
  /** The signed-in user's organisation (booked for when no other is chosen). */
  ownOrganisationId?: string;
  onCreated?: (b: Booking) => void;
  onClose?: () => void;
}

let nextKey = 1;

/** One key per opened form: a retried submit returns the first result, never a duplicate. */
function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
}

/** Booking form opened from a selection on the timeline: hold or firm, phases with their own ranges. */
export function BookingForm({
  facility,
  facilityName,
  start,
  end,
  canBlackout,
  organisations,
  ownOrganisationId,
  onCreated,
  onClose,
}: BookingFormProps) {
  const { t, lang, formatNumber, formatRange } = useI18n();
  const times = unitTimes(facility.rules.bookingUnit);
  const id = useId();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<BookingKind>('hold');
  const [notes, setNotes] = useState('');
  const [organisationId, setOrganisationId] = useState(ownOrganisationId ?? '');
  const [phases, setPhases] = useState<PhaseRow[]>(() => [
    { key: nextKey++, type: 'shoot', start: isoToMoscowLocal(start), end: isoToMoscowLocal(end) },
  ]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [idempotencyKey] = useState(newIdempotencyKey);
  const mutation = useCreateBooking();

  const values = () => ({
    facilityId: facility.id,
    title,
    kind,
    notes: notes || undefined,
    ...(organisations && kind !== 'blackout' && organisationId && organisationId !== ownOrganisationId
      ? { organisationId }
      : {}),
    phases: phases.map((p) => ({
      type: p.type,
      start: completeLocalToIso(p.start),
      end: completeLocalToIso(p.end),
    })),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = bookingFormSchema.safeParse(values());
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        const msg = issue.message.startsWith('booking.err.')
          ? t(issue.message as MessageKey)
          : issue.path.includes('title')
            ? t('booking.err.title')
            : t('booking.err.range');
        errs[path || 'form'] ??= msg;
      }
      setErrors(errs);
      return;
    }
    setErrors({});
    mutation.mutate({ input: parsed.data, key: idempotencyKey }, { onSuccess: (b) => onCreated?.(b) });
  };

  const updatePhase = (key: number, patch: Partial<PhaseRow>) =>
    setPhases((ps) => ps.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  /** Move every phase so the booking starts at the suggested window, keeping lengths. */
  const applySuggestion = (s: { start: string; end: string }) => {
    const whole = (p: PhaseRow) => !!completeLocalToIso(p.start) && !!completeLocalToIso(p.end);
    const first = Math.min(...phases.filter(whole).map((p) => Date.parse(moscowLocalToIso(p.start))));
    const delta = Date.parse(s.start) - first;
    if (!Number.isFinite(delta)) return;
    setPhases((ps) =>
      ps.map((p) =>
        whole(p)
          ? {
              ...p,
              start: isoToMoscowLocal(new Date(Date.parse(moscowLocalToIso(p.start)) + delta)),
              end: isoToMoscowLocal(new Date(Date.parse(moscowLocalToIso(p.end)) + delta)),
            }
          : p,
      ),
    );
    mutation.reset();
  };

  const err = mutation.error;
  const conflict =
    err instanceof AppError && err.code === 'booking_conflict' ? parseConflictDetails(err.details) : null;
  const otherError = err && !conflict ? bookingErrorMessage(t, err, facility.rules) : null;
  const r = facility.rules;

  /** A date field and a 24-hour time select on the booking grid: the same in every browser locale. */
  const dateTime = (p: PhaseRow, i: number, which: 'start' | 'end') => {
    const { date, time } = splitLocal(p[which]);
    const options = times.includes(time) || !time ? times : [...times, time].sort();
    const invalid = !!errors[`phases.${i}.${which}`];
    return (
      <>
        <DateField
          label={t(which === 'start' ? 'booking.startDate' : 'booking.endDate')}
          value={date}
          required
          onChange={(d) => updatePhase(p.key, { [which]: joinLocal(d, time || times[0]!) })}
          aria-invalid={invalid}
        />
        <label>
          {t(which === 'start' ? 'booking.startTime' : 'booking.endTime')}
          <select
            value={time}
            onChange={(e) => updatePhase(p.key, { [which]: joinLocal(date, e.target.value) })}
            aria-invalid={invalid}
          >
            {options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
      </>
    );
  };

  return (
    <form className="form booking-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{t('booking.new')}</h2>
      <p>
        <strong>{t('booking.facility')}:</strong> {facility.name[lang]}
        {facility.estimated && (
          <span className="badge estimated" title={t('facility.estimated')}>
            {t('timeline.estimated')}
          </span>
        )}
      </p>
      <p className="muted">
        {t('app.moscowTime')}.{' '}
        {t('booking.rules', {
          unit: t(`unit.${r.bookingUnit}` as MessageKey),
          lead: formatNumber(r.leadTimeHours),
          buffer: formatNumber(r.bufferMinutes),
        })}
      </p>
      <label>
        {t('booking.title')}
        <input
          name="title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={!!errors.title}
          aria-describedby={errors.title ? `${id}-title-err` : undefined}
          autoFocus
        />
      </label>
      {errors.title && (
        <p id={`${id}-title-err`} className="error">
          {errors.title}
        </p>
      )}
      {organisations && kind !== 'blackout' && (
        <label>
          {t('booking.organisation')}
          <select
            name="organisationId"
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
            data-testid="booking-organisation"
          >
            {!ownOrganisationId && <option value="">—</option>}
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.id === ownOrganisationId ? `${o.name} — ${t('booking.organisationOwn')}` : o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset>
        <legend>{t('booking.kind')}</legend>
        {(['hold', 'firm', ...(canBlackout ? (['blackout'] as const) : [])] as BookingKind[]).map((k) => (
          <label key={k} className="inline">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {k === 'blackout' ? t('status.blackout') : t(`booking.kind.${k}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('booking.phases')}</legend>
        {phases.map((p, i) => (
          <div className="phase-row" key={p.key} role="group" aria-label={`${t('booking.phaseType')} ${i + 1}`}>
            <label>
              {t('booking.phaseType')}
              <select value={p.type} onChange={(e) => updatePhase(p.key, { type: e.target.value as PhaseType })}>
                {phaseTypes.map((pt) => (
                  <option key={pt} value={pt}>
                    {t(`phase.${pt}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            {dateTime(p, i, 'start')}
            {dateTime(p, i, 'end')}
            {phases.length > 1 && (
              <button type="button" onClick={() => setPhases((ps) => ps.filter((x) => x.key !== p.key))}>
                {t('booking.removePhase')}
              </button>
            )}
            <p className="muted phase-summary" data-testid="phase-summary">
              {completeLocalToIso(p.start) &&
              completeLocalToIso(p.end) &&
              Date.parse(moscowLocalToIso(p.end)) > Date.parse(moscowLocalToIso(p.start))
                ? `${formatRange(moscowLocalToIso(p.start), moscowLocalToIso(p.end))} ${t('app.msk')}`
                : '—'}
            </p>
            {(errors[`phases.${i}.start`] || errors[`phases.${i}.end`]) && (
              <p className="error">{errors[`phases.${i}.start`] ?? errors[`phases.${i}.end`]}</p>
            )}
          </div>
        ))}
        {errors.phases && <p className="error">{errors.phases}</p>}
        <button
          type="button"
          onClick={() => {
            const last = phases[phases.length - 1];
            const s = last && completeLocalToIso(last.end) ? last.end : isoToMoscowLocal(start);
            const e = isoToMoscowLocal(new Date(Date.parse(moscowLocalToIso(s)) + unitMs(facility.rules.bookingUnit)));
            setPhases((ps) => [...ps, { key: nextKey++, type: 'strike', start: s, end: e }]);
          }}
        >
          {t('booking.addPhase')}
        </button>
      </fieldset>
      <label>
        {t('booking.notes')}
        <textarea name="notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {conflict && (
        <ConflictNotice
          details={conflict}
          facilityId={facility.id}
          facilityName={facilityName}
          onApply={applySuggestion}
        />
      )}
      {otherError && (
        <p role="alert" className="error">
          {otherError}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('booking.submitting') : t('booking.submit')}
        </button>
        {onClose && (
          <button type="button" onClick={onClose}>
            {t('booking.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
