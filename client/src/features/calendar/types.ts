import type { Availability, Busy } from '@moskino/shared';

/** `GET /api/availability` shapes come from the shared booking schemas (issue 4). */
export type { Availability };
export type BusyInterval = Busy;

export type Zoom = 'day' | 'week' | 'month' | 'quarter';
export const zooms: readonly Zoom[] = ['day', 'week', 'month', 'quarter'];

/** What the FullCalendar wrapper is given: plain data, no FullCalendar types leak out. */
export interface TimelineResource {
  id: string;
  title: string;
  parentId?: string;
  order: number;
  isSite: boolean;
  bookable: boolean;
  estimated: boolean;
  kindLabel?: string;
  href?: string;
}

export type BusyKind = 'hold1' | 'holdN' | 'pending' | 'confirmed' | 'blackout' | 'other';

export interface TimelineEvent {
  id: string;
  resourceId: string;
  start: string;
  end: string;
  title: string;
  kind: BusyKind;
  indirect: boolean;
  bookingId?: string;
  className: string;
  /** Own live booking: may be moved and resized by drag (the server decides). */
  editable: boolean;
}

/** A block dragged or resized on the timeline; `revert` puts it back where it was. */
export interface TimelineEventChange {
  bookingId: string;
  resourceId: string;
  oldStart: string;
  oldEnd: string;
  start: string;
  end: string;
  kind: 'move' | 'resize';
  revert: () => void;
}

export interface TimelineSelection {
  facilityId: string;
  start: string;
  end: string;
}
