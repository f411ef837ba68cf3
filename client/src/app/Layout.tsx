import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useLogout, useSession } from '../features/auth';
import { NotificationBell } from '../features/notifications';
import { useI18n, type Lang, type MessageKey } from '../lib/i18n';

function MoscowClock() {
  const { t, formatTime } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <p className="tz-note">
      {t('app.moscowTime')}.{' '}
      <span>
        {t('app.moscowNow')}:{' '}
        <time data-testid="moscow-now" dateTime={now.toISOString()}>
          {formatTime(now)}
        </time>
      </span>
    </p>
  );
}

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const topbar = useRef<HTMLElement>(null);
  // Drawers open below the top bar (whatever its height once it wraps): navigation stays reachable.
  useEffect(() => {
    const el = topbar.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() =>
      document.documentElement.style.setProperty('--topbar-h', `${el.offsetHeight}px`),
    );
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const user = session.data?.user ?? null;
  // A session that ends without "Sign out" here (deactivated, expired, signed out in another tab):
  // go to the sign-in page and say why. Public pages (sign-in, invitations) stay where they are.
  const signingOut = useRef(false);
  const signedInAs = useRef<string | null>(null);
  const userId = user?.id ?? null;
  useEffect(() => {
    if (userId) signingOut.current = false;
    else if (signedInAs.current && !signingOut.current && !/^\/(login|invite\/)/.test(pathname))
      navigate('/login', { replace: true, state: { sessionEnded: true } });
    signedInAs.current = userId;
  }, [userId, pathname, navigate]);
  const authAvailable = session.data?.available ?? false;
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const org = user?.organisation?.name;
  const orgName = typeof org === 'string' ? org : org?.[lang];

  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar" ref={topbar}>
        <NavLink to="/" className="brand">
          {t('app.title')}
        </NavLink>
        <nav aria-label={t('nav.main')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.timeline')}
              </NavLink>
            </li>
            {user && user.role !== 'partner' && (
              <li>
                <NavLink to="/bookings">{staff ? t('nav.allBookings') : t('nav.myBookings')}</NavLink>
              </li>
            )}
            {user && (
              <>
                <li>
                  <NavLink to="/availability">{t('nav.availability')}</NavLink>
                </li>
                <li>
                  <NavLink to="/free">{t('nav.free')}</NavLink>
                </li>
              </>
            )}
            {staff && (
              <li>
                <NavLink to="/staff">{t('nav.console')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="topbar-right">
          <label className="lang">
            <span className="visually-hidden">{t('lang.label')}</span>
            <select aria-label={t('lang.label')} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
              <option value="ru">{t('lang.ru')}</option>
              <option value="en">{t('lang.en')}</option>
            </select>
          </label>
          {user ? (
            <>
              <NotificationBell userId={user.id} />
              <span className="user" data-testid="current-user">
                {user.name ?? user.email}
                {orgName ? `, ${orgName}` : ''} ({t(`role.${user.role}` as MessageKey)})
              </span>
              <button
                type="button"
                onClick={() => {
                  signingOut.current = true;
                  logout.mutate(undefined, { onSettled: () => navigate('/') });
                }}
              >
                {t('nav.signOut')}
              </button>
            </>
          ) : authAvailable ? (
            <NavLink to="/login">{t('nav.signIn')}</NavLink>
          ) : null}
        </div>
      </header>
      <MoscowClock />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
