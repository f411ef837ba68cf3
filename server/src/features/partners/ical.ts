/**
 * A small iCalendar (RFC 5545) writer: CRLF line endings, lines folded at 75 octets (never inside a
 * UTF-8 character), TEXT values escaped, times in UTC (`…Z`).
 */

export type IcalProperty = [name: string, value: string];

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline; other control characters dropped. */
export function escapeText(s: string): string {
  return (
    s
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/** `20260501T050000Z` */
export function formatUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Folds one content line: at most 75 octets per physical line, continuation lines start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

export interface IcalEvent {
  uid: string;
  start: number;
  end: number;
  summary: string;
  status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  sequence?: number;
  location?: string;
  description?: string;
  categories?: string[];
  extra?: IcalProperty[];
}

export function renderCalendar(opts: {
  name: string;
  description?: string;
  events: IcalEvent[];
  now?: number;
}): string {
  const stamp = formatUtc(opts.now ?? Date.now());
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Moskino//Moskino Booking//RU',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    'X-WR-TIMEZONE:Europe/Moscow',
    ...(opts.description ? [`X-WR-CALDESC:${escapeText(opts.description)}`] : []),
  ];
  for (const e of opts.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${formatUtc(e.start)}`,
      `DTEND:${formatUtc(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `STATUS:${e.status}`,
      `SEQUENCE:${e.sequence ?? 0}`,
      'TRANSP:OPAQUE',
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
    for (const [name, value] of e.extra ?? []) lines.push(`${name}:${escapeText(value)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
