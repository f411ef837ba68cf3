import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import {
  AppError,
  DAY_MS,
  floorToGrid,
  type Busy,
  type CreateFeedTokenBody,
  type Facility,
  type FeedToken,
  type FeedTokenCreated,
  type SiteSlug,
} from '@moskino/shared';
import type { Caller } from '../../http/routes.js';
import { organisationRepository, userRepository } from '../auth/repository.js';
import { bookingService } from '../bookings/service.js';
import { catalogueService, type FacilityTree } from '../catalogue/service.js';
import { renderCalendar, type IcalEvent } from './ical.js';
import { FeedTokenModel, type FeedTokenDoc } from './models.js';
import { hashOfPresented, newSecret } from './secrets.js';

/**
 * Calendar feeds (iCalendar) and their secret tokens.
 *
 * - A **partner token** is created by an admin for a partner organisation. Its feeds show busy blocks
 *   with their status only (held with rank, requested, booked, blocked): no titles, notes,
 *   organisations, people or booking ids.
 * - A **crew token** is a crew member's private token. Its feeds show the details (title, phase) of the
 *   member's own organisation's bookings and status only for everyone else's; `own.ics` lists the
 *   organisation's bookings with full details, including cancelled ones.
 *
 * Cancellations: the facility, zone and site feeds show live time only, so a cancelled, rejected or
 * released booking is simply REMOVED from them on the next refresh. The crew's `own.ics` keeps such a
 * booking with `STATUS:CANCELLED` (same UID, higher SEQUENCE), so subscribed calendars mark it.
 *
 * UIDs are stable: a hash of the token, the feed's facility, the booking and the phase's position in
 * the booking (never the booking id itself, which partners may not see).
 */

const oid = (id: string) => new mongoose.Types.ObjectId(id);
const isObjectId = (id: string) => /^[0-9a-f]{24}$/i.test(id);
const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Feeds cover the last 30 days and the next 365. */
export const FEED_PAST_DAYS = 30;
export const FEED_FUTURE_DAYS = 365;

export function presentFeedToken(d: FeedTokenDoc): FeedToken {
  return {
    id: String(d._id),
    kind: d.kind as FeedToken['kind'],
    organisationId: String(d.organisationId),
    userId: d.userId ? String(d.userId) : null,
    name: d.name,
    prefix: d.prefix,
    createdAt: new Date(d.createdAt).toISOString(),
    revokedAt: iso(d.revokedAt),
  };
}

function feedUrls(token: string, kind: FeedToken['kind']): FeedTokenCreated['urls'] {
  const base = `/api/feeds/${token}`;
  return {
    facility: `${base}/facilities/{facilityId}.ics`,
    zone: `${base}/zones/{zoneId}.ics`,
    site: `${base}/sites/{site}.ics`,
    own: kind === 'crew' ? `${base}/own.ics` : null,
    embed: `/api/embed/${token}/facilities/{facilityId}`,
  };
}

export interface FeedViewer {
  tokenId: string;
  kind: FeedToken['kind'];
  organisationId: string;
  userId: string | null;
}

const notFound = () => new AppError('not_found', 'No such feed');

