import { useI18n, type MessageKey } from '../../../lib/i18n';

const items: { cls: string; key: MessageKey; vars?: Record<string, number> }[] = [
  { cls: 'busy busy-hold1', key: 'status.hold1' },
  { cls: 'busy busy-holdN', key: 'status.holdN', vars: { n: 2 } },
  { cls: 'busy busy-pending', key: 'status.pending' },
  { cls: 'busy busy-confirmed', key: 'status.confirmed' },
  { cls: 'busy busy-blackout', key: 'status.blackout' },
  { cls: 'busy busy-confirmed busy-indirect', key: 'status.indirect' },
];

/** The key to the colours and patterns of busy time (same classes as the timeline events). */
export function Legend() {
  const { t } = useI18n();
  return (
    <section className="legend" aria-labelledby="legend-title">
      <h2 id="legend-title" className="visually-hidden">
        {t('legend.title')}
      </h2>
      <ul>
        {items.map((i) => (
          <li key={i.key}>
            <span className={`swatch ${i.cls}`} aria-hidden="true" />
            {t(i.key, i.vars)}
          </li>
        ))}
      </ul>
    </section>
  );
}
