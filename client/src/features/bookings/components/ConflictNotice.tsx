import type { ConflictDetails } from '@moskino/shared';
import { useI18n } from '../../../lib/i18n';
import { statusLabel } from './status-label';

/**
 * A 409 `booking_conflict` shown inline: every interval in the way (on this facility or a related
 * one) and the nearest free windows of the same length; one click on a window applies it.
 */
export function ConflictNotice({
  details,
  title,
  facilityId,
  facilityName,
  onApply,
}: {
  details: ConflictDetails;
  title?: string;
  facilityId?: string;
  facilityName?: (id: string) => string | undefined;
  onApply?: (w: { start: string; end: string }) => void;
}) {
  const { t, formatRange } = useI18n();
  return (
    <div role="alert" className="conflict" data-testid="conflict">
      <h3>{title ?? t('booking.conflict')}</h3>
      {details.conflicts.length > 0 && (
        <>
          <p>{t('booking.conflicts')}:</p>
          <ul>
            {details.conflicts.map((c, i) => {
              const other = facilityId && c.facilityId !== facilityId ? facilityName?.(c.facilityId) : undefined;
              return (
                <li key={i}>
                  {formatRange(c.start, c.end)} — {statusLabel(t, c.status, c.holdRank)}
                  {other ? ` (${other})` : ''}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {details.suggestions.length > 0 && (
        <>
          <p>{onApply ? t('booking.suggestions') : t('booking.suggestionsPlain')}:</p>
          <ul className="suggestions">
            {details.suggestions.map((s, i) => (
              <li key={i}>
                {onApply ? (
                  <button type="button" onClick={() => onApply(s)}>
                    {formatRange(s.start, s.end)}
                  </button>
                ) : (
                  formatRange(s.start, s.end)
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
