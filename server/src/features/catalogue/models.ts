import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { bookingUnits, facilityKinds, siteSlugs } from '@moskino/shared';
import { auditStampFields } from '../audit/models.js';

const localized = { ru: { type: String, required: true }, en: { type: String, required: true } };

const siteSchema = new Schema(
  {
    slug: { type: String, required: true, enum: siteSlugs },
    name: localized,
    address: localized,
    brand: { type: String, required: true, enum: ['moskino', 'gorky'] },
  },
  { collection: 'sites', timestamps: true },
);
siteSchema.index({ slug: 1 }, { unique: true });

const facilitySchema = new Schema(
  {
    slug: { type: String, required: true },
    site: { type: String, required: true, enum: siteSlugs },
    parentId: { type: Schema.Types.ObjectId, default: null },
    rootId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true, enum: facilityKinds },
    name: localized,
    areaM2: { type: Number, default: null },
    heightM: { type: Number, default: null },
    features: { type: [String], default: [] },
    period: { type: String, default: null },
    bookable: { type: Boolean, required: true },
    status: { type: String, required: true, enum: ['operating', 'planned', 'retired'] },
    estimated: { type: Boolean, required: true },
    source: { type: String, default: null },
    notes: { type: String, default: '' },
    rules: {
      bookingUnit: { type: String, required: true, enum: bookingUnits },
      minUnits: { type: Number, required: true },
      maxUnits: { type: Number, required: true },
      leadTimeHours: { type: Number, required: true },
      horizonDays: { type: Number, required: true },
      bufferMinutes: { type: Number, required: true },
    },
    dayRates: {
      type: new Schema({ build: Number, prelight: Number, shoot: Number, strike: Number }, { _id: false }),
      default: null,
    },
    ...auditStampFields,
  },
  { collection: 'facilities', timestamps: true },
);
facilitySchema.index({ slug: 1 }, { unique: true });
facilitySchema.index({ site: 1, parentId: 1 });

export type SiteDoc = InferSchemaType<typeof siteSchema> & { _id: mongoose.Types.ObjectId };
export type FacilityDoc = InferSchemaType<typeof facilitySchema> & { _id: mongoose.Types.ObjectId };

export const SiteModel = mongoose.model('Site', siteSchema);
export const FacilityModel = mongoose.model('Facility', facilitySchema);
