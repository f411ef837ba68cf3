import mongoose from 'mongoose';
import {
  AppError,
  DAY_MS,
  catalogueRowSchema,
  facilityInputSchema,
  invariantViolations,
  isAligned,
  isLive,
  spanOf,
  toMoscowIso,
  topologyOf,
  type CatalogueImportResult,
  type CatalogueRow,
  type Facility,
  type FacilityInput,
  type FacilityPatch,
  type ImportProblem,
  type ReducedBooking,
} from '@moskino/shared';
import type { Caller } from '../../http/routes.js';
import { audited, auditedBatch, type AuditedChange } from '../audit/service.js';
import { BookingVersionModel, type BookingVersionDoc } from '../bookings/models.js';
import { invalidateCatalogueCache, readRoots } from '../bookings/service.js';
import { FacilityModel, type FacilityDoc } from '../catalogue/models.js';
import { presentFacility } from '../catalogue/presenter.js';
import { catalogueService } from '../catalogue/service.js';
import { parseCsv, toCsv } from './csv.js';

/**
 * Catalogue administration. Every change is planned on the whole new catalogue and checked against
 * the existing bookings before anything is written (docs/catalogue-admin.md):
 *  1. the tree is a tree (parents exist, same site, no cycles);
 *  2. roots are recomputed for the whole catalogue; a facility whose root changes must have NO
 *     booking versions at all (each version carries its root: the sequence claims of a root are
 *     what serialise its writers, so a booking can never move to another root);
 *  3. a facility with live bookings ending in the future cannot be retired, planned or made unbookable;
 *  4. a new booking unit must keep every live future booking on the facility on the grid;
 *  5. with the new tree and buffers, no two live future bookings may overlap where one blocks the
 *     other (moving a set under another zone, growing a buffer).
 * Minimum/maximum length, lead time and horizon apply to new bookings and moves only: existing
 * bookings keep the terms they were accepted under (they are not part of the invariant).
 */

export interface InTheWay {
  bookingId: string;
  facilityId: string;
  status: string;
  start: string;
  end: string;
  problem: string;
}

type Node = Pick<Facility, 'id' | 'slug' | 'site' | 'parentId' | 'bookable' | 'status' | 'rules'>;

const oid = (s: string) => new mongoose.Types.ObjectId(s);
const HORIZON_MS = 3 * 366 * DAY_MS;

/** Root of every facility: its top-most bookable ancestor, itself when none above it is bookable. */
export function computeRoots(nodes: readonly Node[]): Map<string, string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const roots = new Map<string, string>();
  for (const n of nodes) {
    let root = n.id;
    let cur = n.parentId;
    for (let guard = 0; cur && guard < 64; guard++) {
      const p = byId.get(cur);
      if (!p) break;
      if (p.bookable) root = p.id;
      cur = p.parentId;
    }
    roots.set(n.id, root);
  }
  return roots;
}

/** Structural problems of a tree: unknown parent, parent on another site, cycles. */
function treeProblems(nodes: readonly Node[]): Array<{ id: string; field: string; message: string }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: Array<{ id: string; field: string; message: string }> = [];
  for (const n of nodes) {
    if (!n.parentId) continue;
    const p = byId.get(n.parentId);
    if (!p) {
      out.push({ id: n.id, field: 'parent', message: 'no such parent' });
      continue;
    }
    if (p.site !== n.site)
      out.push({ id: n.id, field: 'parent', message: `the parent is on another site (${p.site})` });
    const seen = new Set([n.id]);
    for (
      let cur: string | null = n.parentId, guard = 0;
      cur && guard < 64;
      cur = byId.get(cur)?.parentId ?? null, guard++
    ) {
      if (seen.has(cur)) {
        out.push({ id: n.id, field: 'parent', message: 'the parent is the facility itself or one of its descendants' });
        break;
      }
      seen.add(cur);
    }
  }
  return out;
}

function describe(b: ReducedBooking, problem: string): InTheWay {
  const s = spanOf(b.phases);
  return {
    bookingId: b.id,
    facilityId: b.facilityId,
    status: b.status,
    start: toMoscowIso(s.start),
    end: toMoscowIso(s.end),
    problem,
  };
}

