/**
 * A small, strict RFC 5545 parser for tests (no iCalendar package is installed): checks the physical
 * form (CRLF only, lines of at most 75 octets, folding), unfolds, parses `NAME;PARAMS:VALUE`, nests
 * BEGIN/END, and checks the required properties of VCALENDAR and VEVENT. Throws on any violation.
 */

export interface IcalProp {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface IcalComponent {
  type: string;
  props: IcalProp[];
  children: IcalComponent[];
  /** First value of a property, TEXT-unescaped. */
  get(name: string): string | undefined;
  all(name: string): string[];
}

export function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

const dateTime = /^\d{8}T\d{6}Z?$/;

export function parseIcal(text: string): IcalComponent {
  if (!text.endsWith('\r\n')) throw new Error('must end with CRLF');
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) throw new Error('bare CR or LF: lines must end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  physical.forEach((line, i) => {
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`line ${i + 1} is longer than 75 octets: ${line}`);
  });
  // Unfold: a line starting with a space or tab continues the previous one.
  const lines: string[] = [];
  for (const line of physical) {
    if (/^[ \t]/.test(line)) {
      if (!lines.length) throw new Error('continuation line at the start');
      lines[lines.length - 1] += line.slice(1);
    } else lines.push(line);
  }
  const root: IcalComponent[] = [];
  const stack: IcalComponent[] = [];
  for (const line of lines) {
    const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/.exec(line);
    if (!m) throw new Error(`not a content line: ${line}`);
    const name = m[1]!.toUpperCase();
    const params: Record<string, string> = {};
    for (const p of m[2]!.split(';').slice(1)) {
      const eq = p.indexOf('=');
      params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1);
    }
    const value = m[3]!;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) throw new Error(`control character in ${name}`);
    if (name === 'BEGIN') {
      const c = component(value.toUpperCase());
      (stack.length ? stack[stack.length - 1]!.children : root).push(c);
      stack.push(c);
    } else if (name === 'END') {
      const open = stack.pop();
      if (!open || open.type !== value.toUpperCase())
        throw new Error(`END:${value} does not close ${open?.type ?? 'anything'}`);
    } else {
      if (!stack.length) throw new Error(`property ${name} outside a component`);
      stack[stack.length - 1]!.props.push({ name, params, value });
    }
  }
  if (stack.length) throw new Error(`unclosed ${stack.map((c) => c.type).join(' > ')}`);
  if (root.length !== 1 || root[0]!.type !== 'VCALENDAR') throw new Error('exactly one VCALENDAR expected');
  const cal = root[0]!;
  for (const req of ['VERSION', 'PRODID'])
    if (cal.all(req).length !== 1) throw new Error(`VCALENDAR needs exactly one ${req}`);
  if (cal.get('VERSION') !== '2.0') throw new Error('VERSION must be 2.0');
  const uids = new Set<string>();
  for (const ev of cal.children.filter((c) => c.type === 'VEVENT')) {
    for (const req of ['UID', 'DTSTAMP', 'DTSTART'])
      if (ev.all(req).length !== 1) throw new Error(`VEVENT needs exactly one ${req}`);
    for (const t of ['DTSTAMP', 'DTSTART', 'DTEND']) {
      const p = ev.props.find((x) => x.name === t);
      if (p && !dateTime.test(p.value)) throw new Error(`${t} is not a DATE-TIME: ${p.value}`);
      if (p && !p.value.endsWith('Z') && !p.params.TZID) throw new Error(`${t} is floating (neither UTC nor TZID)`);
    }
    if (ev.get('DTEND') && ev.get('DTEND')! <= ev.get('DTSTART')!) throw new Error('DTEND must be after DTSTART');
    const status = ev.get('STATUS');
    if (status && !['TENTATIVE', 'CONFIRMED', 'CANCELLED'].includes(status))
      throw new Error(`bad VEVENT STATUS ${status}`);
    if (uids.has(ev.get('UID')!)) throw new Error(`duplicate UID ${ev.get('UID')}`);
    uids.add(ev.get('UID')!);
  }
  return cal;
}

function component(type: string): IcalComponent {
  const c: IcalComponent = {
    type,
    props: [],
    children: [],
    get: (name) => {
      const p = c.props.find((x) => x.name === name);
      return p === undefined ? undefined : unescapeText(p.value);
    },
    all: (name) => c.props.filter((x) => x.name === name).map((x) => unescapeText(x.value)),
  };
  return c;
}

/** `20260501T050000Z` → epoch ms. */
export function icalUtc(v: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m) throw new Error(`not a UTC DATE-TIME: ${v}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}
