import type { Facility, Site } from '@moskino/shared';
import { useI18n, type MessageKey } from '../../../lib/i18n';

/** Specifications of one facility; estimated figures are flagged. */
export function FacilitySpecs({ facility: f, site }: { facility: Facility; site?: Site }) {
  const { t, lang, formatNumber, feature } = useI18n();
  const est = f.estimated ? (
    <abbr className="estimated" title={t('facility.estimated')}>
      {' '}
      ({t('timeline.estimated')})
    </abbr>
  ) : null;
  const r = f.rules;
  return (
    <section aria-labelledby="specs-title" className="card">
      <h2 id="specs-title">{t('facility.specs')}</h2>
      {f.estimated && (
        <p className="badge estimated-banner" role="note">
          {t('facility.estimated')}
        </p>
      )}
      <dl className="specs">
        <dt>{t('facility.site')}</dt>
        <dd>{site ? site.name[lang] : f.site}</dd>
        <dt>{t('facility.kind')}</dt>
        <dd>{t(`kind.${f.kind}` as MessageKey)}</dd>
        <dt>{t('facility.area')}</dt>
        <dd>
          {f.areaM2 === null ? '—' : t('units.m2', { n: f.areaM2 })}
          {f.areaM2 !== null && est}
        </dd>
        <dt>{t('facility.height')}</dt>
        <dd>
          {f.heightM === null ? '—' : t('units.m', { n: f.heightM })}
          {f.heightM !== null && est}
        </dd>
        <dt>{t('facility.features')}</dt>
        <dd>{f.features.map(feature).join(', ') || '—'}</dd>
        <dt>{t('facility.unit')}</dt>
        <dd>{t(`unit.${r.bookingUnit}` as MessageKey)}</dd>
        <dt>{t('facility.minMax')}</dt>
        <dd>
          {formatNumber(r.minUnits)}–{formatNumber(r.maxUnits)}
        </dd>
        <dt>{t('facility.lead')}</dt>
        <dd>{t('units.hours', { n: r.leadTimeHours })}</dd>
        <dt>{t('facility.buffer')}</dt>
        <dd>{t('units.minutes', { n: r.bufferMinutes })}</dd>
        {f.dayRates && (
          <>
            <dt>
              {t('facility.rates')}
              <abbr className="estimated" title={t('facility.estimated')}>
                {' '}
                *
              </abbr>
            </dt>
            <dd>
              <ul className="plain">
                {(['build', 'prelight', 'shoot', 'strike'] as const).map((p) => (
                  <li key={p}>
                    {t(`phase.${p}` as MessageKey)}: {t('units.rub', { n: f.dayRates![p] })}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {f.source && (
          <>
            <dt>{t('facility.source')}</dt>
            <dd className="wrap">{f.source}</dd>
          </>
        )}
      </dl>
      {f.notes && <p>{f.notes}</p>}
    </section>
  );
}
