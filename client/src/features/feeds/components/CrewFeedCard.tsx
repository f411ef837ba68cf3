import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { FeedToken, FeedTokenCreated } from '@moskino/shared';
import { useI18n } from '../../../lib/i18n';
import { useFeedTokens } from '../api/get-feed-tokens';
import { useCreateFeedToken } from '../api/create-feed-token';
import { useRevokeFeedToken } from '../api/revoke-feed-token';
import { absoluteUrl, describeError } from '../lib/urls';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { SecretField } from './SecretField';
import { SecretsTable, prefixCell } from './SecretsTable';
import './feeds.css';

/** The link of a just-created private feed: shown this once (only the token's hash is stored). */
function CreatedFeed({ created, onDone }: { created: FeedTokenCreated; onDone: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="feeds-created card" data-testid="feed-created" aria-label={t('feeds.crew.url')}>
      <h3 ref={heading} tabIndex={-1}>
        {t('partners.feeds.done', { name: created.name })}
      </h3>
      <p className="notice">{t('feeds.once')}</p>
      <SecretField label={t('feeds.crew.url')} value={absoluteUrl(created.urls.own ?? '')} testId="feed-url" />
      <p className="muted">{t('feeds.crew.hint')}</p>
      <button type="button" onClick={onDone}>
        {t('feeds.done')}
      </button>
    </section>
  );
}

/** "Calendar feed" card of a crew member's "My bookings": create a private feed, list and revoke. */
export function CrewFeedCard() {
  const { t, formatDateTime } = useI18n();
  const id = useId();
  const tokens = useFeedTokens();
  const create = useCreateFeedToken();
  const revoke = useRevokeFeedToken();
  const [name, setName] = useState(t('feeds.crew.defaultName'));
  const [created, setCreated] = useState<FeedTokenCreated | null>(null);
  const [asking, setAsking] = useState<FeedToken | null>(null);
  const [message, setMessage] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMessage('');
    create.mutate({ name: name.trim() || t('feeds.crew.defaultName') }, { onSuccess: setCreated });
  };
  const confirm = () => {
    if (!asking) return;
    const token = asking;
    revoke.mutate(token.id, {
      onSuccess: () => {
        setAsking(null);
        setMessage(t('feeds.revoked', { name: token.name }));
      },
    });
  };

  return (
    <section className="card feeds-card" aria-labelledby={`${id}-title`} data-testid="crew-feed-card">
      <h2 id={`${id}-title`}>{t('feeds.crew.title')}</h2>
      <p>{t('feeds.crew.intro')}</p>
      {created ? (
        <CreatedFeed created={created} onDone={() => setCreated(null)} />
      ) : (
        <form className="feeds-form" onSubmit={submit} aria-label={t('feeds.crew.create')}>
          <label>
            {t('feeds.name')}
            <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? t('feeds.crew.creating') : t('feeds.crew.create')}
          </button>
        </form>
      )}
      {create.error && (
        <p role="alert" className="error">
          {describeError(create.error, t)}
        </p>
      )}
      <SecretsTable
        title={t('feeds.crew.list')}
        query={tokens}
        empty={t('feeds.crew.none')}
        testId="crew-feed-tokens"
        columns={[
          { header: t('feeds.prefix'), cell: prefixCell },
          { header: t('feeds.created'), cell: (tok) => formatDateTime(tok.createdAt) },
        ]}
        onRevoke={(tok) => {
          revoke.reset();
          setAsking(tok);
        }}
      />
      <p role="status" className="ok">
        {message}
      </p>
      {asking && (
        <ConfirmDialog
          title={t('feeds.crew.confirmTitle')}
          confirmLabel={t('feeds.revoke')}
          pending={revoke.isPending}
          error={revoke.error ? describeError(revoke.error, t) : null}
          onConfirm={confirm}
          onCancel={() => setAsking(null)}
        >
          <p>{t('feeds.crew.confirm', { name: asking.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
