import { AppError, DAY_MS, floorToGrid, MOSCOW_OFFSET_MS, type Busy } from '@moskino/shared';
import type { Caller } from '../../http/routes.js';
import { bookingService } from '../bookings/service.js';
import { catalogueService } from '../catalogue/service.js';
import { feedTokenService, statusText } from './feeds.js';

/**
 * The public embeddable availability page of one facility: server-rendered HTML, no script, no secret
 * beyond the token already in its URL, bilingual (RU first, EN second; `?lang=en` puts English first),
 * Moscow time. Always in a partner's privacy, whatever the token's kind (a crew token's page may be
 * shown to strangers too): status and hold rank only.
 */

const WEEKS = 6;
const partnerReader: Caller = {
  userId: '000000000000000000000000',
  organisationId: '000000000000000000000000',
  role: 'partner',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type DayState = 'free' | 'held' | 'booked' | 'blocked';
const severity: Record<DayState, number> = { free: 0, held: 1, booked: 2, blocked: 3 };

function stateOf(b: Busy): DayState {
  if (b.status === 'blackout') return 'blocked';
  if (b.status === 'held') return 'held';
  return 'booked';
}

const labels = {
  free: { ru: 'Свободно', en: 'Free' },
  held: { ru: 'Бронь', en: 'Held' },
  booked: { ru: 'Занято', en: 'Booked' },
  blocked: { ru: 'Закрыто', en: 'Blocked' },
  partly: { ru: 'частично', en: 'partly' },
  title: { ru: 'Доступность', en: 'Availability' },
  times: { ru: 'Время московское (UTC+3)', en: 'Times in Moscow time (UTC+3)' },
  busy: { ru: 'Занятое время', en: 'Busy time' },
  none: { ru: 'Всё свободно', en: 'All free' },
  prev: { ru: '← раньше', en: '← earlier' },
  next: { ru: 'позже →', en: 'later →' },
  weekdays: { ru: ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'], en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] },
};

/** `2026-05-01` of a Moscow midnight. */
const moscowDate = (t: number) => new Date(t + MOSCOW_OFFSET_MS).toISOString().slice(0, 10);
/** `01.05 08:00` in Moscow time. */
function moscowShort(t: number): string {
  const d = new Date(t + MOSCOW_OFFSET_MS).toISOString();
  return `${d.slice(8, 10)}.${d.slice(5, 7)} ${d.slice(11, 16)}`;
}

export async function renderEmbed(
  token: string,
  facilityId: string,
  opts: { lang?: 'ru' | 'en'; from?: string },
): Promise<string> {
  await feedTokenService.resolve(token);
  const tree = await catalogueService.loadTree();
  const facility = /^[0-9a-f]{24}$/i.test(facilityId) ? tree.byId.get(facilityId) : undefined;
  if (!facility) throw new AppError('not_found', 'No such page');
  const lang = opts.lang ?? 'ru';
  const other = lang === 'ru' ? 'en' : 'ru';
  const both = (l: { ru: string; en: string }) =>
    `${escapeHtml(l[lang])} <span class="alt" lang="${other}">${escapeHtml(l[other])}</span>`;

  const anchor = opts.from ? Date.parse(`${opts.from}T00:00:00+03:00`) : Date.now();
  if (Number.isNaN(anchor)) throw new AppError('validation_failed', 'Invalid query: from: not a real date');
  const day0 = floorToGrid(anchor, 'day');
  const weekday = (new Date(day0 + MOSCOW_OFFSET_MS).getUTCDay() + 6) % 7; // Monday = 0
  const start = day0 - weekday * DAY_MS;
  const end = start + WEEKS * 7 * DAY_MS;

  const availability = await bookingService.availability(partnerReader, {
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
    facilityIds: [facility.id],
  });
  const busy = availability.facilities[0]?.busy ?? [];

  const today = floorToGrid(Date.now(), 'day');
  const cells: string[] = [];
  for (let d = start; d < end; d += DAY_MS) {
    let state: DayState = 'free';
    let covered = 0;
    let rank: number | undefined;
    for (const b of busy) {
      const s = Math.max(d, Date.parse(b.start));
      const e = Math.min(d + DAY_MS, Date.parse(b.end));
      if (e <= s) continue;
      covered += e - s;
      const st = stateOf(b);
      if (severity[st] > severity[state]) state = st;
      if (st === 'held' && b.holdRank !== undefined) rank = Math.min(rank ?? Infinity, b.holdRank);
    }
    const partly = state !== 'free' && covered < DAY_MS;
    const label = labels[state];
    const text = state === 'held' && rank ? `${label[lang]} №${rank}` : label[lang];
    const date = moscowDate(d);
    cells.push(
      `<td class="${state}${partly ? ' partly' : ''}${d < today ? ' past' : ''}" title="${escapeHtml(`${date}: ${label.ru} / ${label.en}${partly ? ` (${labels.partly.ru} / ${labels.partly.en})` : ''}`)}">` +
        `<span class="d">${Number(date.slice(8, 10))}.${date.slice(5, 7)}</span><span class="s">${escapeHtml(text)}${partly ? ` <small>${escapeHtml(labels.partly[lang])}</small>` : ''}</span></td>`,
    );
  }
  const rows: string[] = [];
  for (let w = 0; w < WEEKS; w++) rows.push(`<tr>${cells.slice(w * 7, w * 7 + 7).join('')}</tr>`);

  const list = busy.length
    ? `<ul>${busy
        .map(
          (b) =>
            `<li><span class="dot ${stateOf(b)}"></span>${escapeHtml(moscowShort(Date.parse(b.start)))} – ${escapeHtml(moscowShort(Date.parse(b.end)))}: ${escapeHtml(statusText(b.status, b.holdRank))}</li>`,
        )
        .join('')}</ul>`
    : `<p>${both(labels.none)}</p>`;

  const nav = (delta: number, l: { ru: string; en: string }) =>
    `<a href="?lang=${lang}&amp;from=${moscowDate(day0 + delta * WEEKS * 7 * DAY_MS)}">${escapeHtml(l[lang])}</a>`;
  const name = facility.name;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(name[lang])} · ${escapeHtml(labels.title[lang])}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:12px;color:#1d1d1f;background:#fff}
h1{font-size:18px;margin:0 0 4px}.alt{color:#6b6b70;font-weight:normal;font-size:.9em}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:8px 0}th{font-weight:600;font-size:12px;color:#555}
td{border:1px solid #ddd;padding:4px;vertical-align:top;height:44px}td .d{display:block;font-size:12px;color:#555}td .s{font-size:12px}
td.free{background:#eaf7ee}td.held{background:#fff5d6}td.booked{background:#fde2e1}td.blocked{background:#e4e4e7}td.past{opacity:.45}td.partly{background-image:linear-gradient(135deg,transparent 50%,rgba(255,255,255,.7) 50%)}
.sw,.dot{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px}.free{background:#bfe8cb}.held{background:#ffe08a}.booked{background:#f6a5a1}.blocked{background:#b4b4bb}
nav a{margin-right:12px}ul{padding-left:16px}small{color:#555}
</style>
</head>
<body>
<h1>${escapeHtml(name[lang])} <span class="alt" lang="${other}">${escapeHtml(name[other])}</span></h1>
<p>${both(labels.title)} · ${escapeHtml(moscowDate(start))} – ${escapeHtml(moscowDate(end - DAY_MS))} · ${both(labels.times)}</p>
<p class="legend"><span class="sw free"></span>${both(labels.free)}<span class="sw held"></span>${both(labels.held)}<span class="sw booked"></span>${both(labels.booked)}<span class="sw blocked"></span>${both(labels.blocked)}</p>
<nav>${nav(-1, labels.prev)}${nav(1, labels.next)}<a href="?lang=${other}&amp;from=${moscowDate(day0)}">${other === 'en' ? 'English' : 'Русский'}</a></nav>
<table>
<thead><tr>${labels.weekdays[lang].map((d) => `<th>${d}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<h2 style="font-size:15px">${both(labels.busy)}</h2>
${list}
</body>
</html>
`;
}

/** Headers of the embeddable page: this route alone may be framed by any site. */
export const embedHeaders: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors *",
  'Cross-Origin-Resource-Policy': 'cross-origin',
};
