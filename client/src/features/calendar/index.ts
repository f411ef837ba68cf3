import { lazy } from 'react';

/** FullCalendar is loaded only where a timeline is shown. */
export const LazyResourceTimeline = lazy(() => import('./components/ResourceTimeline'));
export type { ResourceTimelineProps } from './components/ResourceTimeline';
export { Legend } from './components/Legend';
export { useAvailability, usePrefetchAvailability } from './api/get-availability';
export { toResources, toEvents, siteResourceId } from './lib/mapping';
export { visibleRange, step, rangeToIso, isDate, moscowToday } from './lib/range';
export type {
  Zoom,
  TimelineSelection,
  TimelineEvent,
  TimelineEventChange,
  TimelineResource,
  Availability,
  BusyInterval,
} from './types';
export { zooms } from './types';
