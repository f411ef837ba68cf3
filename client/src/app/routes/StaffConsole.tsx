import { useMemo } from 'react';
import { Link, NavLink, Outlet, useSearchParams } from 'react-router-dom';
import { useSession } from '../../features/auth';
import { useFacilities, useSites } from '../../features/facilities';
import { ApprovalsQueue, AuditLog, BlackoutForm, HoldQueue, type AuditFilters } from '../../features/staff';
import { UtilisationView, mondayOf } from '../../features/capacity';
import { CatalogueAdmin } from '../../features/admin';
import { UsersAdmin } from '../../features/users';
import { PartnersAdmin } from '../../features/feeds';
import { moscowToday } from '../../lib/time';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { gridFacilities } from './AvailabilityPage';
import { QueryState } from '../../components/QueryState';

const tabs: Array<{ to: string; key: MessageKey; admin?: boolean }> = [
  { to: '/staff', key: 'console.approvals' },
  { to: '/staff/holds', key: 'console.holds' },
  { to: '/staff/blackouts', key: 'console.blackouts' },
  { to: '/staff/capacity', key: 'console.capacity' },
  { to: '/staff/audit', key: 'console.audit' },
  { to: '/staff/users', key: 'console.users' },
  { to: '/staff/partners', key: 'console.partners', admin: true },
  { to: '/admin/catalogue', key: 'console.catalogue', admin: true },
];

