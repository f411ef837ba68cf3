import { AppError, matchesFacilityQuery, type Facility, type FacilityQuery, type Site } from '@moskino/shared';
import { catalogueRepository } from './repository.js';
import { presentFacility, presentSite } from './presenter.js';

const idOrSlugPattern = /^(?:[0-9a-f]{24}|[a-z0-9][a-z0-9_-]{0,79})$/i;

/** The whole catalogue as a tree index; the booking engine walks ancestors and descendants with it. */
export interface FacilityTree {
  all: Facility[];
  byId: Map<string, Facility>;
  children: Map<string, Facility[]>;
}

export function buildTree(all: Facility[]): FacilityTree {
  const byId = new Map(all.map((f) => [f.id, f]));
  const children = new Map<string, Facility[]>();
  for (const f of all) {
    if (!f.parentId) continue;
    const list = children.get(f.parentId) ?? [];
    list.push(f);
    children.set(f.parentId, list);
  }
  return { all, byId, children };
}

export const catalogueService = {
  async listSites(): Promise<Site[]> {
    return (await catalogueRepository.listSites()).map(presentSite);
  },

  async listFacilities(query: FacilityQuery = {}): Promise<Facility[]> {
    const all = (await catalogueRepository.listFacilities()).map(presentFacility);
    return all.filter((f) => matchesFacilityQuery(f, query));
  },

  async loadTree(): Promise<FacilityTree> {
    return buildTree((await catalogueRepository.listFacilities()).map(presentFacility));
  },

  async getFacility(idOrSlug: string): Promise<Facility> {
    if (!idOrSlugPattern.test(idOrSlug))
      throw new AppError('invalid_id', 'Malformed facility id or slug', { id: idOrSlug.slice(0, 80) });
    const doc = await catalogueRepository.findFacility(idOrSlug);
    if (!doc) throw new AppError('not_found', 'No such facility', { id: idOrSlug });
    return presentFacility(doc);
  },
};
