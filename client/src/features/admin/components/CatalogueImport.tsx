import { useState } from 'react';
import { AppError, type CatalogueImportBody, type CatalogueImportResult } from '@moskino/shared';
import { useI18n } from '../../../lib/i18n';
import { exportHref, importCatalogue, useCatalogueMutation } from '../api/catalogue-admin';
import './admin.css';

/** A catalogue file (JSON `{rows}` or an array, or CSV) → the import body. */
export function bodyOf(name: string, text: string, dryRun: boolean): CatalogueImportBody {
  if (/\.csv$/i.test(name) || !/^\s*[[{]/.test(text)) return { format: 'csv', csv: text, dryRun };
  const parsed = JSON.parse(text) as unknown;
  const rows = Array.isArray(parsed) ? parsed : ((parsed as { rows?: unknown[] }).rows ?? []);
  return { format: 'json', rows, dryRun };
}

function readFile(file: File, onProgress: (share: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

type Stage = 'idle' | 'reading' | 'checking' | 'checked' | 'importing' | 'done';

/** Export links and an import that checks the whole file first (every bad row by line and field) and imports nothing if any row is bad. */
export function CatalogueImport() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [stage, setStage] = useState<Stage>('idle');
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<CatalogueImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCatalogueMutation(importCatalogue);

  const check = async (f: File) => {
    setFile(f);
    setResult(null);
    setError(null);
    setStage('reading');
    setProgress(0);
    try {
      const content = await readFile(f, setProgress);
      setText(content);
      setStage('checking');
      const r = await run.mutateAsync(bodyOf(f.name, content, true));
      setResult(r);
      setStage('checked');
    } catch (e) {
      setError(
        e instanceof SyntaxError
          ? t('admin.import.badJson', { message: e.message })
          : e instanceof AppError
            ? e.message
            : String(e),
      );
      setStage('idle');
    }
  };

  const doImport = async () => {
    if (!file) return;
    setStage('importing');
    setError(null);
    try {
      setResult(await run.mutateAsync(bodyOf(file.name, text, false)));
      setStage('done');
    } catch (e) {
      setError(e instanceof AppError ? e.message : String(e));
      setStage('checked');
    }
  };

  return (
    <section className="card" aria-labelledby="import-title">
      <h3 id="import-title">{t('admin.import.title')}</h3>
      <p>
        {t('admin.export')}:{' '}
        <a href={exportHref('json')} download="catalogue.json">
          JSON
        </a>{' '}
        ·{' '}
        <a href={exportHref('csv')} download="catalogue.csv">
          CSV
        </a>
      </p>
      <label className="field">
        {t('admin.import.file')}
        <input
          type="file"
          accept=".json,.csv,application/json,text/csv"
          onChange={(e) => e.target.files?.[0] && void check(e.target.files[0])}
        />
      </label>
      {(stage === 'reading' || stage === 'checking' || stage === 'importing') && (
        <p role="status">
          {stage === 'reading'
            ? t('admin.import.reading')
            : stage === 'checking'
              ? t('admin.import.checking')
              : t('admin.import.importing')}{' '}
          <progress
            max={1}
            value={stage === 'reading' ? progress : undefined}
            aria-label={t('admin.import.progress')}
          />
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && (
        <div data-testid="import-result">
          {result.problems.length > 0 ? (
            <div role="alert" className="impact-refused">
              <p>{t('admin.import.problems', { n: result.problems.length })}</p>
              <table className="problems">
                <thead>
                  <tr>
                    <th scope="col">{t('admin.import.line')}</th>
                    <th scope="col">{t('admin.import.field')}</th>
                    <th scope="col">{t('admin.import.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.problems.map((p, i) => (
                    <tr key={i}>
                      <td>{p.line}</td>
                      <td>
                        <code>{p.field}</code>
                      </td>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p role="status" className={stage === 'done' ? 'impact-ok' : 'notice'}>
              {t(stage === 'done' ? 'admin.import.done' : 'admin.import.ready', {
                created: result.created,
                updated: result.updated,
                unchanged: result.unchanged,
              })}
            </p>
          )}
          {stage === 'checked' && result.problems.length === 0 && (
            <button type="button" onClick={() => void doImport()}>
              {t('admin.import.submit')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
