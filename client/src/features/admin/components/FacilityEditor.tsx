import { useState, type FormEvent, type ReactNode } from 'react';
import { AppError, bookingUnits, facilityKinds, siteSlugs, type Facility } from '@moskino/shared';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { createFacility, patchFacility, retireFacility, useCatalogueMutation } from '../api/catalogue-admin';
import { draftOf, toInput, type FacilityDraft } from '../lib/facility-form';
import './admin.css';

export interface FacilityEditorProps {
  /** The facility to edit, or none for a new one. */
  facility?: Facility;
  /** Possible parents (any facility or zone of the catalogue), labelled. */
  parents: Array<{ id: string; label: string }>;
  onSaved: (f: Facility) => void;
}

interface InTheWay {
  bookingId: string;
  facilityId: string;
  status: string;
  start: string;
  end: string;
  problem: string;
}

/** Create or edit a facility or zone; retire it. Refusals because of bookings are listed with the bookings in the way. */
export function FacilityEditor({ facility, parents, onSaved }: FacilityEditorProps) {
  const { t, lang, formatRange } = useI18n();
  const [draft, setDraft] = useState<FacilityDraft>(() => draftOf(facility));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const save = useCatalogueMutation((d: FacilityDraft) => {
    const parsed = toInput(d);
    if (!parsed.ok) return Promise.reject(new AppError('validation_failed', 'invalid', { local: parsed.errors }, 400));
    return facility
      ? patchFacility(facility.id, { ...parsed.value, ...(reason.trim() ? { reason: reason.trim() } : {}) })
      : createFacility(parsed.value);
  });
  const retire = useCatalogueMutation(() => retireFacility(facility!.id, reason.trim() || undefined));
  const set = <K extends keyof FacilityDraft>(k: K, v: FacilityDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = toInput(draft);
    setErrors(parsed.ok ? {} : parsed.errors);
    if (!parsed.ok) return;
    save.mutate(draft, { onSuccess: onSaved });
  };

  const serverErrors = (
    err: unknown,
  ): { message: string; bookings: InTheWay[]; fields: Record<string, string> } | null => {
    if (!(err instanceof AppError)) return err ? { message: String(err), bookings: [], fields: {} } : null;
    const details = (err.details ?? {}) as { bookings?: InTheWay[]; issues?: Array<{ path: string; message: string }> };
    const fields = Object.fromEntries((details.issues ?? []).map((i) => [i.path, i.message]));
    return { message: err.message, bookings: details.bookings ?? [], fields };
  };
  const failure = serverErrors(save.error) ?? serverErrors(retire.error);
  const allErrors = { ...(failure?.fields ?? {}), ...errors };

  const field = (key: keyof FacilityDraft, label: MessageKey, input: ReactNode, path: string = key) => (
    <label>
      {t(label)}
      {input}
      {allErrors[path] && <span className="field-error">{allErrors[path]}</span>}
    </label>
  );
  const text = (key: keyof FacilityDraft, label: MessageKey, path?: string, extra: Record<string, unknown> = {}) =>
    field(
      key,
      label,
      <input
        value={draft[key] as string}
        onChange={(e) => set(key, e.target.value as never)}
        aria-invalid={!!allErrors[path ?? key]}
        {...extra}
      />,
      path,
    );

  return (
    <form className="facility-form card" onSubmit={submit} noValidate aria-labelledby="facility-form-title">
      <h3 id="facility-form-title">{facility ? t('admin.edit', { name: facility.name[lang] }) : t('admin.new')}</h3>
      <fieldset>
        <legend>{t('admin.identity')}</legend>
        <div className="form-grid">
          {text('nameRu', 'admin.nameRu', 'name.ru')}
          {text('nameEn', 'admin.nameEn', 'name.en')}
          {text('slug', 'admin.slug')}
          {field(
            'site',
            'admin.site',
            <select value={draft.site} onChange={(e) => set('site', e.target.value)}>
              {siteSlugs.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>,
          )}
          {field(
            'parentId',
            'admin.parent',
            <select value={draft.parentId} onChange={(e) => set('parentId', e.target.value)}>
              <option value="">{t('admin.noParent')}</option>
              {parents
                .filter((p) => p.id !== facility?.id)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
            </select>,
          )}
          {field(
            'kind',
            'admin.kind',
            <select value={draft.kind} onChange={(e) => set('kind', e.target.value)}>
              {facilityKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>,
          )}
          {field(
            'status',
            'admin.status',
            <select value={draft.status} onChange={(e) => set('status', e.target.value)}>
              {(['operating', 'planned', 'retired'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`admin.status.${s}`)}
                </option>
              ))}
            </select>,
          )}
          <label className="inline">
            <input type="checkbox" checked={draft.bookable} onChange={(e) => set('bookable', e.target.checked)} />{' '}
            {t('admin.bookable')}
          </label>
          <label className="inline">
            <input type="checkbox" checked={draft.estimated} onChange={(e) => set('estimated', e.target.checked)} />{' '}
            {t('admin.estimated')}
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('admin.specs')}</legend>
        <div className="form-grid">
          {text('areaM2', 'admin.area', undefined, { inputMode: 'decimal' })}
          {text('heightM', 'admin.height', undefined, { inputMode: 'decimal' })}
          {text('features', 'admin.features')}
          {text('period', 'admin.period')}
          {text('source', 'admin.source')}
          {field(
            'notes',
            'admin.notes',
            <textarea rows={2} value={draft.notes} onChange={(e) => set('notes', e.target.value)} />,
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('admin.rules')}</legend>
        <div className="form-grid">
          {field(
            'bookingUnit',
            'admin.unit',
            <select value={draft.bookingUnit} onChange={(e) => set('bookingUnit', e.target.value)}>
              {bookingUnits.map((u) => (
                <option key={u} value={u}>
                  {t(`admin.unit.${u}`)}
                </option>
              ))}
            </select>,
            'rules.bookingUnit',
          )}
          {text('minUnits', 'admin.minUnits', 'rules.minUnits', { inputMode: 'numeric' })}
          {text('maxUnits', 'admin.maxUnits', 'rules.maxUnits', { inputMode: 'numeric' })}
          {text('leadTimeHours', 'admin.lead', 'rules.leadTimeHours', { inputMode: 'numeric' })}
          {text('horizonDays', 'admin.horizon', 'rules.horizonDays', { inputMode: 'numeric' })}
          {text('bufferMinutes', 'admin.buffer', 'rules.bufferMinutes', { inputMode: 'numeric' })}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('admin.rates')}</legend>
        <label className="inline">
          <input type="checkbox" checked={draft.hasRates} onChange={(e) => set('hasRates', e.target.checked)} />{' '}
          {t('admin.hasRates')}
        </label>
        {draft.hasRates && (
          <div className="form-grid">
            {text('rateBuild', 'phase.build', 'dayRates.build', { inputMode: 'decimal' })}
            {text('ratePrelight', 'phase.prelight', 'dayRates.prelight', { inputMode: 'decimal' })}
            {text('rateShoot', 'phase.shoot', 'dayRates.shoot', { inputMode: 'decimal' })}
            {text('rateStrike', 'phase.strike', 'dayRates.strike', { inputMode: 'decimal' })}
          </div>
        )}
      </fieldset>
      {facility && (
        <label className="field">
          {t('admin.reason')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
        </label>
      )}
      {Object.keys(errors).length > 0 && (
        <p role="alert" className="error">
          {t('admin.fixFields', { n: Object.keys(errors).length })}
        </p>
      )}
      {failure && !Object.keys(errors).length && (
        <div role="alert" className="impact-refused">
          <p>{failure.bookings.length ? t('admin.refused', { n: failure.bookings.length }) : failure.message}</p>
          {failure.bookings.length > 0 && (
            <ul>
              {failure.bookings.map((b) => (
                <li key={`${b.bookingId}${b.start}`}>
                  <code>{b.bookingId}</code> · {t(`status.${b.status}` as MessageKey)} · {formatRange(b.start, b.end)} —{' '}
                  {b.problem}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {save.isSuccess && (
        <p role="status" className="notice">
          {t('admin.saved')}
        </p>
      )}
      {retire.isSuccess && (
        <p role="status" className="notice">
          {t('admin.retired')}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {facility ? t('admin.save') : t('admin.create')}
        </button>
        {facility && facility.status !== 'retired' && (
          <button
            type="button"
            disabled={retire.isPending}
            onClick={() => retire.mutate(undefined, { onSuccess: onSaved })}
          >
            {t('admin.retire')}
          </button>
        )}
      </div>
    </form>
  );
}
