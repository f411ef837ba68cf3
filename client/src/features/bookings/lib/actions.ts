import type { Role } from '@moskino/shared';
import type { BookingAction } from '../api/booking-action';
import type { Booking } from '../types';

/** Actions the UI offers for a booking; the server still decides. */
export function allowedActions(b: Pick<Booking, 'status' | 'holdRank'>, role: Role | undefined): BookingAction[] {
  if (!role || role === 'partner') return [];
  const staff = role === 'staff' || role === 'admin';
  const out: BookingAction[] = [];
  if (b.status === 'held' && (b.holdRank ?? 1) === 1) out.push('firm');
  if (b.status === 'pending' && staff) out.push('confirm', 'reject');
  if (b.status === 'held' || b.status === 'pending' || b.status === 'confirmed' || (b.status === 'blackout' && staff))
    out.push('cancel');
  return out;
}
