import { useState } from 'react';
import type { Facility } from '@moskino/shared';
import { useI18n } from '../../../lib/i18n';
import { CatalogueImport } from './CatalogueImport';
import { FacilityEditor } from './FacilityEditor';
import './admin.css';

export interface CatalogueRow {
  facility: Facility;
  label: string;
  depth: number;
}

/** The admin catalogue editor: the tree on the left, the chosen (or a new) facility's form, import and export. */
export function CatalogueAdmin({ rows }: { rows: CatalogueRow[] }) {
  const { t, lang } = useI18n();
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const facility = selected && selected !== 'new' ? rows.find((r) => r.facility.id === selected)?.facility : undefined;
  const parents = rows.map((r) => ({ id: r.facility.id, label: r.label }));
  return (
    <section aria-labelledby="catalogue-title">
      <h2 id="catalogue-title">{t('admin.title')}</h2>
      <div className="catalogue-layout">
        <nav className="card catalogue-list" aria-label={t('admin.list')}>
          <button type="button" onClick={() => setSelected('new')}>
            {t('admin.new')}
          </button>
          <ul className="plain">
            {rows.map((r) => (
              <li
                key={r.facility.id}
                className={r.facility.status === 'retired' ? 'retired' : undefined}
                style={{ paddingLeft: `${r.depth}rem` }}
              >
                <span>{r.facility.name[lang]}</span>
                <button
                  type="button"
                  className="link"
                  aria-label={t('admin.editOne', { name: r.facility.name[lang] })}
                  onClick={() => setSelected(r.facility.id)}
                >
                  {t('admin.editShort')}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div>
          {selected === null ? (
            <p className="muted card">{t('admin.choose')}</p>
          ) : (
            <FacilityEditor key={selected} facility={facility} parents={parents} onSaved={(f) => setSelected(f.id)} />
          )}
          <CatalogueImport />
        </div>
      </div>
    </section>
  );
}
