import { useId, useState, type FormEvent } from 'react';
import { createOrganisationBodySchema, organisationKinds, type OrganisationKind } from '@moskino/shared';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useCreateOrganisation } from '../api/create-organisation';
import { describeRefusal } from '../lib/errors';

/** A new organisation: kind and name (Russian, optionally English too), checked with the shared schema. */
export function OrganisationForm() {
  const { t, lang } = useI18n();
  const id = useId();
  const create = useCreateOrganisation();
  const [kind, setKind] = useState<OrganisationKind>('production');
  const [nameRu, setNameRu] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [errors, setErrors] = useState<{ nameRu?: string; nameEn?: string }>({});

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const name = nameEn.trim() ? { ru: nameRu, en: nameEn } : nameRu;
    const parsed = createOrganisationBodySchema.safeParse({ kind, name });
    if (!parsed.success) {
      const en = parsed.error.issues.some((i) => i.path.join('.') === 'name.en');
      const next = en && nameRu.trim() ? { nameEn: t('users.org.err.name') } : { nameRu: t('users.org.err.name') };
      setErrors(next);
      (form.elements.namedItem(next.nameEn ? 'nameEn' : 'nameRu') as HTMLElement | null)?.focus();
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: () => {
        setNameRu('');
        setNameEn('');
      },
    });
  };
  const refusal = create.error ? describeRefusal(create.error, t, 'organisation') : null;

  return (
    <form className="card form users-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('users.org.title')}</h3>
      <label>
        {t('users.org.kind')}
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind)}>
          {organisationKinds.map((k) => (
            <option key={k} value={k}>
              {t(`users.orgKind.${k}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('users.org.nameRu')}
        <input
          name="nameRu"
          value={nameRu}
          onChange={(e) => setNameRu(e.target.value)}
          maxLength={200}
          required
          aria-invalid={!!errors.nameRu}
          aria-describedby={errors.nameRu ? `${id}-ru-err` : undefined}
        />
      </label>
      {errors.nameRu && (
        <span id={`${id}-ru-err`} className="field-error">
          {errors.nameRu}
        </span>
      )}
      <label>
        {t('users.org.nameEn')}
        <input
          name="nameEn"
          value={nameEn}
          onChange={(e) => setNameEn(e.target.value)}
          maxLength={200}
          aria-invalid={!!errors.nameEn}
          aria-describedby={[errors.nameEn ? `${id}-en-err` : '', `${id}-en-hint`].filter(Boolean).join(' ')}
        />
      </label>
      {errors.nameEn && (
        <span id={`${id}-en-err`} className="field-error">
          {errors.nameEn}
        </span>
      )}
      <p id={`${id}-en-hint`} className="muted">
        {t('users.org.enHint')}
      </p>
      {refusal && (
        <p role="alert" className="error">
          {refusal.message}
        </p>
      )}
      {create.isSuccess && (
        <p role="status" className="ok">
          {t('users.org.created', { name: create.data.name[lang] })}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          {t('users.org.submit')}
        </button>
      </div>
    </form>
  );
}
