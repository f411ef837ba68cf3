import {
  AppError,
  DAY_MS,
  conflictingPhases,
  isLive,
  overlaps,
  spanOf,
  toMoscowIso,
  type ApprovalItem,
  type BlackoutImpact,
  type Booking,
  type Competitor,
  type CreateBlackoutBody,
  type DecideBody,
  type DecideResult,
  type ReducedBooking,
  type ReorderHoldBody,
} from '@moskino/shared';
import mongoose from 'mongoose';
import type { Caller } from '../../http/routes.js';
import { toAppError } from '../../http/errors.js';
import { organisationRepository } from '../auth/repository.js';
import { bookingService, readRoots } from '../bookings/service.js';
import { bookingRepository } from '../bookings/repository.js';
import { presentBooking } from '../bookings/presenter.js';
import type { BookingVersionDoc } from '../bookings/models.js';
import { catalogueService } from '../catalogue/service.js';
import { notificationService } from './notifications.js';

/** How far around a request the approval queue looks for competing holds and requests (a week). */
const AROUND_MS = 7 * DAY_MS;
/** Window of the approval queue: pending requests ending after now - 30 days, up to 3 years ahead. */
const QUEUE_BACK_MS = 30 * DAY_MS;
const QUEUE_AHEAD_MS = 3 * 366 * DAY_MS;

type Via = 'self' | 'ancestor' | 'descendant';

function viaOf(tree: Awaited<ReturnType<typeof readRoots>>['tree'], of: string, other: string): Via {
  if (of === other) return 'self';
  for (
    let cur = tree.byId.get(of)?.parentId ?? null, guard = 0;
    cur && guard < 32;
    cur = tree.byId.get(cur)?.parentId ?? null, guard++
  ) {
    if (cur === other) return 'ancestor';
  }
  return 'descendant';
}

const phasesIso = (b: ReducedBooking) =>
  b.phases.map((p) => ({ type: p.type as 'shoot', start: toMoscowIso(p.start), end: toMoscowIso(p.end) }));

