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
