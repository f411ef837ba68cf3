import mongoose from 'mongoose';
import { FacilityModel, SiteModel, type FacilityDoc, type SiteDoc } from './models.js';

export const catalogueRepository = {
  async listSites(): Promise<SiteDoc[]> {
    return SiteModel.find().sort({ slug: 1 }).lean<SiteDoc[]>();
  },
  async listFacilities(): Promise<FacilityDoc[]> {
    return FacilityModel.find().sort({ site: 1, slug: 1 }).lean<FacilityDoc[]>();
  },
  /** By ObjectId or by slug. */
  async findFacility(idOrSlug: string): Promise<FacilityDoc | null> {
    const filter =
      mongoose.isObjectIdOrHexString(idOrSlug) && /^[0-9a-f]{24}$/i.test(idOrSlug)
        ? { _id: new mongoose.Types.ObjectId(idOrSlug) }
        : { slug: idOrSlug };
    return FacilityModel.findOne(filter).lean<FacilityDoc>();
  },
  async countFacilities(): Promise<number> {
    return FacilityModel.countDocuments();
  },
};
