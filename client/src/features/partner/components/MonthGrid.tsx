import { useI18n, type MessageKey } from '../../../lib/i18n';
import { weekday } from '../lib/dates';
import type { DayCell, GridRow } from '../lib/month-grid';
import './partner.css';

export interface GridFacility {
  id: string;
  name: string;
  /** A site heading row is drawn before the first facility of each group. */
  group: string;
  depth: number;
}

/** The text a screen reader and a tooltip get for one day (and what the cell shows). */
export function useCellText() {
  const { t } = useI18n();
  return (cell: DayCell): { short: string; long: string } => {
    if (cell.state === 'free') return { short: '', long: t('grid.free') };
    const base =
      cell.state === 'held'
        ? (cell.holds ?? 1) > 1
          ? t('grid.heldMany', { n: cell.holdRank ?? 1, count: cell.holds ?? 1 })
          : t('grid.held', { n: cell.holdRank ?? 1 })
        : t(`grid.${cell.state}` as MessageKey);
    const extras = [cell.partial ? t('grid.partial') : '', cell.indirect ? t('grid.indirect') : ''].filter(Boolean);
    const short = cell.state === 'held' ? String(cell.holdRank ?? 1) : cell.state === 'booked' ? '■' : '✕';
    return { short, long: extras.length ? `${base} (${extras.join(', ')})` : base };
  };
}

function cls(cell: DayCell): string {
  const c = ['day', `day-${cell.state}`];
  if (cell.state === 'held') c.push(`rank-${Math.min(cell.holdRank ?? 1, 2)}`);
  if (cell.partial) c.push('day-partial');
  if (cell.indirect) c.push('day-indirect');
  return c.join(' ');
}

/** Facilities × days of one month: free / held with rank / booked / blocked. Status only, no names of productions. */
export function MonthGrid({
  facilities,
  rows,
  caption,
}: {
  facilities: GridFacility[];
  rows: GridRow[];
  caption: string;
}) {
  const { t, formatDate } = useI18n();
  const cellText = useCellText();
  const byId = new Map(rows.map((r) => [r.facilityId, r]));
  const days = rows[0]?.days.map((d) => d.date) ?? [];
  const firstOfGroup = new Set(
    facilities.filter((f, i) => i === 0 || facilities[i - 1]!.group !== f.group).map((f) => f.id),
  );
  return (
    <div className="month-grid-wrap">
      <table className="month-grid" data-testid="month-grid">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('grid.facility')}</th>
            {days.map((d) => (
              <th
                key={d}
                scope="col"
                className={weekday(d) >= 5 ? 'weekend' : undefined}
                title={formatDate(`${d}T12:00:00+03:00`)}
              >
                {Number(d.slice(8))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {facilities.flatMap((f) => {
            const row = byId.get(f.id);
            if (!row) return [];
            const out = [];
            if (firstOfGroup.has(f.id)) {
              out.push(
                <tr key={`group:${f.group}`} className="site-row">
                  <th scope="rowgroup" colSpan={days.length + 1}>
                    {f.group}
                  </th>
                </tr>,
              );
            }
            out.push(
              <tr key={f.id} data-facility-id={f.id}>
                <th scope="row" style={{ paddingLeft: `${0.5 + f.depth}rem` }}>
                  {f.name}
                </th>
                {row.days.map((cell) => {
                  const text = cellText(cell);
                  const label = `${formatDate(`${cell.date}T12:00:00+03:00`)}: ${text.long}`;
                  return (
                    <td key={cell.date} data-state={cell.state} data-date={cell.date} title={label}>
                      <span className={cls(cell)} aria-hidden="true">
                        {text.short}
                      </span>
                      <span className="visually-hidden">{label}</span>
                    </td>
                  );
                })}
              </tr>,
            );
            return out;
          })}
        </tbody>
      </table>
    </div>
  );
}

export function MonthGridLegend() {
  const { t } = useI18n();
  const items: Array<{ cell: DayCell; key: MessageKey; vars?: Record<string, number> }> = [
    { cell: { date: '', state: 'free', partial: false, indirect: false }, key: 'grid.free' },
    {
      cell: { date: '', state: 'held', holdRank: 1, partial: false, indirect: false },
      key: 'grid.held',
      vars: { n: 1 },
    },
    {
      cell: { date: '', state: 'held', holdRank: 2, partial: false, indirect: false },
      key: 'grid.held',
      vars: { n: 2 },
    },
    { cell: { date: '', state: 'booked', partial: false, indirect: false }, key: 'grid.booked' },
    { cell: { date: '', state: 'blocked', partial: false, indirect: false }, key: 'grid.blocked' },
    { cell: { date: '', state: 'booked', partial: true, indirect: false }, key: 'grid.partialLegend' },
    { cell: { date: '', state: 'booked', partial: false, indirect: true }, key: 'grid.indirectLegend' },
  ];
  return (
    <ul className="grid-legend" aria-label={t('grid.legend')}>
      {items.map((i, n) => (
        <li key={n}>
          <span className={cls(i.cell)} aria-hidden="true">
            {i.cell.state === 'held'
              ? i.cell.holdRank
              : i.cell.state === 'booked'
                ? '■'
                : i.cell.state === 'blocked'
                  ? '✕'
                  : ''}
          </span>
          {t(i.key, i.vars)}
        </li>
      ))}
    </ul>
  );
}
