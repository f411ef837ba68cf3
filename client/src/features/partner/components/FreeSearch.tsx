import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { AppError, facilityKinds, siteSlugs, type FreeSearchResult } from '@moskino/shared';
import { DateField } from '../../../components/DateField';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useFreeSearch, type FreeSearchParams } from '../api/search-free';
import { addDays, isDay, moscowMidnightIso } from '../lib/dates';
import './partner.css';

/** Form values as the URL keeps them: dates are Moscow days, `to` inclusive. */
export interface FreeSearchValues {
  from: string;
  to: string;
  site: string;
  kind: string;
  minArea: string;
  minHeight: string;
  feature: string;
  minFreeShare: string;
}

export const freeSearchFields = [
  'from',
  'to',
  'site',
  'kind',
  'minArea',
  'minHeight',
  'feature',
  'minFreeShare',
] as const;

/** Form values → the API query (whole Moscow days; `to` is the last day, inclusive). Null when incomplete. */
export function toFreeSearchParams(v: FreeSearchValues): FreeSearchParams | null {
  if (!isDay(v.from) || !isDay(v.to) || v.to < v.from) return null;
  const p: FreeSearchParams = { from: moscowMidnightIso(v.from), to: moscowMidnightIso(addDays(v.to, 1)) };
  if (v.site) p.site = v.site;
  if (v.kind) p.kind = v.kind;
  if (v.minArea) p.minArea = v.minArea;
  if (v.minHeight) p.minHeight = v.minHeight;
  if (v.feature) p.feature = v.feature;
  if (v.minFreeShare) p.minFreeShare = v.minFreeShare;
  return p;
}

export interface FreeSearchProps {
  values: FreeSearchValues;
  onSearch: (values: FreeSearchValues) => void;
  /** Site names and the known feature tags, from the catalogue. */
  sites: Array<{ slug: string; name: string }>;
  features: string[];
  facilityHref: (slug: string) => string;
}

/** "Where is a stage free?": period and requirements → facilities free all the time, and mostly free with their windows. */
export function FreeSearch({ values, onSearch, sites, features, facilityHref }: FreeSearchProps) {
  const { t, feature } = useI18n();
  const [draft, setDraft] = useState(values);
  const [touched, setTouched] = useState(false);
  const params = toFreeSearchParams(values);
  const result = useFreeSearch(params);
  const set = (k: keyof FreeSearchValues, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (toFreeSearchParams(draft)) onSearch(draft);
  };
  const invalid = touched && !toFreeSearchParams(draft);

  return (
    <section aria-labelledby="free-title">
      <h1 id="free-title">{t('free.title')}</h1>
      <p className="muted">{t('free.intro')}</p>
      <form
        className="free-form card"
        onSubmit={submit}
        noValidate
        aria-describedby={invalid ? 'free-invalid' : undefined}
      >
        <DateField label={t('free.from')} value={draft.from} onChange={(d) => set('from', d)} required />
        <DateField label={t('free.to')} value={draft.to} onChange={(d) => set('to', d)} required />
        <label>
          {t('free.site')}
          <select value={draft.site} onChange={(e) => set('site', e.target.value)}>
            <option value="">{t('free.anySite')}</option>
            {siteSlugs.map((s) => (
              <option key={s} value={s}>
                {sites.find((x) => x.slug === s)?.name ?? s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('free.kind')}
          <select value={draft.kind} onChange={(e) => set('kind', e.target.value)}>
            <option value="">{t('free.anyKind')}</option>
            {facilityKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('free.minArea')}
          <input
            type="number"
            min={0}
            inputMode="decimal"
            value={draft.minArea}
            onChange={(e) => set('minArea', e.target.value)}
            size={6}
          />
        </label>
        <label>
          {t('free.minHeight')}
          <input
            type="number"
            min={0}
            inputMode="decimal"
            value={draft.minHeight}
            onChange={(e) => set('minHeight', e.target.value)}
            size={5}
          />
        </label>
        <label>
          {t('free.feature')}
          <select value={draft.feature} onChange={(e) => set('feature', e.target.value)}>
            <option value="">{t('free.anyFeature')}</option>
            {features.map((f) => (
              <option key={f} value={f}>
                {feature(f)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('free.minShare')}
          <select value={draft.minFreeShare} onChange={(e) => set('minFreeShare', e.target.value)}>
            {['', '0.25', '0.75', '0.9'].map((s) => (
              <option key={s} value={s}>
                {s ? `${Math.round(Number(s) * 100)} %` : t('free.defaultShare')}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('free.submit')}</button>
        {invalid && (
          <p id="free-invalid" role="alert" className="error">
            {t('free.invalid')}
          </p>
        )}
      </form>
      {params && (
        <FreeResults result={result.data} error={result.error} pending={result.isPending} facilityHref={facilityHref} />
      )}
    </section>
  );
}

function FreeResults({
  result,
  error,
  pending,
  facilityHref,
}: {
  result?: FreeSearchResult;
  error: unknown;
  pending: boolean;
  facilityHref: (slug: string) => string;
}) {
  const { t, lang, formatRange, formatNumber, kind } = useLabels();
  if (error)
    return (
      <p role="alert" className="notice error">
        {error instanceof AppError && error.status === 0
          ? t('state.serverDown')
          : error instanceof AppError && error.status === 400
            ? t('free.badQuery', { message: error.message })
            : t('state.error')}
      </p>
    );
  if (pending || !result)
    return (
      <p role="status" className="loading">
        {t('state.loading')}
      </p>
    );
  const specs = (f: FreeSearchResult['free'][number]['facility']) =>
    [
      kind(f.kind),
      f.areaM2 !== null ? t('free.area', { n: f.areaM2 }) : '',
      f.heightM !== null ? t('free.height', { n: f.heightM }) : '',
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <div className="free-results">
      <section className="card" aria-labelledby="free-whole">
        <h2 id="free-whole">{t('free.whole', { n: result.free.length })}</h2>
        {result.free.length === 0 ? (
          <p className="empty">{t('free.noneWhole')}</p>
        ) : (
          <ul className="plain" data-testid="free-whole">
            {result.free.map(({ facility: f }) => (
              <li key={f.id}>
                <Link to={facilityHref(f.slug)}>{f.name[lang]}</Link> <span className="muted">{specs(f)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="free-mostly">
        <h2 id="free-mostly">{t('free.mostly', { n: result.mostlyFree.length })}</h2>
        {result.mostlyFree.length === 0 ? (
          <p className="empty">{t('free.noneMostly')}</p>
        ) : (
          <ul className="plain" data-testid="free-mostly">
            {result.mostlyFree.map((m) => (
              <li key={m.facility.id} style={{ marginBottom: '0.6rem' }}>
                <Link to={facilityHref(m.facility.slug)}>{m.facility.name[lang]}</Link>{' '}
                <span className="muted">{specs(m.facility)}</span>
                <div>
                  <span className="share-bar" aria-hidden="true">
                    <span style={{ width: `${Math.round(m.freeShare * 100)}%` }} />
                  </span>
                  {t('free.share', { pct: formatNumber(Math.round(m.freeShare * 1000) / 10) })}
                </div>
                <ul>
                  {m.freeWindows.map((w) => (
                    <li key={w.start}>{t('free.window', { range: formatRange(w.start, w.end) })}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function useLabels() {
  const i18n = useI18n();
  return { ...i18n, kind: (k: string) => i18n.t(`kind.${k}` as MessageKey) };
}
