import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../../lib/i18n';

/**
 * Staff moving another organisation's booking say why (`PATCH /api/staff/bookings/:id` requires a
 * reason; it goes into the audit trail and the requester sees it). Cancel puts the block back.
 */
export function MoveReasonDialog({
  title,
  range,
  onAnswer,
}: {
  title: string;
  range?: string;
  onAnswer: (reason: string | null) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setMissing(true);
    onAnswer(reason.trim());
  };
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-t`}
        onKeyDown={(e) => e.key === 'Escape' && onAnswer(null)}
      >
        <form className="form" onSubmit={submit} noValidate>
          <h2 id={`${id}-t`}>{t('move.reasonTitle')}</h2>
          <p>
            <strong>{title}</strong>
            {range ? ` → ${range}` : ''}
          </p>
          <p className="muted">{t('move.reasonHint')}</p>
          <label>
            {t('move.reason')}
            <textarea
              rows={2}
              value={reason}
              autoFocus
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={missing}
              aria-describedby={missing ? `${id}-err` : undefined}
            />
          </label>
          {missing && (
            <p id={`${id}-err`} className="error">
              {t('move.reasonRequired')}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="primary">
              {t('move.save')}
            </button>
            <button type="button" onClick={() => onAnswer(null)}>
              {t('move.cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
