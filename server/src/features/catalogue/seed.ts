import { readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { z } from 'zod';
import { facilitySchema, localizedTextSchema, siteSlugSchema } from '@moskino/shared';
import { repoRoot } from '../../db/embedded.js';
import { FacilityModel, SiteModel } from './models.js';

/** The project's own seed file (made from the research catalogue by scripts/import-shared-catalogue.mjs). */
export const catalogueSeedPath = path.join(repoRoot, 'server/seed/catalogue.json');

const seedSchema = z.object({
  sites: z.array(
    z.object({
      slug: siteSlugSchema,
      name: localizedTextSchema,
      address: localizedTextSchema,
      brand: z.enum(['moskino', 'gorky']),
    }),
  ),
  // A facility as the API shows it, with the parent named by slug instead of ids.
  facilities: z.array(
    facilitySchema
      .omit({ id: true, parentId: true, rootId: true })
      .extend({ slug: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/), parentSlug: z.string().nullable() }),
  ),
});
export type CatalogueSeed = z.infer<typeof seedSchema>;

export function readCatalogueSeed(file = catalogueSeedPath): CatalogueSeed {
  return seedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface SeedProgress {
  done: number;
  total: number;
  label: string;
}

/**
 * Loads (or reloads) the catalogue: sites and facilities are matched by slug, so running it twice
 * gives the same result and keeps ids stable. Parents are written before children.
 */
export async function seedCatalogue(
  seed: CatalogueSeed,
  onProgress: (p: SeedProgress) => void = () => {},
): Promise<{ sites: number; facilities: number }> {
  const total = seed.sites.length + seed.facilities.length;
  let done = 0;
  for (const site of seed.sites) {
    await SiteModel.updateOne({ slug: site.slug }, { $set: site }, { upsert: true });
    onProgress({ done: ++done, total, label: site.slug });
  }

  // Stable ids: existing documents keep theirs, new ones get one now so parents and roots resolve.
  const existing = await FacilityModel.find({}, { slug: 1 }).lean<
    Array<{ _id: mongoose.Types.ObjectId; slug: string }>
  >();
  const idBySlug = new Map(existing.map((d) => [d.slug, d._id]));
  for (const f of seed.facilities) if (!idBySlug.has(f.slug)) idBySlug.set(f.slug, new mongoose.Types.ObjectId());
  const bySlug = new Map(seed.facilities.map((f) => [f.slug, f]));
  for (const f of seed.facilities) {
    if (f.parentSlug && !bySlug.has(f.parentSlug))
      throw new Error(`facility ${f.slug}: unknown parent ${f.parentSlug}`);
  }

  // Root: the top-most bookable facility on the way up (itself when nothing above it is bookable).
  const rootOf = (slug: string): string => {
    let root = slug;
    let cur = bySlug.get(slug)?.parentSlug ?? null;
    for (let guard = 0; cur && guard < 32; guard++) {
      if (bySlug.get(cur)?.bookable) root = cur;
      cur = bySlug.get(cur)?.parentSlug ?? null;
    }
    return root;
  };
  const depth = (slug: string): number => {
    let d = 0;
    for (let cur = bySlug.get(slug)?.parentSlug ?? null; cur && d < 32; cur = bySlug.get(cur)?.parentSlug ?? null) d++;
    return d;
  };

  const ordered = [...seed.facilities].sort((a, b) => depth(a.slug) - depth(b.slug));
  for (const f of ordered) {
    const { parentSlug, ...fields } = f;
    const _id = idBySlug.get(f.slug)!;
    const doc = {
      ...fields,
      parentId: parentSlug ? idBySlug.get(parentSlug)! : null,
      rootId: idBySlug.get(rootOf(f.slug))!,
    };
    const updated = await FacilityModel.updateOne({ _id }, { $set: doc });
    if (updated.matchedCount === 0) await FacilityModel.create({ _id, ...doc });
    onProgress({ done: ++done, total, label: f.slug });
  }
  return { sites: seed.sites.length, facilities: seed.facilities.length };
}
