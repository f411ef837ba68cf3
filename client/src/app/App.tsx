import { useEffect, useState } from 'react';
import type { Facility } from '@moskino/shared';

// Placeholder shell until the calendar client lands: lists the catalogue.
export function App() {
  const [facilities, setFacilities] = useState<Facility[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch('/api/facilities')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then(setFacilities, (e: Error) => setError(e.message));
  }, []);
  if (error) return <p role="alert">Сервер недоступен / The server is unavailable ({error})</p>;
  if (!facilities) return <p>Загрузка… / Loading…</p>;
  return (
    <main>
      <h1>Москино — площадки / Moskino facilities</h1>
      <ul>
        {facilities.map((f) => (
          <li key={f.id}>
            {f.name.ru} / {f.name.en}
            {f.estimated ? ' (оценка / estimated)' : ''}
          </li>
        ))}
      </ul>
    </main>
  );
}