export const staffService = {
  /**
   * Pending firm requests, oldest request first, each with its facility, organisation and what else
   * wants the same time: the holds it released when it was made firm, and live holds and requests on
   * the facility, its parent(s) or children within a week of it (they cannot overlap it: the invariant).
   */
  async approvals(): Promise<ApprovalItem[]> {
    const tree = await catalogueService.loadTree();
    const now = Date.now();
    const rootIds = [...new Set(tree.all.map((f) => f.rootId))];
    const view = await readRoots(rootIds, now - QUEUE_BACK_MS, now + QUEUE_AHEAD_MS);
    const byId = new Map(view.bookings.map((b) => [b.id, b]));
    const orgIds = new Set<string>();
    const pending = view.bookings.filter((b) => b.status === 'pending');
    for (const b of pending) orgIds.add(b.organisationId);
    const orgs = new Map<string, { id: string; name: { ru: string; en: string } }>();
    await Promise.all(
      [...orgIds].map(async (id) => {
        const o = /^[0-9a-f]{24}$/i.test(id) ? await organisationRepository.findById(id) : null;
        if (o) orgs.set(id, { id, name: { ru: o.name!.ru, en: o.name!.en } });
      }),
    );
    const items: ApprovalItem[] = [];
    for (const b of pending) {
      const doc = view.docs.get(b.id)!;
      const facility = view.tree.byId.get(b.facilityId);
      const span = spanOf(b.phases);
      const competing: Competitor[] = [];
      const seen = new Set<string>();
      const add = (o: ReducedBooking, relation: Competitor['relation']) => {
        if (seen.has(o.id) || o.id === b.id) return;
        seen.add(o.id);
        competing.push({
          bookingId: o.id,
          facilityId: o.facilityId,
          organisationId: o.organisationId,
          title: view.docs.get(o.id)?.title ?? '',
          status: o.status,
          holdRank: view.ranks.get(o.id) ?? null,
          relation,
          via: viaOf(view.tree, b.facilityId, o.facilityId),
          phases: phasesIso(o),
        });
      };
      // Holds released by this request when it was made firm (the holds that were behind it).
      const bumped = new Set((doc.bumps ?? []).map(String));
      for (const id of bumped) {
        const o = byId.get(id);
        if (o) add(o, 'hold');
      }
      for (const o of view.bookings) {
        if (!isLive(o.status) || o.id === b.id || o.status === 'blackout' || o.status === 'confirmed') continue;
        if (!view.topo.related(b.facilityId, o.facilityId)) continue;
        if (!o.phases.some((p) => overlaps(p, span, AROUND_MS))) continue;
        add(o, o.status === 'held' ? 'hold' : 'request');
      }
      items.push({
        booking: presentBooking(doc, b, null),
        facility: { id: b.facilityId, slug: facility?.slug ?? '', name: facility?.name ?? { ru: '', en: '' } },
        organisation: orgs.get(b.organisationId) ?? null,
        requestedAt: toMoscowIso(new Date(doc.at).getTime()),
        competing,
      });
    }
    return items.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.booking.id.localeCompare(b.booking.id));
  },

  /** Confirms or rejects each request through the engine, one by one; each answers on its own. */
  async decide(caller: Caller, body: DecideBody): Promise<DecideResult> {
    const results: DecideResult['results'] = [];
    for (const d of body.decisions) {
      try {
        const booking =
          d.decision === 'confirm'
            ? await bookingService.confirm(caller, d.bookingId, d.reason)
            : await bookingService.reject(caller, d.bookingId, d.reason);
        await notificationService.notify({
          key: `decision:${booking.id}:${booking.version}`,
          organisationId: booking.organisationId,
          kind: d.decision === 'confirm' ? 'request_confirmed' : 'request_rejected',
          bookingId: booking.id,
          message:
            d.decision === 'confirm'
              ? { ru: `Заявка «${booking.title}» подтверждена`, en: `Request "${booking.title}" confirmed` }
              : { ru: `Заявка «${booking.title}» отклонена`, en: `Request "${booking.title}" rejected` },
          reason: d.reason ?? '',
        });
        results.push({ bookingId: d.bookingId, ok: true, booking });
      } catch (err) {
        const e = toAppError(err);
        if (e.status >= 500) throw err;
        results.push({ bookingId: d.bookingId, ok: false, error: { code: String(e.code), message: e.message } });
      }
    }
    return { results };
  },

  async reorderHold(caller: Caller, body: ReorderHoldBody): Promise<Booking> {
    return bookingService.reorderHold(caller, body.bookingId, body.beforeBookingId, body.reason);
  },

  /** Live bookings a blackout of [start, end) on the facility would hit: on it, its ancestors and its
   * descendants, turnaround buffers included. */
  async impact(facilityId: string, startIso: string, endIso: string): Promise<BlackoutImpact> {
    const tree = await catalogueService.loadTree();
    const facility = tree.byId.get(facilityId);
    if (!facility)
      throw new AppError('validation_failed', 'Invalid body: facilityId: no such facility', {
        in: 'body',
        issues: [{ path: 'facilityId', message: 'no such facility', code: 'unknown_facility' }],
      });
    const start = Date.parse(startIso);
    const end = Date.parse(endIso);
    const view = await readRoots([facility.rootId], start, end);
    const candidate = { facilityId, phases: [{ type: 'any', start, end }] };
    const out: BlackoutImpact = { facilityId, start: toMoscowIso(start), end: toMoscowIso(end), firm: [], holds: [] };
    for (const b of view.bookings) {
      if (!isLive(b.status)) continue;
      if (!conflictingPhases(candidate, b, view.topo).length) continue;
      const item = {
        bookingId: b.id,
        facilityId: b.facilityId,
        organisationId: b.organisationId,
        title: view.docs.get(b.id)?.title ?? '',
        status: b.status,
        holdRank: view.ranks.get(b.id) ?? null,
        via: viaOf(view.tree, facilityId, b.facilityId),
        phases: phasesIso(b),
      };
      (b.status === 'held' ? out.holds : out.firm).push(item);
    }
    const byStart = (a: { phases: Array<{ start: string }> }, b: { phases: Array<{ start: string }> }) =>
      a.phases[0]!.start.localeCompare(b.phases[0]!.start);
    out.firm.sort(byStart);
    out.holds.sort(byStart);
    return out;
  },

  /**
   * A blackout through the engine's write loop. Firm time in the way: 409 `booking_conflict` (from the
   * engine, with the bookings). Holds in the way without `releaseHolds`: 409 `holds_in_the_way` with
   * them. With `releaseHolds`, the engine releases them in the same write and each holder is told.
   */
  async createBlackout(caller: Caller, body: CreateBlackoutBody): Promise<{ blackout: Booking; released: string[] }> {
    const impact = await this.impact(body.facilityId, body.start, body.end);
    if (!impact.firm.length && impact.holds.length && !body.releaseHolds) {
      throw new AppError(
        'holds_in_the_way',
        'Holds lie in this period: confirm releasing them (releaseHolds: true)',
        { holds: impact.holds },
        409,
      );
    }
    const { booking } = await bookingService.create(
      caller,
      {
        facilityId: body.facilityId,
        title: body.reason,
        kind: 'blackout',
        phases: [{ type: 'build', start: body.start, end: body.end }],
        ...(body.notes ? { notes: body.notes } : {}),
      },
      undefined,
      { releaseHolds: body.releaseHolds === true, reason: body.reason },
    );
    const doc = (await bookingRepository.latestVersion(new mongoose.Types.ObjectId(booking.id))) as BookingVersionDoc;
    const released = (doc.bumps ?? []).map(String);
    for (const id of released) {
      const hold = await bookingRepository.latestVersion(new mongoose.Types.ObjectId(id));
      if (!hold) continue;
      await notificationService.notify({
        key: `released:${id}`,
        organisationId: hold.organisationId,
        kind: 'hold_released',
        bookingId: id,
        message: {
          ru: `Ваш холд «${hold.title}» снят: площадка закрыта (${body.reason})`,
          en: `Your hold "${hold.title}" was released: the facility is blocked (${body.reason})`,
        },
        reason: body.reason,
      });
    }
    return { blackout: booking, released };
  },
};
