import mongoose from 'mongoose';
import { BookingVersionModel, type BookingVersionDoc } from './models.js';

type Id = mongoose.Types.ObjectId;
// sanitizeFilter is on globally: operators the server itself writes are marked trusted.
const t = <T>(op: T): T => mongoose.trusted(op) as T;

/** Reads and the one kind of write of the booking engine: inserting a version document. */
export const bookingRepository = {
  /** Highest sequence number claimed under a root (0 when none). */
  async maxSeq(rootId: Id): Promise<number> {
    const doc = await BookingVersionModel.findOne({ rootId }, { seq: 1 }).sort({ seq: -1 }).lean<{ seq: number }>();
    return doc?.seq ?? 0;
  },

  /**
   * Every version needed to know the current state of every booking that had a version overlapping
   * `[from, to)` under these roots: the overlapping versions, all versions of those bookings and
   * every version that released one of them. With `maxSeq`, exactly the state after that sequence
   * number (one root). Returns the records and the ids of the bookings of interest.
   */
  async loadWindow(
    rootIds: Id[],
    from: Date,
    to: Date,
    maxSeq?: number,
  ): Promise<{ records: BookingVersionDoc[]; ids: Set<string> }> {
    const seqFilter = maxSeq === undefined ? {} : { seq: t({ $lte: maxSeq }) };
    const rootFilter = rootIds.length === 1 ? { rootId: rootIds[0] } : { rootId: t({ $in: rootIds }) };
    const first = await BookingVersionModel.find({
      ...rootFilter,
      ...seqFilter,
      start: t({ $lt: to }),
      end: t({ $gt: from }),
    }).lean<BookingVersionDoc[]>();
    const ids = new Set(first.map((d) => String(d.bookingId)));
    if (!ids.size) return { records: [], ids };
    const oids = [...ids].map((id) => new mongoose.Types.ObjectId(id));
    const second = await BookingVersionModel.find({
      ...rootFilter,
      ...seqFilter,
      $or: [{ bookingId: t({ $in: oids }) }, { bumps: t({ $in: oids }) }],
    }).lean<BookingVersionDoc[]>();
    const byId = new Map<string, BookingVersionDoc>();
    for (const d of [...first, ...second]) byId.set(String(d._id), d);
    return { records: [...byId.values()], ids };
  },

  /** All versions of one booking, oldest first, and the versions of other bookings that released it. */
  async history(bookingId: Id): Promise<{ versions: BookingVersionDoc[]; bumpedBy: BookingVersionDoc[] }> {
    const versions = await BookingVersionModel.find({ bookingId }).sort({ version: 1 }).lean<BookingVersionDoc[]>();
    const bumpedBy = await BookingVersionModel.find({ bumps: bookingId }).sort({ seq: 1 }).lean<BookingVersionDoc[]>();
    return { versions, bumpedBy };
  },

  async latestVersion(bookingId: Id): Promise<BookingVersionDoc | null> {
    return BookingVersionModel.findOne({ bookingId }).sort({ version: -1 }).lean<BookingVersionDoc>();
  },

  async findByIdempotencyKey(idemOrg: string, idemKey: string): Promise<BookingVersionDoc | null> {
    return BookingVersionModel.findOne({ idemOrg, idemKey }).lean<BookingVersionDoc>();
  },

  /** The only write. Throws the driver's duplicate-key error (code 11000) when the claim is taken. */
  async insert(doc: BookingVersionDoc): Promise<void> {
    await BookingVersionModel.create(doc);
  },
};

export function isDuplicateKey(
  err: unknown,
): err is { code: number; keyPattern?: Record<string, unknown>; message: string } {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
