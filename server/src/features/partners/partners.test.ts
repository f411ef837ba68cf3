import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, formatUtc, renderCalendar } from './ical.js';
import { freeWindows } from './search.js';
import { escapeHtml } from './embed.js';
import { newSecret } from './secrets.js';
import { loggablePath } from '../../logger.js';

describe('iCalendar writer', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(escapeText('bell\u0007tab\tok')).toBe('belltab\tok');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'Москино '.repeat(20)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const l of folded) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('formats UTC and renders a CRLF calendar', () => {
    expect(formatUtc(Date.UTC(2026, 4, 1, 5, 0, 0))).toBe('20260501T050000Z');
    const cal = renderCalendar({
      name: 'n',
      now: 0,
      events: [{ uid: 'u@x', start: 0, end: 3600_000, summary: 's', status: 'CONFIRMED' }],
    });
    expect(cal.endsWith('\r\n')).toBe(true);
    expect(cal.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(cal).toContain('DTSTART:19700101T000000Z\r\nDTEND:19700101T010000Z');
  });
});

describe('free windows', () => {
  it('is the complement of the busy time within the period', () => {
    expect(freeWindows(0, 100, [])).toEqual([{ start: 0, end: 100 }]);
    expect(
      freeWindows(0, 100, [
        { start: -10, end: 10 },
        { start: 50, end: 60 },
        { start: 55, end: 70 },
        { start: 95, end: 200 },
      ]),
    ).toEqual([
      { start: 10, end: 50 },
      { start: 70, end: 95 },
    ]);
    expect(freeWindows(0, 100, [{ start: -5, end: 105 }])).toEqual([]);
    expect(
      freeWindows(0, 100, [
        { start: 100, end: 110 },
        { start: -10, end: 0 },
      ]),
    ).toEqual([{ start: 0, end: 100 }]);
  });
});

describe('embed page', () => {
  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('secrets in URLs', () => {
  it('feed tokens and API keys have the shape the log masking hides', () => {
    const feed = newSecret('mkf');
    const key = newSecret('mkk');
    expect(feed.secret).toMatch(/^mkf_[A-Za-z0-9_-]{43}$/);
    expect(feed.prefix).toBe(feed.secret.slice(0, 10));
    const logged = loggablePath(`/api/feeds/${feed.secret}/facilities/0123456789abcdef01234567.ics?x=${key.secret}`);
    expect(logged).not.toContain(feed.secret.slice(4));
    expect(logged).not.toContain(key.secret.slice(4));
    expect(logged).toContain('0123456789abcdef01234567');
  });
});