export const feedTokenService = {
  /** Admin: a partner token for a partner organisation. Crew: a private token for themselves. */
  async create(caller: Caller, body: CreateFeedTokenBody): Promise<FeedTokenCreated> {
    let kind: FeedToken['kind'];
    let organisationId: string;
    let userId: string | null = null;
    if (caller.role === 'crew') {
      if (body.organisationId !== undefined && body.organisationId !== caller.organisationId) {
        throw new AppError('forbidden', 'A crew member creates private feeds of their own organisation only');
      }
      kind = 'crew';
      organisationId = caller.organisationId;
      userId = caller.userId;
    } else {
      if (!body.organisationId) {
        throw new AppError('validation_failed', 'Invalid body: organisationId: required', {
          in: 'body',
          issues: [{ path: 'organisationId', message: 'required', code: 'invalid_type' }],
        });
      }
      const org = await organisationRepository.findById(body.organisationId);
      if (!org) throw new AppError('not_found', 'No such organisation');
      if (org.kind !== 'partner') {
        throw new AppError('validation_failed', 'Invalid body: organisationId: must be a partner organisation', {
          in: 'body',
          issues: [{ path: 'organisationId', message: 'must be a partner organisation', code: 'not_partner' }],
        });
      }
      kind = 'partner';
      organisationId = body.organisationId;
    }
    const { secret, hash, prefix } = newSecret('mkf');
    const created = await FeedTokenModel.create({
      tokenHash: hash,
      prefix,
      kind,
      organisationId: oid(organisationId),
      userId: userId ? oid(userId) : null,
      name: body.name,
      createdBy: oid(caller.userId),
    });
    return { ...presentFeedToken(created.toObject() as FeedTokenDoc), token: secret, urls: feedUrls(secret, kind) };
  },

  /** Admins see every token; a crew member their own. */
  async list(caller: Caller): Promise<FeedToken[]> {
    const filter = caller.role === 'crew' ? { userId: oid(caller.userId) } : {};
    return (await FeedTokenModel.find(filter).sort({ createdAt: -1 }).lean<FeedTokenDoc[]>()).map(presentFeedToken);
  },

  async revoke(caller: Caller, id: string): Promise<FeedToken> {
    if (!isObjectId(id)) throw new AppError('invalid_id', 'Malformed feed token id');
    const doc = await FeedTokenModel.findById(oid(id)).lean<FeedTokenDoc>();
    if (!doc || (caller.role === 'crew' && String(doc.userId) !== caller.userId))
      throw new AppError('not_found', 'No such feed token');
    if (!doc.revokedAt) await FeedTokenModel.updateOne({ _id: doc._id }, { $set: { revokedAt: new Date() } });
    return presentFeedToken((await FeedTokenModel.findById(doc._id).lean<FeedTokenDoc>())!);
  },

  /** The viewer of a live token; unknown, malformed and revoked tokens are all 404. */
  async resolve(token: string): Promise<FeedViewer> {
    const hash = hashOfPresented('mkf', token);
    const doc = hash ? await FeedTokenModel.findOne({ tokenHash: hash }).lean<FeedTokenDoc>() : null;
    if (!doc || doc.revokedAt) throw notFound();
    // A crew token shows its organisation's bookings in full: it lives only as long as its member is an
    // active member of that organisation (deactivation ends feeds at once, like sessions).
    if (doc.kind === 'crew') {
      const user = doc.userId ? await userRepository.findById(String(doc.userId)) : null;
      if (!user || !user.active || String(user.organisationId) !== String(doc.organisationId) || user.role !== 'crew')
        throw notFound();
    }
    return {
      tokenId: String(doc._id),
      kind: doc.kind as FeedToken['kind'],
      organisationId: String(doc.organisationId),
      userId: doc.userId ? String(doc.userId) : null,
    };
  },
};

/** The engine reads as staff so that the feed can tell its own organisation's bookings and build stable
 * UIDs; what leaves the server is decided by `eventOf` alone, from an allow-list of fields. */
const engineReader: Caller = {
  userId: '000000000000000000000000',
  organisationId: '000000000000000000000000',
  role: 'staff',
};

export function feedWindow(now = Date.now()): { from: number; to: number } {
  const today = floorToGrid(now, 'day');
  return { from: today - FEED_PAST_DAYS * DAY_MS, to: today + FEED_FUTURE_DAYS * DAY_MS };
}

const statusLabel: Record<string, { ru: string; en: string }> = {
  held: { ru: 'Бронь', en: 'Hold' },
  pending: { ru: 'Запрошено', en: 'Requested' },
  confirmed: { ru: 'Занято', en: 'Booked' },
  blackout: { ru: 'Закрыто', en: 'Blocked' },
  cancelled: { ru: 'Отменено', en: 'Cancelled' },
  rejected: { ru: 'Отклонено', en: 'Rejected' },
  released: { ru: 'Снято', en: 'Released' },
  expired: { ru: 'Истекло', en: 'Expired' },
};