/** Staff console shell: only staff and admins; tabs for its pages. */
export function StaffConsole({ adminOnly = false }: { adminOnly?: boolean }) {
  const { t } = useI18n();
  const session = useSession();
  const user = session.data?.user;
  if (session.isPending)
    return (
      <p role="status" className="loading">
        {t('state.loading')}
      </p>
    );
  if (!user)
    return (
      <section className="card">
        <p>{t('auth.required')}</p>
        <Link to="/login">{t('nav.signIn')}</Link>
      </section>
    );
  const allowed = adminOnly ? user.role === 'admin' : user.role === 'staff' || user.role === 'admin';
  if (!allowed)
    return (
      <section className="card" role="alert">
        <p>{t('console.forbidden')}</p>
      </section>
    );
  return (
    <section>
      <h1>{t('console.title')}</h1>
      <nav aria-label={t('console.title')}>
        <ul className="console-tabs">
          {tabs
            .filter((tab) => !tab.admin || user.role === 'admin')
            .map((tab) => (
              <li key={tab.to}>
                <NavLink to={tab.to} end>
                  {t(tab.key)}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <Outlet />
    </section>
  );
}

function useFacilityNames() {
  const { lang } = useI18n();
  const facilities = useFacilities();
  const byId = useMemo(() => new Map((facilities.data ?? []).map((f) => [f.id, f])), [facilities.data]);
  return { facilities, name: (id: string) => byId.get(id)?.name[lang] ?? id };
}

export function ApprovalsPage() {
  const { name } = useFacilityNames();
  return <ApprovalsQueue facilityName={name} />;
}

export function BlackoutsPage() {
  const { lang } = useI18n();
  const { facilities, name } = useFacilityNames();
  const sites = useSites();
  const [params] = useSearchParams();
  const options = useMemo(() => {
    if (!facilities.data || !sites.data) return [];
    const byId = new Map(facilities.data.map((f) => [f.id, f]));
    return gridFacilities(facilities.data, sites.data, lang)
      .map((g) => ({ g, f: byId.get(g.id)! }))
      .filter(({ f }) => f.bookable && f.status === 'operating')
      .map(({ g, f }) => ({ id: f.id, rules: f.rules, label: `${g.group} · ${'— '.repeat(g.depth)}${g.name}` }));
  }, [facilities.data, sites.data, lang]);
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
    <BlackoutForm facilities={options} facilityName={name} initialFacilityId={params.get('facility') ?? undefined} />
  );
}

export function CapacityPage() {
  const { name } = useFacilityNames();
  const [params, setParams] = useSearchParams();
  const current = mondayOf(moscowToday());
  const granularity = params.get('by') === 'month' ? 'month' : 'week';
  const level = (['facility', 'zone', 'site'] as const).find((l) => l === params.get('level')) ?? 'facility';
  const from = params.get('from');
  const defaultFirst =
    granularity === 'week'
      ? mondayOf(new Date(Date.parse(`${current}T00:00:00Z`) - 8 * 7 * 86_400_000).toISOString().slice(0, 10))
      : `${moscowToday().slice(0, 7)}-01`;
  const first =
    from && /^\d{4}-\d{2}-\d{2}$/.test(from)
      ? granularity === 'week'
        ? mondayOf(from)
        : `${from.slice(0, 7)}-01`
      : defaultFirst;
  const count = Math.min(
    granularity === 'week' ? 52 : 13,
    Math.max(1, Number(params.get('n')) || (granularity === 'week' ? 16 : 6)),
  );
  return (
    <UtilisationView
      settings={{ first, count, granularity, level }}
      current={granularity === 'week' ? current : `${moscowToday().slice(0, 7)}-01`}
      facilityName={name}
      onChange={(s) =>
        setParams((p) => {
          const next = new URLSearchParams(p);
          next.set('from', s.first);
          next.set('n', String(s.count));
          next.set('by', s.granularity);
          next.set('level', s.level);
          return next;
        })
      }
    />
  );
}

const auditParams = ['user', 'organisation', 'facility', 'booking', 'entity', 'action', 'from', 'to'] as const;

export function AuditPage() {
  const { lang } = useI18n();
  const { facilities, name } = useFacilityNames();
  const sites = useSites();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(
    auditParams.filter((k) => params.get(k)).map((k) => [k, params.get(k)!]),
  ) as AuditFilters;
  const options = useMemo(
    () =>
      facilities.data && sites.data
        ? gridFacilities(facilities.data, sites.data, lang).map((g) => ({
            id: g.id,
            label: `${g.group} · ${'— '.repeat(g.depth)}${g.name}`,
          }))
        : [],
    [facilities.data, sites.data, lang],
  );
  return (
    <AuditLog
      key={params.toString()}
      filters={filters}
      facilities={options}
      facilityName={name}
      onSearch={(f) => {
        const next = new URLSearchParams();
        for (const k of auditParams) if (f[k]) next.set(k, f[k]!);
        setParams(next);
      }}
    />
  );
}

/** Users and invitations: staff invite crew and partners; admins anyone, and deactivate/activate. */
export function UsersPage() {
  const user = useSession().data?.user;
  // The console shell has already checked that a staff member or an admin is signed in.
  if (!user) return null;
  return <UsersAdmin viewerRole={user.role} viewerId={user.id} />;
}

/** Partner calendar feeds and API keys: admins only (the API refuses anyone else). */
export function PartnersPage() {
  const { t } = useI18n();
  const user = useSession().data?.user;
  if (!user) return null;
  if (user.role !== 'admin')
    return (
      <section className="card" role="alert">
        <p>{t('console.forbidden')}</p>
      </section>
    );
  return <PartnersAdmin />;
}

export function AdminConsole() {
  return <StaffConsole adminOnly />;
}

export function CatalogueAdminPage() {
  const { lang } = useI18n();
  const facilities = useFacilities();
  const sites = useSites();
  const rows = useMemo(() => {
    if (!facilities.data || !sites.data) return [];
    const byId = new Map(facilities.data.map((f) => [f.id, f]));
    const listed = gridFacilities(facilities.data, sites.data, lang, undefined, true);
    return listed.map((g) => ({
      facility: byId.get(g.id)!,
      depth: g.depth,
      label: `${g.group} · ${'— '.repeat(g.depth)}${g.name}`,
    }));
  }, [facilities.data, sites.data, lang]);
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
  return <CatalogueAdmin rows={rows} />;
}

export function HoldsPage() {
  const { lang } = useI18n();
  const { facilities } = useFacilityNames();
  const sites = useSites();
  const [params, setParams] = useSearchParams();
  const today = moscowToday();
  const options = useMemo(
    () =>
      facilities.data && sites.data
        ? gridFacilities(facilities.data, sites.data, lang)
            .filter((g) => facilities.data.find((f) => f.id === g.id)?.bookable)
            .map((g) => ({ id: g.id, label: `${g.group} · ${'— '.repeat(g.depth)}${g.name}` }))
        : [],
    [facilities.data, sites.data, lang],
  );
  return (
    <HoldQueue
      facilities={options}
      facilityId={params.get('facility') ?? ''}
      from={params.get('from') ?? today}
      to={params.get('to') ?? new Date(Date.parse(`${today}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10)}
      onChange={(q) => setParams({ facility: q.facilityId, from: q.from, to: q.to }, { replace: true })}
    />
  );
}
