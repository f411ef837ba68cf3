import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import FullCalendar, { type CalendarOptions, type CalendarRef } from '@fullcalendar/react';
import classicThemePlugin from '@fullcalendar/react/themes/classic';
import interactionPlugin from '@fullcalendar/react/interaction';
import resourceTimelinePlugin from '@fullcalendar/react-scheduler/resource-timeline';
import ruLocale from '@fullcalendar/react/locales/ru';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import { MOSCOW_TZ } from '../../../lib/time';
import type { TimelineEvent, TimelineEventChange, TimelineResource, TimelineSelection, Zoom } from '../types';
import './timeline.css';

export interface ResourceTimelineProps {
  resources: readonly TimelineResource[];
  events: readonly TimelineEvent[];
  zoom: Zoom;
  /** First visible day (Moscow), already aligned to the zoom. */
  start: string;
  lang: 'ru' | 'en';
  columnHeader: string;
  /** Tooltip and screen-reader text of the estimated-figures mark. */
  estimatedLabel: string;
  /** The visible mark itself, e.g. "estimate". */
  estimatedShort?: string;
  selectable: boolean;
  onSelect?: (sel: TimelineSelection) => void;
  onEventClick?: (bookingId: string) => void;
  /** A block moved or resized by drag; call `revert` when the server refuses. */
  onEventChange?: (change: TimelineEventChange) => void;
  height?: string | number;
}

const viewByZoom: Record<Zoom, string> = {
  day: 'mkDay',
  week: 'mkWeek',
  month: 'mkMonth',
  quarter: 'mkQuarter',
};

interface FcEventLike {
  start: Date | null;
  end: Date | null;
  extendedProps: Record<string, unknown>;
  getResources: () => { id: string }[];
}

const hm = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

// Month and quarter show hundreds of blocks: their time text (one Intl range format per block, and a
// day-wide block has no room for it anyway) is left out; the booking drawer shows the times.
// Options that never change live outside the component, so FullCalendar sees the same objects on
// every render (a new array or object makes it re-refine its options and re-render rows and events).
const plugins = [classicThemePlugin, interactionPlugin, resourceTimelinePlugin];
const views: CalendarOptions['views'] = {
  mkDay: {
    type: 'resourceTimeline',
    duration: { days: 1 },
    slotDuration: { hours: 1 },
    slotHeaderFormat: hm,
    slotMinWidth: 44,
  },
  mkWeek: {
    type: 'resourceTimeline',
    scrollTime: '00:00',
    duration: { weeks: 1 },
    slotDuration: { hours: 12 },
    slotHeaderFormat: [{ weekday: 'short', day: 'numeric', month: 'short' }, hm],
    slotMinWidth: 60,
  },
  mkMonth: {
    scrollTime: '00:00',
    type: 'resourceTimeline',
    duration: { months: 1 },
    slotDuration: { days: 1 },
    slotHeaderFormat: [{ day: 'numeric', weekday: 'narrow' }],
    slotMinWidth: 36,
    displayEventTime: false,
  },
  mkQuarter: {
    type: 'resourceTimeline',
    scrollTime: '00:00',
    duration: { months: 3 },
    slotDuration: { days: 1 },
    slotHeaderFormat: [{ month: 'long' }, { day: 'numeric' }],
    slotMinWidth: 22,
    displayEventTime: false,
  },
};
const resourceLaneClass = (arg: { resource: { extendedProps: Record<string, unknown> } }) =>
  arg.resource.extendedProps.isSite ? 'lane-site' : arg.resource.extendedProps.bookable ? '' : 'lane-unbookable';
const eventDidMount = (arg: { el: HTMLElement; event: { title: string; extendedProps: Record<string, unknown> } }) => {
  arg.el.setAttribute('title', `${arg.event.title}`);
  arg.el.setAttribute('data-kind', String(arg.event.extendedProps.kind));
};
// A block's label as plain text (one element fewer per block than the default title markup).
const eventContent = (arg: { timeText: string; event: { title: string } }) =>
  arg.timeText ? `${arg.timeText} ${arg.event.title}` : arg.event.title;
const selectAllow = (span: { resource?: { extendedProps: Record<string, unknown> } }) =>
  !!span.resource?.extendedProps.bookable;

/**
 * The one place FullCalendar is used (lazy-loaded: this module and its CSS form their own chunk).
 * Gets plain rows and events; navigation is driven by the `zoom`/`start` props (the URL owns them).
 */