/** «Бронь №2 / Hold #2», «Занято / Booked»… */
export function statusText(status: string, holdRank?: number | null): string {
  const l = statusLabel[status] ?? { ru: status, en: status };
  return holdRank ? `${l.ru} №${holdRank} / ${l.en} #${holdRank}` : `${l.ru} / ${l.en}`;
}

function icalStatus(status: string): IcalEvent['status'] {
  if (status === 'held' || status === 'pending') return 'TENTATIVE';
  if (status === 'confirmed' || status === 'blackout') return 'CONFIRMED';
  return 'CANCELLED';
}

function uidOf(viewer: FeedViewer, ...parts: string[]): string {
  return `${createHash('sha256')
    .update([viewer.tokenId, ...parts].join('|'))
    .digest('hex')
    .slice(0, 32)}@moskino-booking`;
}

const facilityName = (f: Facility | undefined) => (f ? `${f.name.ru} / ${f.name.en}` : '');

/** One busy block as the viewer may see it. */
function eventOf(viewer: FeedViewer, tree: FacilityTree, feedFacility: Facility, b: Busy, ordinal: number): IcalEvent {
  const own = viewer.kind === 'crew' && b.organisationId === viewer.organisationId;
  const via = b.via !== 'self' && b.viaFacilityId ? tree.byId.get(b.viaFacilityId) : undefined;
  const viaText = via
    ? `${b.via === 'ancestor' ? 'Через / Via' : 'Часть занята / Part booked'}: ${facilityName(via)}`
    : undefined;
  const status = statusText(b.status, b.holdRank);
  const summary = own ? `${b.title ?? ''} (${status})` : status;
  const description = [own && b.phase ? `Phase: ${b.phase}` : undefined, viaText].filter(Boolean).join('\n');
  return {
    uid: uidOf(viewer, feedFacility.id, b.bookingId ?? `${b.start}|${b.end}`, String(ordinal)),
    start: Date.parse(b.start),
    end: Date.parse(b.end),
    summary,
    status: icalStatus(b.status),
    location: facilityName(feedFacility),
    ...(description ? { description } : {}),
    categories: [b.status],
    extra: [
      ['X-MOSKINO-STATUS', b.status],
      ...(b.holdRank ? ([['X-MOSKINO-HOLD-RANK', String(b.holdRank)]] as [string, string][]) : []),
    ],
  };
}

async function busyEvents(
  viewer: FeedViewer,
  tree: FacilityTree,
  facilities: Facility[],
  selfOnly: boolean,
): Promise<IcalEvent[]> {
  if (!facilities.length) return [];
  const { from, to } = feedWindow();
  const events: IcalEvent[] = [];
  // The engine accepts at most 200 facilities per query.
  for (let i = 0; i < facilities.length; i += 200) {
    const chunk = facilities.slice(i, i + 200);
    const availability = await bookingService.availability(engineReader, {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      facilityIds: chunk.map((f) => f.id),
    });
    for (const row of availability.facilities) {
      const facility = tree.byId.get(row.facilityId)!;
      const seen = new Map<string, number>();
      for (const b of row.busy) {
        if (selfOnly && b.via !== 'self') continue;
        const key = b.bookingId ?? '';
        const ordinal = (seen.get(key) ?? 0) + 1;
        seen.set(key, ordinal);
        events.push(eventOf(viewer, tree, facility, b, ordinal));
      }
    }
  }
  return events.sort((a, b) => a.start - b.start || a.uid.localeCompare(b.uid));
}

export interface FeedFile {
  filename: string;
  body: string;
}

function descendantsOf(tree: FacilityTree, id: string): Facility[] {
  const out: Facility[] = [];
  const stack = [...(tree.children.get(id) ?? [])];
  while (stack.length) {
    const f = stack.pop()!;
    out.push(f);
    stack.push(...(tree.children.get(f.id) ?? []));
  }
  return out;
}

