import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiKey, ApiKeyCreated, FeedToken, FeedTokenCreated, Organisation } from '@moskino/shared';
import { useI18n } from '../../../lib/i18n';
import { QueryState } from '../../../components/QueryState';
import { useOrganisations } from '../../../lib/organisations';
import { useFeedTokens } from '../api/get-feed-tokens';
import { useCreateFeedToken } from '../api/create-feed-token';
import { useRevokeFeedToken } from '../api/revoke-feed-token';
import { useApiKeys } from '../api/get-api-keys';
import { useCreateApiKey } from '../api/create-api-key';
import { useRevokeApiKey } from '../api/revoke-api-key';
import { absoluteUrl, describeError } from '../lib/urls';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { SecretField } from './SecretField';
import { SecretsTable, prefixCell } from './SecretsTable';
import './feeds.css';

/** Organisation and name of a new partner feed or key. */
function CreateForm({
  label,
  submitLabel,
  pendingLabel,
  pending,
  partners,
  onSubmit,
}: {
  label: string;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  partners: Organisation[];
  onSubmit: (organisationId: string, name: string) => void;
}) {
  const { t, lang } = useI18n();
  const [org, setOrg] = useState('');
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!org || !name.trim()) return;
    onSubmit(org, name.trim());
  };
  return (
    <form className="feeds-form" onSubmit={submit} aria-label={label}>
      <label>
        {t('feeds.organisation')}
        <select value={org} required onChange={(e) => setOrg(e.target.value)}>
          <option value="">{t('feeds.choose')}</option>
          {partners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name[lang]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('feeds.name')}
        <input value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}

/** What was just created: its secret, this once. */
function Created({
  title,
  testId,
  onDone,
  children,
}: {
  title: string;
  testId: string;
  onDone: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="feeds-created card" data-testid={testId} aria-label={title}>
      <h3 ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <p className="notice">{t('feeds.once')}</p>
      {children}
      <button type="button" onClick={onDone}>
        {t('feeds.done')}
      </button>
    </section>
  );
}