/** The bookings in the way of replacing the catalogue `before` by `after` (rules 2–5 above). */
export async function bookingsInTheWay(before: readonly Facility[], after: readonly Node[]): Promise<InTheWay[]> {
  const now = Date.now();
  const out: InTheWay[] = [];
  const oldById = new Map(before.map((f) => [f.id, f]));
  const newRoots = computeRoots(after);
  // 2. Roots that change, on facilities that have any booking version.
  const moved = after.filter((n) => oldById.has(n.id) && oldById.get(n.id)!.rootId !== newRoots.get(n.id));
  if (moved.length) {
    const docs = await BookingVersionModel.find({
      facilityId: mongoose.trusted({ $in: moved.map((n) => oid(n.id)) }) as never,
    }).lean<BookingVersionDoc[]>();
    const latest = new Map<string, BookingVersionDoc>();
    for (const d of docs)
      if ((latest.get(String(d.bookingId))?.version ?? 0) < d.version) latest.set(String(d.bookingId), d);
    for (const d of latest.values()) {
      out.push({
        bookingId: String(d.bookingId),
        facilityId: String(d.facilityId),
        status: d.status,
        start: toMoscowIso(d.start.getTime()),
        end: toMoscowIso(d.end.getTime()),
        problem: `the facility's root would change from ${oldById.get(String(d.facilityId))!.rootId} to ${newRoots.get(String(d.facilityId))}; a facility with bookings cannot change root`,
      });
    }
  }
  // Live bookings that are not over yet (with the largest buffer).
  const maxBufferMs =
    Math.max(0, ...after.map((n) => n.rules.bufferMinutes), ...before.map((f) => f.rules.bufferMinutes)) * 60_000;
  const rootIds = [...new Set(before.map((f) => f.rootId))];
  const view = await readRoots(rootIds, now - maxBufferMs, now + HORIZON_MS);
  const live = view.bookings.filter((b) => isLive(b.status) && spanOf(b.phases).end + maxBufferMs > now);
  const newById = new Map(after.map((n) => [n.id, n]));
  for (const b of live) {
    const n = newById.get(b.facilityId);
    const o = oldById.get(b.facilityId);
    if (!n || !o) continue;
    // 3. Retired, planned or unbookable with live future bookings.
    if (
      spanOf(b.phases).end > now &&
      (!n.bookable || n.status !== 'operating') &&
      o.bookable &&
      o.status === 'operating'
    ) {
      out.push(
        describe(
          b,
          `the facility would become ${n.status !== 'operating' ? n.status : 'unbookable'} with this booking still to come`,
        ),
      );
    }
    // 4. A new booking unit must keep the booking on the grid (blackouts too).
    if (n.rules.bookingUnit !== o.rules.bookingUnit && spanOf(b.phases).end > now) {
      if (b.phases.some((p) => !isAligned(p.start, n.rules.bookingUnit) || !isAligned(p.end, n.rules.bookingUnit))) {
        out.push(describe(b, `its times are not on the ${n.rules.bookingUnit} grid`));
      }
    }
  }
  // 5. Overlaps under the new tree and buffers, per new root (related facilities share a root).
  const topo = topologyOf(
    after.map((n) => ({ id: n.id, parentId: n.parentId, rules: { bufferMinutes: n.rules.bufferMinutes } })),
  );
  const groups = new Map<string, ReducedBooking[]>();
  for (const b of live) {
    const r = newRoots.get(b.facilityId) ?? b.facilityId;
    const g = groups.get(r) ?? [];
    g.push(b);
    groups.set(r, g);
  }
  // Ancestors that are not roots (unbookable) can still hold old bookings: check across groups too
  // when the tree changed, by merging groups of facilities related in the new tree.
  const pairs: Array<[string, string]> = [];
  for (const g of groups.values()) pairs.push(...invariantViolations(g, topo));
  const byId = new Map(live.map((b) => [b.id, b]));
  for (const [a, b] of pairs) {
    const x = byId.get(a)!;
    const y = byId.get(b)!;
    out.push(describe(x, `would overlap booking ${y.id} (${y.status}) with the new tree or buffer`));
    out.push(describe(y, `would overlap booking ${x.id} (${x.status}) with the new tree or buffer`));
  }
  const seen = new Set<string>();
  return out.filter((w) => {
    const k = `${w.bookingId}:${w.problem}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function refusal(inTheWay: InTheWay[]): AppError {
  return new AppError(
    'catalogue_conflict',
    'This change would leave existing bookings in a state the booking rules forbid',
    { bookings: inTheWay },
    409,
  );
}

function treeError(problems: Array<{ field: string; message: string }>): AppError {
  const first = problems[0]!;
  return new AppError('validation_failed', `Invalid body: ${first.field}: ${first.message}`, {
    in: 'body',
    issues: problems.map((p) => ({
      path: p.field === 'parent' ? 'parentId' : p.field,
      message: p.message,
      code: 'invalid',
    })),
  });
}

/** The document fields of a facility from its API shape and its root. */
function docFields(f: Omit<FacilityInput, never>, rootId: string) {
  return { ...f, parentId: f.parentId ? oid(f.parentId) : null, rootId: oid(rootId) };
}

/** The facility as it will be presented once written with these fields (the audit record's `after`). */
function intended(id: string, f: FacilityInput, rootId: string): Facility {
  return presentFacility({ _id: oid(id), ...docFields(f, rootId) } as unknown as FacilityDoc);
}

function inputOf(f: Facility): FacilityInput {
  const { id: _id, rootId: _root, ...rest } = f;
  return rest;
}

/** Writes the rootId of every facility whose root differs from the stored one. */
async function writeRoots(all: readonly Node[], stored: ReadonlyMap<string, string>): Promise<void> {
  const roots = computeRoots(all);
  for (const [id, root] of roots) {
    if (stored.get(id) !== root) await FacilityModel.updateOne({ _id: oid(id) }, { $set: { rootId: oid(root) } });
  }
}

/** JSON with sorted keys, to compare facilities whatever the order of their fields. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** A unique index refused the write. FerretDB 1.24 answers 11000 to an insert but, to an update,
 * an InternalError (code 1) carrying PostgreSQL's unique-violation message. */
function isDuplicate(err: unknown): boolean {
  const e = err as { code?: number; message?: string };
  return e?.code === 11000 || (e?.code === 1 && /duplicate key value violates unique constraint/.test(e.message ?? ''));
}

/** An edit checked against the whole catalogue and its bookings (rules 1–5 above); writes nothing. */
async function planUpdate(id: string, patch: FacilityPatch, action: string) {
  const before = await catalogueService.listFacilities();
  const old = before.find((f) => f.id === id);
  if (!old) throw new AppError('not_found', 'No such facility');
  const { reason, rules, ...fields } = patch;
  const merged = facilityInputSchema.safeParse({
    ...inputOf(old),
    ...fields,
    rules: { ...old.rules, ...(rules ?? {}) },
  });
  if (!merged.success) {
    const issues = merged.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
    throw new AppError('validation_failed', `Invalid body: ${issues[0]!.path}: ${issues[0]!.message}`, {
      in: 'body',
      issues,
    });
  }
  const next = merged.data;
  const after: Node[] = before.map((f) =>
    f.id === id
      ? {
          id,
          slug: next.slug,
          site: next.site,
          parentId: next.parentId,
          bookable: next.bookable,
          status: next.status,
          rules: next.rules,
        }
      : f,
  );
  const problems = treeProblems(after);
  if (problems.length) throw treeError(problems);
  const inTheWay = await bookingsInTheWay(before, after);
  if (inTheWay.length) throw refusal(inTheWay);
  const roots = computeRoots(after);
  return {
    before,
    after,
    next,
    roots,
    audit: {
      entity: 'facility' as const,
      entityId: id,
      action,
      facilityId: id,
      reason: reason ?? '',
      before: old,
      after: intended(id, next, roots.get(id)!),
    },
  };
}

/**
 * An import checked row by row and against the whole catalogue and its bookings; writes nothing.
 * `changes` (one audited change per facility created or changed, action `catalogue.import`) is
 * empty when there are problems or on a dry run.
 */
async function planImport(
  input: Array<{ line: number; value: unknown }>,
  opts: { dryRun?: boolean; initialProblems?: ImportProblem[] },
) {
  const problems: ImportProblem[] = [...(opts.initialProblems ?? [])];
  const good: Array<{ line: number; row: CatalogueRow }> = [];
  for (const { line, value } of input) {
    const parsed = catalogueRowSchema.safeParse(value);
    if (!parsed.success) {
      for (const i of parsed.error.issues) problems.push({ line, field: i.path.join('.'), message: i.message });
    } else good.push({ line, row: parsed.data });
  }
  const before = await catalogueService.listFacilities();
  const bySlug = new Map(before.map((f) => [f.slug, f]));
  const lineOfSlug = new Map<string, number>();
  for (const { line, row } of good) {
    if (lineOfSlug.has(row.slug))
      problems.push({
        line,
        field: 'slug',
        message: `duplicate slug (also on line ${lineOfSlug.get(row.slug)})`,
      });
    else lineOfSlug.set(row.slug, line);
  }
  // The catalogue after the import: existing ids kept, new ones minted, parents by slug.
  const idOf = new Map(before.map((f) => [f.slug, f.id]));
  for (const { row } of good) if (!idOf.has(row.slug)) idOf.set(row.slug, String(new mongoose.Types.ObjectId()));
  const next = new Map<string, Node & { input: FacilityInput; line?: number }>();
  for (const f of before) next.set(f.id, { ...f, input: inputOf(f) });
  for (const { line, row } of good) {
    const { parentSlug, ...rest } = row;
    if (parentSlug && !idOf.has(parentSlug)) {
      problems.push({
        line,
        field: 'parentSlug',
        message: `no facility "${parentSlug}" in the file or the catalogue`,
      });
      continue;
    }
    const id = idOf.get(row.slug)!;
    const inputRow: FacilityInput = { ...rest, parentId: parentSlug ? idOf.get(parentSlug)! : null };
    next.set(id, {
      id,
      slug: row.slug,
      site: row.site,
      parentId: inputRow.parentId,
      bookable: row.bookable,
      status: row.status,
      rules: row.rules,
      input: inputRow,
      line,
    });
  }
  const after = [...next.values()];
  const lineOfId = (id: string) => next.get(id)?.line ?? 0;
  for (const p of treeProblems(after)) problems.push({ line: lineOfId(p.id), field: 'parentSlug', message: p.message });
  if (!problems.length) {
    for (const w of await bookingsInTheWay(before, after)) {
      problems.push({
        line: lineOfId(w.facilityId),
        field: 'facility',
        message: `booking ${w.bookingId} (${w.status}, ${w.start} – ${w.end}): ${w.problem}`,
      });
    }
  }
  const changed = good.filter(({ row }) => {
    const old = bySlug.get(row.slug);
    if (!old) return true;
    const n = next.get(old.id)!;
    return canonical(n.input) !== canonical(inputOf(old));
  });
  const created = changed.filter(({ row }) => !bySlug.has(row.slug)).length;
  const result: CatalogueImportResult = {
    imported: false,
    created,
    updated: changed.length - created,
    unchanged: good.length - changed.length,
    problems: problems.sort((a, b) => a.line - b.line),
  };
  if (problems.length || opts.dryRun) return { result, changes: [] as AuditedChange[] };
  const roots = computeRoots(after);
  const depth = (id: string) => {
    let d = 0;
    for (let cur = next.get(id)?.parentId ?? null; cur && d < 64; cur = next.get(cur)?.parentId ?? null) d++;
    return d;
  };
  const ordered = [...changed]
    .sort((a, b) => depth(idOf.get(a.row.slug)!) - depth(idOf.get(b.row.slug)!))
    .map(({ row }) => {
      const id = idOf.get(row.slug)!;
      return { id, fields: docFields(next.get(id)!.input, roots.get(id)!) };
    });
  const changes: AuditedChange[] = ordered.map(({ id }) => ({
    id: oid(id),
    audit: {
      entity: 'facility',
      entityId: id,
      action: 'catalogue.import',
      facilityId: id,
      before: bySlug.get(next.get(id)!.slug) ?? null,
      after: intended(id, next.get(id)!.input, roots.get(id)!),
    },
  }));
  return { result, changes, ordered, before, after, roots };
}

export const catalogueAdminService = {
  async create(caller: Caller, input: FacilityInput, reason = ''): Promise<Facility> {
    const id = String(new mongoose.Types.ObjectId());
    await audited(
      caller,
      FacilityModel,
      oid(id),
      async () => {
        const before = await catalogueService.listFacilities();
        const node: Node = {
          id,
          slug: input.slug,
          site: input.site,
          parentId: input.parentId,
          bookable: input.bookable,
          status: input.status,
          rules: input.rules,
        };
        const after = [...before, node];
        const problems = treeProblems(after).filter((p) => p.id === id);
        if (problems.length) throw treeError(problems);
        const rootId = computeRoots(after).get(id)!;
        return {
          rootId,
          audit: {
            entity: 'facility' as const,
            entityId: id,
            action: 'facility.create',
            facilityId: id,
            reason,
            before: null,
            after: intended(id, input, rootId),
          },
        };
      },
      async ({ rootId }, stamp) => {
        try {
          await FacilityModel.create({ _id: oid(id), ...docFields(input, rootId), ...stamp });
        } catch (err) {
          if (isDuplicate(err))
            throw new AppError('conflict', `A facility with slug "${input.slug}" already exists`, { field: 'slug' });
          throw err;
        }
      },
    );
    invalidateCatalogueCache();
    return catalogueService.getFacility(id);
  },

  async update(caller: Caller, id: string, patch: FacilityPatch, action = 'facility.update'): Promise<Facility> {
    const { before, after, roots } = await audited(
      caller,
      FacilityModel,
      oid(id),
      () => planUpdate(id, patch, action),
      async (planned, stamp) => {
        const { next } = planned;
        try {
          const res = await FacilityModel.updateOne(
            { _id: oid(id) },
            { $set: { ...docFields(next, planned.roots.get(id)!), ...stamp } },
          );
          if (res.matchedCount !== 1) throw new AppError('not_found', 'No such facility');
        } catch (err) {
          if (isDuplicate(err))
            throw new AppError('conflict', `A facility with slug "${next.slug}" already exists`, { field: 'slug' });
          throw err;
        }
        return planned;
      },
    );
    // Roots of other facilities follow from the tree (not audited changes of their own).
    await writeRoots(after, new Map(before.map((f) => [f.id, f.id === id ? roots.get(id)! : f.rootId])));
    invalidateCatalogueCache();
    return catalogueService.getFacility(id);
  },

  /** Retire: not bookable, status retired. Refused while live bookings are still to come on it (or while
   * its children's roots would change under their bookings). */
  async retire(caller: Caller, id: string, reason = ''): Promise<Facility> {
    return this.update(caller, id, { status: 'retired', bookable: false, reason }, 'facility.retire');
  },

  async exportRows(): Promise<CatalogueRow[]> {
    const all = await catalogueService.listFacilities();
    const byId = new Map(all.map((f) => [f.id, f]));
    const depth = (f: Facility) => {
      let d = 0;
      for (let cur = f.parentId; cur && d < 64; cur = byId.get(cur)?.parentId ?? null) d++;
      return d;
    };
    return [...all]
      .sort((a, b) => depth(a) - depth(b) || a.slug.localeCompare(b.slug))
      .map((f) => {
        const { id: _i, rootId: _r, parentId, ...rest } = f;
        return { ...rest, parentSlug: parentId ? (byId.get(parentId)?.slug ?? null) : null };
      });
  },

  async exportCsv(): Promise<string> {
    const rows = await this.exportRows();
    return toCsv(
      csvColumns,
      rows.map((r) => csvColumns.map((c) => csvValue(r, c))),
    );
  },

  /** Rows of a CSV catalogue file, each with its line; cell problems as ImportProblems. */
  rowsFromCsv(text: string): { rows: Array<{ line: number; value: unknown }>; problems: ImportProblem[] } {
    const records = parseCsv(text);
    const problems: ImportProblem[] = [];
    if (!records.length) return { rows: [], problems: [{ line: 1, field: '', message: 'the file is empty' }] };
    const header = records[0]!.fields.map((h) => h.trim());
    for (const c of csvColumns)
      if (!header.includes(c)) problems.push({ line: records[0]!.line, field: c, message: 'missing column' });
    if (problems.length) return { rows: [], problems };
    const rows = records.slice(1).map((r) => {
      if (r.fields.length !== header.length)
        problems.push({ line: r.line, field: '', message: `expected ${header.length} fields, got ${r.fields.length}` });
      const cells = new Map(header.map((h, i) => [h, r.fields[i] ?? '']));
      return { line: r.line, value: rowFromCells(cells, r.line, problems) };
    });
    return { rows, problems };
  },

  /**
   * Validates every row (shape, duplicates, parents, sites, cycles, bookings in the way) and imports
   * nothing when any row is bad. Facilities are matched by slug; those not in the file stay as they
   * are. Rows are written parents first; `onProgress` is called after each.
   */
  async import(
    caller: Caller,
    input: Array<{ line: number; value: unknown }>,
    opts: {
      dryRun?: boolean;
      initialProblems?: ImportProblem[];
      onProgress?: (done: number, total: number) => void;
    } = {},
  ): Promise<CatalogueImportResult> {
    // Each facility the import creates or changes is one audited change of that facility (its own
    // record, action `catalogue.import`), written ahead like any other edit: a crash in the middle
    // leaves exactly the rows that were written, each with its record.
    return auditedBatch(
      caller,
      FacilityModel,
      'all',
      () => planImport(input, opts),
      async (planned, stampFor) => {
        if (!planned.ordered) return planned.result;
        const { ordered, before, after, roots } = planned;
        let done = 0;
        for (const { id, fields } of ordered) {
          const stamped = { ...fields, ...stampFor(oid(id)) };
          const res = await FacilityModel.updateOne({ _id: oid(id) }, { $set: stamped });
          if (res.matchedCount === 0) await FacilityModel.create({ _id: oid(id), ...stamped });
          opts.onProgress?.(++done, ordered.length);
        }
        const stored = new Map(before.map((f) => [f.id, f.rootId]));
        for (const { id } of ordered) stored.set(id, roots.get(id)!);
        await writeRoots(after, stored);
        invalidateCatalogueCache();
        return { ...planned.result, imported: true };
      },
    );
  },
};

export const csvColumns = [
  'slug',
  'site',
  'parentSlug',
  'kind',
  'name_ru',
  'name_en',
  'areaM2',
  'heightM',
  'features',
  'period',
  'bookable',
  'status',
  'estimated',
  'source',
  'notes',
  'bookingUnit',
  'minUnits',
  'maxUnits',
  'leadTimeHours',
  'horizonDays',
  'bufferMinutes',
  'rate_build',
  'rate_prelight',
  'rate_shoot',
  'rate_strike',
];

function csvValue(r: CatalogueRow, c: string): unknown {
  switch (c) {
    case 'name_ru':
      return r.name.ru;
    case 'name_en':
      return r.name.en;
    case 'features':
      return r.features.join('|');
    case 'bookingUnit':
    case 'minUnits':
    case 'maxUnits':
    case 'leadTimeHours':
    case 'horizonDays':
    case 'bufferMinutes':
      return r.rules[c];
    case 'rate_build':
    case 'rate_prelight':
    case 'rate_shoot':
    case 'rate_strike':
      return r.dayRates ? r.dayRates[c.slice(5) as 'build'] : '';
    default:
      return (r as Record<string, unknown>)[c];
  }
}

/** A CSV record to the row shape; cells that are not numbers/booleans are left as strings so the schema names the field. */
function rowFromCells(cells: Map<string, string>, line: number, problems: ImportProblem[]): unknown {
  const str = (k: string) => cells.get(k) ?? '';
  const nullable = (k: string) => (str(k).trim() === '' ? null : str(k));
  const num = (k: string, nullableNum = false): unknown => {
    const v = str(k).trim();
    if (v === '') return nullableNum ? null : undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : v;
  };
  const bool = (k: string): unknown => {
    const v = str(k).trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
    problems.push({ line, field: k, message: 'must be true or false' });
    return undefined;
  };
  const rateKeys = ['rate_build', 'rate_prelight', 'rate_shoot', 'rate_strike'];
  const noRates = rateKeys.every((k) => str(k).trim() === '');
  return {
    slug: str('slug'),
    site: str('site'),
    parentSlug: nullable('parentSlug'),
    kind: str('kind'),
    name: { ru: str('name_ru'), en: str('name_en') },
    areaM2: num('areaM2', true),
    heightM: num('heightM', true),
    features:
      str('features').trim() === ''
        ? []
        : str('features')
            .split('|')
            .map((s) => s.trim()),
    period: nullable('period'),
    bookable: bool('bookable'),
    status: str('status'),
    estimated: bool('estimated'),
    source: nullable('source'),
    notes: str('notes'),
    rules: {
      bookingUnit: str('bookingUnit'),
      minUnits: num('minUnits'),
      maxUnits: num('maxUnits'),
      leadTimeHours: num('leadTimeHours'),
      horizonDays: num('horizonDays'),
      bufferMinutes: num('bufferMinutes'),
    },
    dayRates: noRates
      ? null
      : {
          build: num('rate_build'),
          prelight: num('rate_prelight'),
          shoot: num('rate_shoot'),
          strike: num('rate_strike'),
        },
  };
}
