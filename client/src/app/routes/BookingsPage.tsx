import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BookingDrawer, BookingsList } from '../../features/bookings';
import { useSession } from '../../features/auth';
import { CrewFeedCard } from '../../features/feeds';
import { useFacilities } from '../../features/facilities';
import { useI18n } from '../../lib/i18n';

export function BookingsPage() {
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
  const staff = user.role === 'staff' || user.role === 'admin';
  const name = (id: string) => facilities.data?.find((f) => f.id === id)?.name[lang] ?? id;
  return (
    <section>
      <h1>{staff ? t('booking.all') : t('booking.mine')}</h1>
      <BookingsList facilityName={name} onOpen={setOpen} />
      {user.role === 'crew' && <CrewFeedCard />}
      {open && <BookingDrawer bookingId={open} role={user.role} facilityName={name} onClose={() => setOpen(null)} />}
    </section>
  );
}