function FeedTokensSection({ partners, orgName }: { partners: Organisation[]; orgName: (id: string) => string }) {
  const { t, formatDateTime } = useI18n();
  const id = useId();
  const tokens = useFeedTokens();
  const create = useCreateFeedToken();
  const revoke = useRevokeFeedToken();
  const [created, setCreated] = useState<FeedTokenCreated | null>(null);
  const [asking, setAsking] = useState<FeedToken | null>(null);
  const [message, setMessage] = useState('');
  return (
    <section className="card partners-section" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>{t('partners.feeds.title')}</h2>
      {created ? (
        <Created
          title={t('partners.feeds.done', { name: created.name })}
          testId="partner-feed-created"
          onDone={() => setCreated(null)}
        >
          <SecretField label={t('partners.feeds.token')} value={created.token} />
          <SecretField label={t('partners.feeds.siteUrl')} value={absoluteUrl(created.urls.site)} />
          <SecretField label={t('partners.feeds.embedUrl')} value={absoluteUrl(created.urls.embed)} />
        </Created>
      ) : (
        <CreateForm
          label={t('partners.feeds.create')}
          submitLabel={t('partners.feeds.create')}
          pendingLabel={t('partners.feeds.creating')}
          pending={create.isPending}
          partners={partners}
          onSubmit={(organisationId, name) => {
            setMessage('');
            create.mutate({ organisationId, name }, { onSuccess: setCreated });
          }}
        />
      )}
      {create.error && (
        <p role="alert" className="error">
          {describeError(create.error, t)}
        </p>
      )}
      <SecretsTable
        title={t('partners.feeds.list')}
        query={tokens}
        empty={t('partners.feeds.none')}
        testId="partner-feed-tokens"
        columns={[
          { header: t('partners.feeds.kind'), cell: (tok) => t(`partners.feeds.kind.${tok.kind}`) },
          { header: t('feeds.organisation'), cell: (tok) => orgName(tok.organisationId) },
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
          title={t('partners.feeds.confirmTitle')}
          confirmLabel={t('feeds.revoke')}
          pending={revoke.isPending}
          error={revoke.error ? describeError(revoke.error, t) : null}
          onConfirm={() =>
            revoke.mutate(asking.id, {
              onSuccess: () => {
                setMessage(t('feeds.revoked', { name: asking.name }));
                setAsking(null);
              },
            })
          }
          onCancel={() => setAsking(null)}
        >
          <p>{t('partners.feeds.confirm', { name: asking.name, org: orgName(asking.organisationId) })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function ApiKeysSection({ partners, orgName }: { partners: Organisation[]; orgName: (id: string) => string }) {
  const { t, formatDateTime } = useI18n();
  const id = useId();
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [asking, setAsking] = useState<ApiKey | null>(null);
  const [message, setMessage] = useState('');
  return (
    <section className="card partners-section" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>{t('partners.keys.title')}</h2>
      {created ? (
        <Created
          title={t('partners.keys.done', { name: created.name })}
          testId="api-key-created"
          onDone={() => setCreated(null)}
        >
          <SecretField label={t('partners.keys.key')} value={created.key} testId="api-key-value" />
          <p className="muted">{t('partners.keys.usage')}</p>
        </Created>
      ) : (
        <CreateForm
          label={t('partners.keys.create')}
          submitLabel={t('partners.keys.create')}
          pendingLabel={t('partners.keys.creating')}
          pending={create.isPending}
          partners={partners}
          onSubmit={(organisationId, name) => {
            setMessage('');
            create.mutate({ organisationId, name }, { onSuccess: setCreated });
          }}
        />
      )}
      {create.error && (
        <p role="alert" className="error">
          {describeError(create.error, t)}
        </p>
      )}
      <SecretsTable
        title={t('partners.keys.list')}
        query={keys}
        empty={t('partners.keys.none')}
        testId="api-keys"
        columns={[
          { header: t('feeds.prefix'), cell: prefixCell },
          { header: t('feeds.organisation'), cell: (key) => orgName(key.organisationId) },
          { header: t('feeds.created'), cell: (key) => formatDateTime(key.createdAt) },
          {
            header: t('feeds.lastUsed'),
            cell: (key) => (key.lastUsedAt ? formatDateTime(key.lastUsedAt) : t('feeds.never')),
          },
        ]}
        onRevoke={(key) => {
          revoke.reset();
          setAsking(key);
        }}
      />
      <p role="status" className="ok">
        {message}
      </p>
      {asking && (
        <ConfirmDialog
          title={t('partners.keys.confirmTitle')}
          confirmLabel={t('feeds.revoke')}
          pending={revoke.isPending}
          error={revoke.error ? describeError(revoke.error, t) : null}
          onConfirm={() =>
            revoke.mutate(asking.id, {
              onSuccess: () => {
                setMessage(t('feeds.revoked', { name: asking.name }));
                setAsking(null);
              },
            })
          }
          onCancel={() => setAsking(null)}
        >
          <p>
            {t('partners.keys.confirm', {
              name: asking.name,
              prefix: asking.prefix,
              org: orgName(asking.organisationId),
            })}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** Admins' "Partners" tab: calendar feed tokens and API keys of partner organisations. */
export function PartnersAdmin() {
  const { t, lang } = useI18n();
  const orgs = useOrganisations();
  const partners = useMemo(() => (orgs.data ?? []).filter((o) => o.kind === 'partner'), [orgs.data]);
  const byId = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o])), [orgs.data]);
  const orgName = (id: string) => byId.get(id)?.name[lang] ?? id;
  return (
    <section>
      <h2>{t('partners.title')}</h2>
      <p>{t('partners.intro')}</p>
      {!orgs.data ? (
        <QueryState error={orgs.error} onRetry={() => void orgs.refetch()} />
      ) : (
        <>
          {partners.length === 0 && <p className="notice">{t('partners.noOrgs')}</p>}
          <FeedTokensSection partners={partners} orgName={orgName} />
          <ApiKeysSection partners={partners} orgName={orgName} />
        </>
      )}
    </section>
  );
}
