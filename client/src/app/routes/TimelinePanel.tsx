import { Suspense, useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { AppError, type Facility, type Site } from '@moskino/shared';
import {
  LazyResourceTimeline,
  Legend,
  isDate,
  moscowToday,
  rangeToIso,
  step,
  toEvents,
  toResources,
  useAvailability,
  visibleRange,
  zooms,
  type TimelineSelection,
  type Zoom,
} from '../../features/calendar';
import { BookingDrawer, BookingForm } from '../../features/bookings';
import { useSession } from '../../features/auth';
import { useI18n, type MessageKey } from '../../lib/i18n';

/**
 * Timeline + legend + booking form + details drawer, composed from the calendar, bookings and auth
 * features. Zoom and date live in the URL (`view`, `date`) with the page's filters.
 */
export function TimelinePanel({ facilities, all, sites, height }: { facilities: Facility[]; all: Facility[]; sites: Site[]; height?: string }) {
  const { t, lang, formatDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const user = session.data?.user ?? null;
  const zoom: Zoom = (zooms as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as Zoom) : 'week';
  const anchor = isDate(params.get('date')) ? params.get('date')! : moscowToday();
  const range = visibleRange(zoom, anchor);
  const iso = rangeToIso(range);
  const availability = useAvailability(iso);
  const [selection, setSelection] = useState<TimelineSelection | null>(null);
  const [openBooking, setOpenBooking] = useState<string | null>(null);

  const setNav = useCallback(
    (patch: { view?: Zoom; date?: string }) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (patch.view) next.set('view', patch.view);
          if (patch.date) next.set('date', patch.date);
          return next;
        },
        { replace: false },
      ),
    [setParams],
  );

  const resources = useMemo(
    () => toResources(facilities, sites, { lang, all, kindLabel: (f) => t(`kind.${f.kind}` as MessageKey), href: (f) => `/facilities/${f.slug}` }),
    [facilities, sites, lang, all, t],
  );
  const ids = useMemo(() => new Set(resources.map((r) => r.id)), [resources]);
  const events = useMemo(
    () =>
      toEvents(availability.data, ids, {
        hold: (n) => ((n ?? 1) <= 1 ? t('status.hold1') : t('status.holdN', { n: n ?? 1 })),
        status: (s) => t(`status.${s}` as MessageKey),
        indirect: t('status.indirect'),
      }),
    [availability.data, ids, t],
  );
  const availabilityMissing = availability.error instanceof AppError && availability.error.status === 404;
  const byId = useMemo(() => new Map(all.map((f) => [f.id, f])), [all]);
  const selected = selection ? byId.get(selection.facilityId) : undefined;
  const canBook = !!user && user.role !== 'partner';

  return (
    <section className="timeline-panel" aria-labelledby="timeline-title">
      <div className="toolbar">
        <h2 id="timeline-title">
          {t('timeline.title')}: {formatDate(`${range.start}T00:00:00+03:00`)} – {formatDate(new Date(Date.parse(`${range.end}T00:00:00+03:00`) - 1))}
        </h2>
        <div role="group" aria-label={t('timeline.zoom')} className="segmented">
          {zooms.map((z) => (
            <button key={z} type="button" aria-pressed={z === zoom} onClick={() => setNav({ view: z })}>
              {t(`timeline.${z}` as MessageKey)}
            </button>
          ))}
        </div>
        <div role="group" className="segmented" aria-label={t('timeline.zoom')}>
          <button type="button" onClick={() => setNav({ date: step(zoom, anchor, -1) })} aria-label={t('timeline.prev')}>
            ‹
          </button>
          <button type="button" onClick={() => setNav({ date: moscowToday() })}>
            {t('timeline.today')}
          </button>
          <button type="button" onClick={() => setNav({ date: step(zoom, anchor, 1) })} aria-label={t('timeline.next')}>
            ›
          </button>
        </div>
      </div>
      <Legend />
      <p className="muted">{canBook ? t('timeline.selectHint') : null}</p>
      {availabilityMissing && (
        <p className="notice" role="status">
          {t('timeline.availabilityUnavailable')}
        </p>
      )}
      {availability.error && !availabilityMissing && (
        <p className="notice error" role="alert">
          {availability.error instanceof AppError && availability.error.status === 0 ? t('state.serverDown') : t('state.error')}
        </p>
      )}
      {availability.isFetching && !availability.error && (
        <p className="visually-hidden" role="status">
          {t('timeline.availabilityLoading')}
        </p>
      )}
      {resources.length === 0 ? (
        <p className="empty card">{t('state.empty')}</p>
      ) : (
        <Suspense
          fallback={
            <p className="loading" role="status">
              {t('timeline.calendarLoading')}
            </p>
          }
        >
          <LazyResourceTimeline
            resources={resources}
            events={events}
            zoom={zoom}
            start={range.start}
            lang={lang}
            columnHeader={t('timeline.facility')}
            estimatedLabel={t('facility.estimated')}
            selectable={canBook}
            onSelect={setSelection}
            onEventClick={setOpenBooking}
            height={height}
          />
        </Suspense>
      )}
      {selection && selected && (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-modal="true" aria-label={t('booking.new')} onKeyDown={(e) => e.key === 'Escape' && setSelection(null)}>
            <BookingForm
              facility={selected}
              start={selection.start}
              end={selection.end}
              canBlackout={user?.role === 'staff' || user?.role === 'admin'}
              onClose={() => setSelection(null)}
              onCreated={(b) => {
                setSelection(null);
                setOpenBooking(b.id);
              }}
            />
          </div>
        </div>
      )}
      {openBooking && <BookingDrawer bookingId={openBooking} role={user?.role} onClose={() => setOpenBooking(null)} />}
    </section>
  );
}
