import mongoose, { Schema } from 'mongoose';
import { toMoscowIso, type Notification } from '@moskino/shared';
import type { Caller } from '../../http/routes.js';

/**
 * What an organisation is told: a decision on its request, a hold released by a blackout. One row
 * per event under a unique `key` (e.g. `released:<bookingId>`), so writing it twice (a retry after
 * a crash) keeps one. Written right after the booking change it describes.
 */
const notificationSchema = new Schema(
  {
    key: { type: String, required: true },
    organisationId: { type: String, required: true },
    kind: { type: String, required: true },
    bookingId: { type: String, default: null },
    message: { ru: { type: String, required: true }, en: { type: String, required: true } },
    reason: { type: String, default: '' },
    at: { type: Date, required: true },
  },
  { collection: 'notifications', versionKey: false },
);
notificationSchema.index({ key: 1 }, { unique: true });
notificationSchema.index({ organisationId: 1, at: -1 });

interface NotificationDoc {
  _id: mongoose.Types.ObjectId;
  key: string;
  organisationId: string;
  kind: string;
  bookingId: string | null;
  message: { ru: string; en: string };
  reason: string;
  at: Date;
}

export const NotificationModel = mongoose.model('Notification', notificationSchema);

export const notificationService = {
  async notify(n: Omit<NotificationDoc, '_id' | 'at'>): Promise<void> {
    try {
      await NotificationModel.create({ ...n, at: new Date() });
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err; // already told
    }
  },

  /** The signed-in user's organisation's notifications, newest first. */
  async listFor(caller: Caller): Promise<Notification[]> {
    const docs = await NotificationModel.find({ organisationId: caller.organisationId })
      .sort({ at: -1 })
      .limit(200)
      .lean<NotificationDoc[]>();
    return docs.map((d) => ({
      id: String(d._id),
      kind: d.kind,
      bookingId: d.bookingId ?? null,
      message: { ru: d.message.ru, en: d.message.en },
      reason: d.reason ?? '',
      at: toMoscowIso(new Date(d.at).getTime()),
    }));
  },
};
