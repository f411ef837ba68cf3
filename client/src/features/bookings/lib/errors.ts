import { AppError, type BookingUnit } from '@moskino/shared';
import type { I18n, MessageKey } from '../../../lib/i18n';

interface Issue {
  path?: string;
  code?: string;
  message?: string;
}

/**
 * A failed booking call → one translated sentence. Conflicts (409 `booking_conflict`) are shown
 * with their intervals and suggestions by the caller; this covers everything else: the server's
 * rule checks (off grid, too short, too soon…), stale versions, states, rights, the server down.
 */
export function bookingErrorMessage(
  t: I18n['t'],
  err: unknown,
  rules?: { bookingUnit: BookingUnit; minUnits: number; maxUnits: number; leadTimeHours: number; horizonDays: number },
): string {
  if (!(err instanceof AppError)) return t('state.error');
  if (err.status === 0 || err.status >= 502) return t('state.serverDown');
  if (err.status === 401) return t('booking.err.signIn');
  if (err.status === 403) return t('booking.err.forbidden');
  if (err.status === 404) return t('booking.unavailable');
  if (err.status === 429) return t('booking.err.tooBusy');
  if (err.code === 'stale_version') return t('booking.stale');
  if (err.code === 'booking_conflict')
    return /first hold/i.test(err.message) ? t('booking.err.notFirstHold') : t('booking.conflict');
  if (err.code === 'validation_failed') {
    const issues = ((err.details as { issues?: Issue[] } | undefined)?.issues ?? []) as Issue[];
    const first = issues[0];
    if (first && rules) {
      switch (first.code) {
        case 'off_grid':
          return t('booking.err.off_grid', { unit: t(`unit.${rules.bookingUnit}` as MessageKey) });
        case 'too_short':
          return t('booking.err.too_short', { n: rules.minUnits });
        case 'too_long':
          return t('booking.err.too_long', { n: rules.maxUnits });
        case 'too_soon':
          return t('booking.err.too_soon', { n: rules.leadTimeHours });
        case 'too_far_ahead':
          return t('booking.err.too_far_ahead', { n: rules.horizonDays });
        case 'phases_overlap':
          return t('booking.err.overlap');
        case 'end_before_start':
          return t('booking.err.range');
      }
    }
    return t('booking.err.invalid', { message: first?.message ?? err.message });
  }
  if (err.code === 'conflict') return t('booking.err.state');
  return err.message;
}