export const feedService = {
  /** Everything that blocks one facility (its own bookings, and those of its ancestors and descendants). */
  async facility(token: string, facilityId: string): Promise<FeedFile> {
    const viewer = await feedTokenService.resolve(token);
    const tree = await catalogueService.loadTree();
    const facility = isObjectId(facilityId) ? tree.byId.get(facilityId) : undefined;
    if (!facility) throw notFound();
    const events = await busyEvents(viewer, tree, [facility], false);
    return {
      filename: `${facility.slug}.ics`,
      body: renderCalendar({ name: `Москино: ${facility.name.ru} / ${facility.name.en}`, events }),
    };
  },

  /** A zone (or any facility) and everything under it, one event per booking of each facility. */
  async zone(token: string, zoneId: string): Promise<FeedFile> {
    const viewer = await feedTokenService.resolve(token);
    const tree = await catalogueService.loadTree();
    const zone = isObjectId(zoneId) ? tree.byId.get(zoneId) : undefined;
    if (!zone) throw notFound();
    const events = await busyEvents(viewer, tree, [zone, ...descendantsOf(tree, zone.id)], true);
    return {
      filename: `${zone.slug}.ics`,
      body: renderCalendar({ name: `Москино: ${zone.name.ru} / ${zone.name.en}`, events }),
    };
  },

  /** Every facility of a site, one event per booking. */
  async site(token: string, site: string): Promise<FeedFile> {
    const viewer = await feedTokenService.resolve(token);
    const tree = await catalogueService.loadTree();
    const facilities = tree.all.filter((f) => f.site === (site as SiteSlug));
    const sites = await catalogueService.listSites();
    const s = sites.find((x) => x.slug === site);
    if (!s) throw notFound();
    const events = await busyEvents(viewer, tree, facilities, true);
    return {
      filename: `${s.slug}.ics`,
      body: renderCalendar({ name: `Москино: ${s.name.ru} / ${s.name.en}`, events }),
    };
  },

  /** A crew token's own organisation's bookings, full details, cancellations as STATUS:CANCELLED. */
  async own(token: string): Promise<FeedFile> {
    const viewer = await feedTokenService.resolve(token);
    if (viewer.kind !== 'crew' || !viewer.userId) throw notFound();
    const tree = await catalogueService.loadTree();
    const { from, to } = feedWindow();
    const reader: Caller = { userId: viewer.userId, organisationId: viewer.organisationId, role: 'crew' };
    const bookings = await bookingService.list(reader, {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    });
    const events: IcalEvent[] = [];
    for (const b of bookings) {
      if (b.organisationId !== viewer.organisationId) continue;
      const facility = tree.byId.get(b.facilityId);
      b.phases.forEach((p, i) => {
        events.push({
          uid: uidOf(viewer, 'own', b.id, String(i + 1)),
          start: Date.parse(p.start),
          end: Date.parse(p.end),
          summary: `${b.title} · ${p.type} (${statusText(b.status, b.holdRank)})`,
          status: icalStatus(b.status),
          sequence: b.version - 1,
          location: facilityName(facility),
          description: [
            `Phase: ${p.type}`,
            `Status: ${statusText(b.status, b.holdRank)}`,
            b.notes ? `Notes: ${b.notes}` : '',
            `Booking: ${b.id}`,
          ]
            .filter(Boolean)
            .join('\n'),
          categories: [b.status, p.type],
          extra: [
            ['X-MOSKINO-STATUS', b.status],
            ['X-MOSKINO-BOOKING-ID', b.id],
          ],
        });
      });
    }
    events.sort((a, b) => a.start - b.start || a.uid.localeCompare(b.uid));
    return {
      filename: 'own-bookings.ics',
      body: renderCalendar({ name: 'Москино: наши брони / our bookings', events }),
    };
  },
};
