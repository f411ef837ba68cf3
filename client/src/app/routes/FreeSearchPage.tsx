import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useFacilities, useSites } from '../../features/facilities';
import { FreeSearch, addMoscowDays, freeSearchFields, type FreeSearchValues } from '../../features/partner';
import { useSession } from '../../features/auth';
import { moscowToday } from '../../lib/time';
import { useI18n } from '../../lib/i18n';

/** "Where is a stage free?" for partners and crews (and staff); the query lives in the URL. */
export function FreeSearchPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const facilities = useFacilities();
  const sites = useSites();
  const today = moscowToday();
  const values: FreeSearchValues = {
    from: params.get('from') ?? addMoscowDays(today, 7),
    to: params.get('to') ?? addMoscowDays(today, 13),
    site: params.get('site') ?? '',
    kind: params.get('kind') ?? '',
    minArea: params.get('minArea') ?? '',
    minHeight: params.get('minHeight') ?? '',
    feature: params.get('feature') ?? '',
    minFreeShare: params.get('minFreeShare') ?? '',
  };
  const features = useMemo(
    () => [...new Set((facilities.data ?? []).flatMap((f) => f.features))].sort(),
    [facilities.data],
  );
  const siteNames = useMemo(
    () => (sites.data ?? []).map((s) => ({ slug: s.slug, name: s.name[lang] })),
    [sites.data, lang],
  );

  if (!session.isPending && !session.data?.user)
    return (
      <section className="card">
        <p>{t('auth.required')}</p>
        <Link to="/login">{t('nav.signIn')}</Link>
      </section>
    );
  return (
    <FreeSearch
      key={params.toString()}
      values={values}
      sites={siteNames}
      features={features}
      facilityHref={(slug) => `/facilities/${slug}`}
      onSearch={(v) => {
        const next = new URLSearchParams();
        for (const k of freeSearchFields) if (v[k]) next.set(k, v[k]);
        setParams(next);
      }}
    />
  );
}
