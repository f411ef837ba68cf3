import type { I18n, MessageKey } from '../../../lib/i18n';

export function statusLabel(t: I18n['t'], status: string, holdRank?: number | null): string {
  if (status === 'held') return (holdRank ?? 1) <= 1 ? t('status.hold1') : t('status.holdN', { n: holdRank ?? 1 });
  return t(`status.${status}` as MessageKey);
}
