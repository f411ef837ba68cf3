import { Suspense, useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { AppError, liveStatuses, toMoscowIso, type ConflictDetails, type Facility, type Site } from '@moskino/shared';
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
  usePrefetchAvailability,
  visibleRange,
  zooms,
  type BusyInterval,
  type TimelineEventChange,
  type TimelineSelection,
  type Zoom,
} from '../../features/calendar';
import {
  BookingDrawer,
  BookingForm,
  ConflictNotice,
  MoveReasonDialog,
  bookingErrorMessage,
  getBooking,
  parseConflictDetails,
  useBookings,
  usePatchBooking,
} from '../../features/bookings';
import { useSession } from '../../features/auth';
import { useOrganisations } from '../../lib/organisations';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { snapDelta, snapRange } from '../../lib/time';

interface MoveFeedback {
  kind: 'ok' | 'error';
  text: string;
  conflict?: ConflictDetails;
  facilityId?: string;
}

/**
 * Timeline + legend + booking form + details drawer, composed from the calendar, bookings and auth
 * features. Zoom and date live in the URL (`view`, `date`) with the page's filters.
 */
export function TimelinePanel({
  facilities,
  all,
  sites,
  height,
}: {
  facilities: Facility[];
  all: Facility[];
  sites: Site[];
  height?: string;
}) {
  const { t, lang, formatDate, formatRange } = useI18n();
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const user = session.data?.user ?? null;
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const canBook = !!user && user.role !== 'partner';
  const zoom: Zoom = (zooms as readonly string[]).includes(params.get('view') ?? '')
    ? (params.get('view') as Zoom)
    : 'week';
  const anchor = isDate(params.get('date')) ? params.get('date')! : moscowToday();
  const range = useMemo(() => visibleRange(zoom, anchor), [zoom, anchor]);
  const iso = useMemo(() => rangeToIso(range), [range]);
  const availability = useAvailability(iso);
  // The next and previous ranges are fetched once this one is on screen, so stepping paints at once.
  const neighbours = useMemo(
    () => [step(zoom, anchor, 1), step(zoom, anchor, -1)].map((d) => rangeToIso(visibleRange(zoom, d))),
    [zoom, anchor],
  );
  usePrefetchAvailability(neighbours, availability.isSuccess && !availability.isPlaceholderData);
  // Crew: their organisation's bookings of the visible range, for the `version` a drag sends back
  // (409 `stale_version` if the booking moved on since). Staff see every booking in detail, so for
  // them this list would be the whole catalogue's: the booking is read when it is dropped instead.
  const ownBookings = useBookings(iso, canBook && !staff);
  const patch = usePatchBooking();
  const [selection, setSelection] = useState<TimelineSelection | null>(null);
  const [openBooking, setOpenBooking] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<MoveFeedback | null>(null);
  // Staff moving another organisation's booking are asked why; the drop waits for the answer.
  const [reasonPrompt, setReasonPrompt] = useState<{
    title: string;
    range: string;
    answer: (reason: string | null) => void;
  } | null>(null);
  const organisations = useOrganisations(staff);
  const orgOptions = useMemo(() => {
    if (!staff || !organisations.data) return undefined;
    const own = user?.organisationId ?? user?.organisation?.id;
    return [...organisations.data]
      .filter((o) => o.kind !== 'partner')
      .map((o) => ({ id: o.id, name: o.name[lang] }))
      .sort((a, b) => (a.id === own ? -1 : b.id === own ? 1 : a.name.localeCompare(b.name, lang)));
  }, [staff, organisations.data, user, lang]);

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

  const byId = useMemo(() => new Map(all.map((f) => [f.id, f])), [all]);
  const facilityName = useCallback((id: string) => byId.get(id)?.name[lang], [byId, lang]);
  const resources = useMemo(
    () =>
      toResources(facilities, sites, {
        lang,
        all,
        kindLabel: (f) => t(`kind.${f.kind}` as MessageKey),
        href: (f) => `/facilities/${f.slug}`,
      }),
    [facilities, sites, lang, all, t],
  );
  const ids = useMemo(() => new Set(resources.map((r) => r.id)), [resources]);
  const orgId = user?.organisationId ?? user?.organisation?.id;
  const editable = useCallback(
    (b: BusyInterval) => {
      // Crew: own organisation's live bookings only. Staff: any organisation's (moving another's asks why).
      if (!canBook || !liveStatuses.includes(b.status) || !orgId) return false;
      if (staff) return true;
      if (b.organisationId !== orgId) return false;
      return b.status !== 'blackout' || staff;
    },
    [canBook, staff, orgId],
  );
  const events = useMemo(
    () =>
      toEvents(
        availability.data,
        ids,
        {
          hold: (n) => ((n ?? 1) <= 1 ? t('status.hold1') : t('status.holdN', { n: n ?? 1 })),
          status: (s) => t(`status.${s}` as MessageKey),
          indirect: t('status.indirect'),
        },
        editable,
        // Partners have no booking of their own on the timeline: touching blocks of one status merge too.
        { mergeDirect: user?.role === 'partner' },
      ),
    [availability.data, ids, t, editable, user?.role],
  );
  const availabilityMissing = availability.error instanceof AppError && availability.error.status === 404;
  const selected = selection ? byId.get(selection.facilityId) : undefined;

  /** A drag on a row → the nearest range on that facility's booking grid (shifts, days, hours). */
  const onSelect = useCallback(
    (sel: TimelineSelection) => {
      const f = byId.get(sel.facilityId);
      if (!f) return;
      const snapped = snapRange(Date.parse(sel.start), Date.parse(sel.end), f.rules);
      setFeedback(null);
      setSelection({ facilityId: sel.facilityId, start: toMoscowIso(snapped.start), end: toMoscowIso(snapped.end) });
    },
    [byId],
  );

  /** Move or resize by drag: PATCH the phases with the version last seen; on any refusal the block goes back. */
  const onEventChange = useCallback(
    async (c: TimelineEventChange) => {
      const f = byId.get(c.resourceId);
      if (!f) return c.revert();
      setFeedback({ kind: 'ok', text: t('timeline.moving') });
      try {
        const seen = ownBookings.data?.find((b) => b.id === c.bookingId) ?? (await getBooking(c.bookingId));
        const unit = f.rules.bookingUnit;
        const oldStart = Date.parse(c.oldStart);
        const oldEnd = Date.parse(c.oldEnd);
        const phases = seen.phases.map((p) => ({ type: p.type, start: Date.parse(p.start), end: Date.parse(p.end) }));
        let next: typeof phases;
        if (c.kind === 'move') {
          const delta = snapDelta(Date.parse(c.start) - oldStart, unit);
          if (delta === 0) return c.revert();
          next = phases.map((p) => ({ ...p, start: p.start + delta, end: p.end + delta }));
        } else {
          const snapped = snapRange(oldStart, Date.parse(c.end), { bookingUnit: unit });
          const i = phases.findIndex((p) => p.start === oldStart && p.end === oldEnd);
          if (i < 0 || snapped.end === oldEnd) return c.revert();
          next = phases.map((p, k) => (k === i ? { ...p, end: snapped.end } : p));
        }
        const range = formatRange(toMoscowIso(next[0]!.start), toMoscowIso(next[next.length - 1]!.end));
        let reason: string | undefined;
        if (staff && seen.organisationId !== orgId) {
          setFeedback(null);
          const answer = await new Promise<string | null>((answer) =>
            setReasonPrompt({ title: seen.title, range, answer }),
          );
          setReasonPrompt(null);
          if (answer === null) return c.revert();
          reason = answer;
          setFeedback({ kind: 'ok', text: t('timeline.moving') });
        }
        const updated = await patch.mutateAsync({
          id: c.bookingId,
          version: seen.version,
          reason,
          phases: next.map((p) => ({ type: p.type, start: toMoscowIso(p.start), end: toMoscowIso(p.end) })),
        });
        setFeedback({
          kind: 'ok',
          text: t('timeline.moved', {
            title: updated.title,
            range: formatRange(updated.phases[0]!.start, updated.phases[updated.phases.length - 1]!.end),
          }),
        });
      } catch (err) {
        c.revert();
        const conflict =
          err instanceof AppError && err.code === 'booking_conflict' ? parseConflictDetails(err.details) : undefined;
        const reason =
          err instanceof AppError && err.code === 'stale_version'
            ? t('timeline.moveStale')
            : bookingErrorMessage(t, err, f.rules);
        setFeedback({ kind: 'error', text: `${t('timeline.moveFailed')}: ${reason}`, conflict, facilityId: f.id });
      }
    },
    [byId, ownBookings.data, patch, t, formatRange, staff, orgId],
  );

  return (
    <section className="timeline-panel" aria-labelledby="timeline-title">
      <div className="toolbar">
        <h2 id="timeline-title">
          {t('timeline.title')}: {formatDate(`${range.start}T00:00:00+03:00`)} –{' '}
          {formatDate(new Date(Date.parse(`${range.end}T00:00:00+03:00`) - 1))}
        </h2>
        <div role="group" aria-label={t('timeline.zoom')} className="segmented">
          {zooms.map((z) => (
            <button key={z} type="button" aria-pressed={z === zoom} onClick={() => setNav({ view: z })}>
              {t(`timeline.${z}` as MessageKey)}
            </button>
          ))}
        </div>
        <div role="group" className="segmented" aria-label={t('timeline.zoom')}>
          <button
            type="button"
            onClick={() => setNav({ date: step(zoom, anchor, -1) })}
            aria-label={t('timeline.prev')}
          >
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
      {canBook && (
        <p className="muted">
          {t('timeline.selectHint')} {t('timeline.dragHint')}
        </p>
      )}
      {/* Floating, so an answer to a drag never shifts the rows under the pointer. */}
      <div aria-live="polite" data-testid="move-feedback" className={feedback ? 'toast' : undefined}>
        {feedback?.kind === 'ok' && <p className="ok">{feedback.text}</p>}
        {feedback?.kind === 'error' &&
          (feedback.conflict ? (
            <ConflictNotice
              details={feedback.conflict}
              title={feedback.text}
              facilityId={feedback.facilityId}
              facilityName={facilityName}
            />
          ) : (
            <p role="alert" className="error">
              {feedback.text}
            </p>
          ))}
        {feedback && (
          <button
            type="button"
            className="toast-close"
            onClick={() => setFeedback(null)}
            aria-label={t('booking.cancel')}
          >
            ×
          </button>
        )}
      </div>
      {availabilityMissing && (
        <p className="notice" role="status">
          {t('timeline.availabilityUnavailable')}
        </p>
      )}
      {availability.error && !availabilityMissing && (
        <p className="notice error" role="alert">
          {availability.error instanceof AppError && availability.error.status === 0
            ? t('state.serverDown')
            : t('state.error')}
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
            estimatedShort={t('timeline.estimated')}
            selectable={canBook}
            onSelect={onSelect}
            onEventClick={setOpenBooking}
            onEventChange={(c) => void onEventChange(c)}
            height={height}
          />
        </Suspense>
      )}
      {selection && selected && (
        <div className="modal-backdrop">
          <div
            className="modal"
            role="dialog"
            aria-modal="true"
            aria-label={t('booking.new')}
            onKeyDown={(e) => e.key === 'Escape' && setSelection(null)}
          >
            <BookingForm
              key={`${selection.facilityId}:${selection.start}:${selection.end}`}
              facility={selected}
              facilityName={facilityName}
              start={selection.start}
              end={selection.end}
              canBlackout={staff}
              organisations={orgOptions}
              ownOrganisationId={orgId}
              onClose={() => setSelection(null)}
              onCreated={(b) => {
                setSelection(null);
                setOpenBooking(b.id);
              }}
            />
          </div>
        </div>
      )}
      {reasonPrompt && (
        <MoveReasonDialog title={reasonPrompt.title} range={reasonPrompt.range} onAnswer={reasonPrompt.answer} />
      )}
      {openBooking && (
        <BookingDrawer
          bookingId={openBooking}
          role={user?.role}
          facilityName={facilityName}
          onClose={() => setOpenBooking(null)}
        />
      )}
    </section>
  );
}
