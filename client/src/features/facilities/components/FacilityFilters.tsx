import { useId } from 'react';
import { facilityKinds, type Facility, type Site } from '@moskino/shared';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { allFeatures, type FilterParam } from '../lib/filters';

interface Props {
  sites: readonly Site[];
  facilities: readonly Facility[];
  /** Raw values as they are in the URL. */
  values: Partial<Record<FilterParam, string>>;
  onChange: (name: FilterParam, value: string) => void;
  onReset: () => void;
  shown: number;
}

/** The filter panel beside the timeline; its state lives in the URL (owned by the page). */
export function FacilityFilters({ sites, facilities, values, onChange, onReset, shown }: Props) {
  const { t, lang, feature } = useI18n();
  const id = useId();
  const features = allFeatures(facilities).sort((a, b) => feature(a).localeCompare(feature(b), lang));
  const selectedFeatures = (values.feature ?? '').split(',').filter(Boolean);
  return (
    <form className="filters" role="search" aria-label={t('filters.title')} onSubmit={(e) => e.preventDefault()}>
      <h2>{t('filters.title')}</h2>
      <label>
        {t('filters.q')}
        <input type="search" name="q" value={values.q ?? ''} onChange={(e) => onChange('q', e.target.value)} />
      </label>
      <label>
        {t('filters.site')}
        <select name="site" value={values.site ?? ''} onChange={(e) => onChange('site', e.target.value)}>
          <option value="">{t('filters.any')}</option>
          {sites.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name[lang]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.kind')}
        <select name="kind" value={values.kind ?? ''} onChange={(e) => onChange('kind', e.target.value)}>
          <option value="">{t('filters.anyKind')}</option>
          {facilityKinds.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.feature')}
        <select
          name="feature"
          multiple
          size={6}
          value={selectedFeatures}
          onChange={(e) => onChange('feature', [...e.target.selectedOptions].map((o) => o.value).join(','))}
        >
          {features.map((f) => (
            <option key={f} value={f}>
              {feature(f)}
            </option>
          ))}
        </select>
      </label>
      <div className="row2">
        <label>
          {t('filters.minArea')}
          <input
            type="number"
            min={0}
            step={100}
            inputMode="numeric"
            name="minArea"
            value={values.minArea ?? ''}
            onChange={(e) => onChange('minArea', e.target.value)}
          />
        </label>
        <label>
          {t('filters.minHeight')}
          <input
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            name="minHeight"
            value={values.minHeight ?? ''}
            onChange={(e) => onChange('minHeight', e.target.value)}
          />
        </label>
      </div>
      <p id={`${id}-count`} aria-live="polite" className="muted">
        {t('filters.count', { n: shown, total: facilities.length })}
      </p>
      <button type="button" onClick={onReset}>
        {t('filters.reset')}
      </button>
    </form>
  );
}
