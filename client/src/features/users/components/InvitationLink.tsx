import { useEffect, useId, useRef, useState } from 'react';
import type { InvitationCreated } from '@moskino/shared';
import { useI18n } from '../../../lib/i18n';

/** Absolute link of the acceptance page (the server answers with a path on this site). */
export function invitationHref(inviteUrl: string, origin = window.location.origin): string {
  return new URL(inviteUrl, origin).href;
}

/**
 * The invitation just created: its link (the token is stored only as a hash, so this is the one
 * time it can be seen), a copy button and the expiry in Moscow time. "Done" forgets it.
 */
export function InvitationLink({
  invitation,
  email,
  onDone,
}: {
  invitation: InvitationCreated;
  email: string;
  onDone: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const href = invitationHref(invitation.inviteUrl);
  // Keyboard and screen-reader users land on the result, not on a form that is gone.
  useEffect(() => heading.current?.focus(), []);

  const copyLink = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(href);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <section className="card invitation-link" aria-labelledby={`${id}-title`} data-testid="invitation-link">
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('users.invite.done', { email })}
      </h3>
      <p className="notice">{t('users.invite.once')}</p>
      <label className="field">
        {t('users.invite.link')}
        <input readOnly value={href} onFocus={(e) => e.currentTarget.select()} className="link-input" />
      </label>
      <p className="muted">{t('users.invite.expires', { date: formatDateTime(invitation.expiresAt) })}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void copyLink()}>
          {t('users.invite.copy')}
        </button>
        <button type="button" onClick={onDone}>
          {t('users.invite.another')}
        </button>
      </div>
      <p role="status" className={copy === 'failed' ? 'error' : 'ok'}>
        {copy === 'copied' ? t('users.invite.copied') : copy === 'failed' ? t('users.invite.copyFailed') : ''}
      </p>
    </section>
  );
}
