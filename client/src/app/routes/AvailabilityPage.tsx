import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Facility, Site } from '@moskino/shared';
import { useFacilities, useSites } from '../../features/facilities';
import { MonthAvailability, isMonth, type GridFacility } from '../../features/partner';
import { useSession } from '../../features/auth';
import { moscowToday } from '../../lib/time';
import { useI18n, type Lang } from '../../lib/i18n';
import { QueryState } from '../../components/QueryState';

/** Facilities in tree order (site → zone → set, pavilions under their site) as grid rows. */
export function gridFacilities(
  all: Facility[],
  sites: Site[],
  lang: Lang,
  site?: string,
  includeRetired = false,
): GridFacility[] {
  const children = new Map<string | null, Facility[]>();
  for (const f of all) {
    if (f.status === 'retired' && !includeRetired) continue;
    const list = children.get(f.parentId) ?? [];
    list.push(f);
    children.set(f.parentId, list);
  }
  const out: GridFacility[] = [];
  const walk = (f: Facility, depth: number, group: string) => {
    out.push({ id: f.id, name: f.name[lang], group, depth });
    for (const c of (children.get(f.id) ?? []).sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang)))
      walk(c, depth + 1, group);
  };
  for (const s of sites) {
    if (site && s.slug !== site) continue;
    const roots = (children.get(null) ?? [])
      .filter((f) => f.site === s.slug)
      .sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang));
    for (const r of roots) walk(r, 0, s.name[lang]);
  }
  return out;
}

/** Month grid of availability across all sites: partners, crews and staff alike (status only for partners). */
export function AvailabilityPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const facilities = useFacilities();
  const sites = useSites();
  const month = isMonth(params.get('month')) ? params.get('month')! : moscowToday().slice(0, 7);
  const site = params.get('site') ?? '';
  const rows = useMemo(
    () => (facilities.data && sites.data ? gridFacilities(facilities.data, sites.data, lang, site || undefined) : []),
    [facilities.data, sites.data, lang, site],
  );
  const set = (name: string, value: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });

  if (!session.isPending && !session.data?.user)
    return (
      <section className="card">
        <p>{t('auth.required')}</p>
        <Link to="/login">{t('nav.signIn')}</Link>
      </section>
    );
  if (!facilities.data || !sites.data)
    return (
      <QueryState
        error={facilities.error ?? sites.error}
        onRetry={() => {
          void facilities.refetch();
          void sites.refetch();
        }}
      />
    );
  return (
    <section>
      <h1>{t('grid.pageTitle')}</h1>
      <p className="muted">{session.data?.user?.role === 'partner' ? t('grid.partnerNote') : t('grid.note')}</p>
      <label>
        {t('free.site')}{' '}
        <select value={site} onChange={(e) => set('site', e.target.value)}>
          <option value="">{t('free.anySite')}</option>
          {sites.data.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name[lang]}
            </option>
          ))}
        </select>
      </label>
      <MonthAvailability facilities={rows} month={month} site={site || undefined} onMonth={(m) => set('month', m)} />
    </section>
  );
}
