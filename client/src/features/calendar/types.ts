/**
 * `GET /api/availability` (issue 4). Written against the contract; the fields marking time
 * blocked through a related facility are read leniently until the shared booking schema lands.
 */
export type BusyStatus = 'hold' | 'pending' | 'confirmed' | 'blackout';

export interface BusyInterval {
  start: string;
  end: string;
  status: BusyStatus | (string & {});
  holdRank?: number;
  bookingId?: string;
  title?: string;
  /** Set when the time is blocked through an ancestor or descendant (any of these spellings). */
  via?: string;
  viaFacilityId?: string;
  through?: string;
  inherited?: boolean;
  indirect?: boolean;
  source?: string;
  facilityId?: string;
}

export interface FacilityAvailability {
  facilityId: string;
  busy: BusyInterval[];
}

export interface Availability {
  from: string;
  to: string;
  facilities: FacilityAvailability[];
}

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
}

export interface TimelineSelection {
  facilityId: string;
  start: string;
  end: string;
}
