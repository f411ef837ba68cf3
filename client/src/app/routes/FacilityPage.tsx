import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { AppError, descendantIds } from '@moskino/shared';
import { FacilitySpecs, useFacilities, useFacility, useSites } from '../../features/facilities';
import { useI18n } from '../../lib/i18n';
import { QueryState } from '../../components/QueryState';
import { TimelinePanel } from './TimelinePanel';

export function FacilityPage() {
  const { t, lang } = useI18n();
  const { idOrSlug = '' } = useParams();
  const facility = useFacility(idOrSlug);
  const all = useFacilities();
  const sites = useSites();
  const f = facility.data;
  const rows = useMemo(() => {
    if (!f || !all.data) return [];
    const below = new Set(descendantIds(all.data, f.id));
    return all.data.filter((x) => x.id === f.id || below.has(x.id));
  }, [f, all.data]);

  if (facility.error instanceof AppError && facility.error.status === 404)
    return (
      <section className="card">
        <h1>{t('state.notFound')}</h1>
        <Link to="/">{t('facility.back')}</Link>
      </section>
    );
  if (!f || !all.data || !sites.data)
    return (
      <QueryState
        error={facility.error ?? all.error ?? sites.error}
        onRetry={() => {
          void facility.refetch();
          void all.refetch();
          void sites.refetch();
        }}
      />
    );
  return (
    <article className="facility-page">
      <Link to="/">{t('facility.back')}</Link>
      <h1>
        {f.name[lang]}
        {f.estimated && <span className="badge estimated"> {t('timeline.estimated')}</span>}
      </h1>
      <FacilitySpecs facility={f} site={sites.data.find((s) => s.slug === f.site)} />
      <TimelinePanel facilities={rows} all={all.data} sites={sites.data} height="auto" />
    </article>
  );
}
