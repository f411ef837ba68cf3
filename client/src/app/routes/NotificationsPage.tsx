import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BookingDrawer } from '../../features/bookings';
import { useSession } from '../../features/auth';
import { useFacilities } from '../../features/facilities';
import { NotificationsList } from '../../features/notifications';
import { useI18n } from '../../lib/i18n';

/** `/notifications`: the outcome of the organisation's requests with the reason, a booking opens in the drawer. */
export function NotificationsPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const facilities = useFacilities();
  const [open, setOpen] = useState<string | null>(null);
  const user = session.data?.user;
  if (session.isPending) return <p role="status">{t('state.loading')}</p>;
  if (!user)
    return (
      <section className="card">
        <p>{t('auth.required')}</p>
        <Link to="/login">{t('nav.signIn')}</Link>
      </section>
    );
  const name = (id: string) => facilities.data?.find((f) => f.id === id)?.name[lang] ?? id;
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t('notifications.title')}</h1>
      <p className="muted">{t('notifications.note')}</p>
      <NotificationsList userId={user.id} onOpenBooking={user.role === 'partner' ? undefined : setOpen} />
      {open && <BookingDrawer bookingId={open} role={user.role} facilityName={name} onClose={() => setOpen(null)} />}
    </section>
  );
}
