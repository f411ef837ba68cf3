import { AppError } from '@moskino/shared';
import type { I18n } from '../../../lib/i18n';

/** Absolute address of a path the server answered with (feed and embed URLs are relative to the site). */
export function absoluteUrl(path: string, origin = window.location.origin): string {
  // Keep `{site}`-style placeholders readable: `new URL` would percent-encode the braces.
  return `${origin.replace(/\/$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
}

/** An API error as one line for these screens. */
export function describeError(err: unknown, t: I18n['t']): string {
  if (!(err instanceof AppError)) return t('state.error');
  if (err.status === 0 || err.status >= 500) return t('state.serverDown');
  return t('feeds.err', { message: err.message });
}
