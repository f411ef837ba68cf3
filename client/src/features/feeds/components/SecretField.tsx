import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';

/** A read-only value (a feed link, a token, a key) with a copy button and what the copy did. */
export function SecretField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const { t } = useI18n();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const doCopy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <div className="secret-field">
      <label className="field">
        {label}
        <input
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="link-input"
          data-testid={testId}
        />
      </label>
      <button type="button" onClick={() => void doCopy()} aria-label={`${t('feeds.copy')}: ${label}`}>
        {t('feeds.copy')}
      </button>
      <span role="status" className={copy === 'failed' ? 'error' : 'ok'}>
        {copy === 'copied' ? t('feeds.copied') : copy === 'failed' ? t('feeds.copyFailed') : ''}
      </span>
    </div>
  );
}