export default function ResourceTimeline(props: ResourceTimelineProps) {
  const {
    resources,
    events,
    zoom,
    start,
    lang,
    columnHeader,
    estimatedLabel,
    estimatedShort = '*',
    selectable,
    onSelect,
    onEventClick,
    onEventChange,
    height = '70vh',
  } = props;
  const ref = useRef<CalendarRef>(null);
  const viewName = viewByZoom[zoom];

  useEffect(() => {
    const api = ref.current?.getApi();
    if (!api) return;
    if (api.view.type !== viewName) api.changeView(viewName, start);
    else api.gotoDate(start);
  }, [viewName, start]);

  const fcResources = useMemo(
    () =>
      resources.map((r) => ({
        id: r.id,
        ...(r.parentId ? { parentId: r.parentId } : {}),
        title: r.title,
        order: r.order,
        extendedProps: {
          isSite: r.isSite,
          bookable: r.bookable,
          estimated: r.estimated,
          kindLabel: r.kindLabel,
          href: r.href,
        },
      })),
    [resources],
  );
  const fcEvents = useMemo(
    () =>
      events.map((e) => ({
        id: e.id,
        resourceId: e.resourceId,
        start: e.start,
        end: e.end,
        title: e.title,
        className: e.className + (e.editable ? ' busy-editable' : ''),
        editable: e.editable,
        resourceEditable: false,
        // Time blocked through the zone or a set shades the row behind its own blocks: never clicked or
        // dragged, and a background block is neither measured nor stacked, which keeps steps cheap.
        ...(e.indirect ? { display: 'background' } : {}),
        extendedProps: { kind: e.kind, indirect: e.indirect, bookingId: e.bookingId },
      })),
    [events],
  );

  // The parent's handlers change identity on its renders; FullCalendar gets stable ones that call the latest.
  const handlers = useRef({ onSelect, onEventClick, onEventChange });
  useLayoutEffect(() => {
    handlers.current = { onSelect, onEventClick, onEventChange };
  });

  const change = useCallback(
    (kind: TimelineEventChange['kind'], info: { event: FcEventLike; oldEvent: FcEventLike; revert: () => void }) => {
      const id = info.event.extendedProps.bookingId as string | undefined;
      const resourceId = info.event.getResources()[0]?.id ?? '';
      const onEventChange = handlers.current.onEventChange;
      if (!id || !onEventChange || !info.event.start || !info.event.end || !info.oldEvent.start || !info.oldEvent.end) {
        info.revert();
        return;
      }
      onEventChange({
        bookingId: id,
        resourceId,
        oldStart: info.oldEvent.start.toISOString(),
        oldEnd: info.oldEvent.end.toISOString(),
        start: info.event.start.toISOString(),
        end: info.event.end.toISOString(),
        kind,
        revert: info.revert,
      });
    },
    [],
  );
  const eventDrop = useCallback(
    (info: { event: FcEventLike; oldEvent: FcEventLike; revert: () => void }) => change('move', info),
    [change],
  );
  const eventResize = useCallback(
    (info: { event: FcEventLike; oldEvent: FcEventLike; revert: () => void }) => change('resize', info),
    [change],
  );
  const eventClick = useCallback(
    (arg: { event: { extendedProps: Record<string, unknown> }; jsEvent: { preventDefault: () => void } }) => {
      const id = arg.event.extendedProps.bookingId as string | undefined;
      const onEventClick = handlers.current.onEventClick;
      if (id && onEventClick) {
        arg.jsEvent.preventDefault();
        onEventClick(id);
      }
    },
    [],
  );
  const select = useCallback((info: { resource?: { id: string } | null; startStr: string; endStr: string }) => {
    const onSelect = handlers.current.onSelect;
    if (info.resource && onSelect) onSelect({ facilityId: info.resource.id, start: info.startStr, end: info.endStr });
  }, []);
  const resourceColumns = useMemo(
    () => [
      {
        headerContent: columnHeader,
        isMain: true,
        cellContent: (arg: { resource?: { title: string; extendedProps: Record<string, unknown> } }) => {
          const p = arg.resource?.extendedProps ?? {};
          if (p.isSite) return <strong className="site-row">{arg.resource?.title}</strong>;
          return (
            <span className="facility-cell">
              {p.href ? <a href={p.href as string}>{arg.resource?.title}</a> : arg.resource?.title}
              {p.estimated ? (
                <abbr className="est-mark" title={estimatedLabel}>
                  {estimatedShort}
                </abbr>
              ) : null}
            </span>
          );
        },
      },
    ],
    [columnHeader, estimatedLabel, estimatedShort],
  );

  return (
    <div className="mk-timeline" data-zoom={zoom}>
      <FullCalendar
        ref={ref}
        plugins={plugins}
        schedulerLicenseKey="AGPL-My-Frontend-And-Backend-Are-Open-Source"
        timeZone={MOSCOW_TZ}
        locale={lang === 'ru' ? ruLocale : 'en-gb'}
        firstDay={1}
        initialView={viewName}
        initialDate={start}
        headerToolbar={false}
        height={height}
        views={views}
        resources={fcResources}
        resourceOrder="order"
        resourcesInitiallyExpanded
        resourceColumnsWidth="300px"
        resourceColumns={resourceColumns}
        resourceLaneClass={resourceLaneClass}
        events={fcEvents}
        eventDidMount={eventDidMount}
        eventContent={eventContent}
        eventClick={eventClick}
        editable={false}
        eventDrop={eventDrop}
        eventResize={eventResize}
        selectable={selectable}
        selectAllow={selectAllow}
        select={select}
        nowIndicator
        // Only the rows in (and next to) the viewport are rendered, the whole time axis always (with
        // scripts/patch-fullcalendar.mjs): a step through a dense month or quarter draws ~70-210 blocks
        // instead of ~450-1,300 (docs/benchmarks.md, "Client timeline").
        virtualization
      />
    </div>
  );
}
