import { pino, type Logger } from 'pino';

/** Structured JSON logs. Cookies, tokens and passwords never reach them (see `redact`). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'moskino-booking' },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}

export type { Logger };

/** A URL path for the logs: long token-like segments (invitation tokens, 43 characters) are masked;
 * ids (24 hex) and slugs stay. The query string is dropped (values may carry secrets). */
export function loggablePath(path: string): string {
  return path.split('?')[0]!.replace(/[A-Za-z0-9_-]{32,}/g, '[token]');
}
