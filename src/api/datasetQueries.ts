// Focused queries over one dataset version: filtering, sorting and paging of models and
// leaderboards. Sorted orders and lookups are built once per version (memoized), so a request
// only filters and slices.
import type { z } from 'zod';
import type { DatasetVersion } from '../pipeline/buildDatasetVersion.js';
import { boardIdentity, type BenchmarkRecord, type Leaderboard, type LeaderboardEntry } from '../schemas/benchmarkSchemas.js';
import { itemsOf, type ItemList } from '../cache/columnarCodec.js';
import { InvalidQueryError, ModelNotFoundError, NotFoundError } from './apiErrors.js';
import { EFFICIENCY_DEFINITION } from '../analytics/efficiencyScore.js';
import { MeanRankingError, rankByMean } from '../analytics/rankByMean.js';
import type { CatalogOutputSchema, LeaderboardValuesInput, LeaderboardValuesOutputSchema, LeaderboardsInput, MeanInput, MeanOutputSchema, ModelDetailSchema, ModelsListInput, RankSchema } from './apiSchemas.js';
import { hasModelTagFilters, matchesModelTags } from './modelTagFilters.js';
import { hasProvenanceFilters, resultPasses, type ProvenanceFilters } from './provenanceFilters.js';
import { memoFor } from './versionMemo.js';

/** How many entries each leaderboard carries in the seed-shaped /api/benchmarks body. */
export const SEED_LEADERBOARD_ENTRIES = 10;

function knownTasks(version: DatasetVersion, max: number): Set<string> {
  return memoFor(version, 'tasks', max, () => new Set(version.recordStats?.taskTypes ?? version.records.map((r) => r.model_info.task_type)));
}

export function assertKnownTask(version: DatasetVersion, task: string | undefined, max: number) {
  if (task === undefined) return;
  const tasks = knownTasks(version, max);
  if (!tasks.has(task)) {
    throw new InvalidQueryError(`task_type: unknown task "${task}"; known tasks: ${[...tasks].sort().join(', ')}`);
  }
}

const sortValue: Record<Exclude<ModelsListInput['sort'], 'match'>, (r: BenchmarkRecord) => number | string | undefined> = {
  downloads: (r) => r.model_info.downloads,
  likes: (r) => r.model_info.likes,
  created_at: (r) => r.model_info.created_at,
  parameter_count: (r) => r.model_info.parameter_count,
  model_id: (r) => r.model_info.model_id.toLowerCase(),
  results: (r) => r.evaluation_results.length,
};

/** Records sorted by a key, unknown values last in either order; ties broken by id for stable pages. */
/**
 * How well a model id matches a search, lower is better: 0 the whole id or its name (after the
 * org) equals it, 1 the name starts with it, 2 the id does, 3 it is inside the name (as a word
 * start, after - _ . or /), 4 anywhere else. Case-insensitive.
 */
export function matchRank(modelId: string, search: string): number {
  const id = modelId.toLowerCase();
  const name = id.slice(id.lastIndexOf('/') + 1);
  if (id === search || name === search) return 0;
  if (name.startsWith(search)) return 1;
  if (id.startsWith(search)) return 2;
  const at = name.indexOf(search);
  if (at > 0 && /[-_./]/.test(name[at - 1])) return 3;
  return 4;
}

function sortedRecords(version: DatasetVersion, sort: Exclude<ModelsListInput['sort'], 'match'>, order: 'asc' | 'desc', max: number): BenchmarkRecord[] {
  return memoFor(version, `sorted:${sort}:${order}`, max, () => {
    const get = sortValue[sort];
    const dir = order === 'asc' ? 1 : -1;
    return [...version.records].sort((a, b) => {
      const va = get(a);
      const vb = get(b);
      if (va === undefined || vb === undefined) {
        if (va !== vb) return va === undefined ? 1 : -1;
      } else if (va !== vb) {
        return (va < vb ? -1 : 1) * dir;
      }
      return a.model_info.model_id < b.model_info.model_id ? -1 : a.model_info.model_id > b.model_info.model_id ? 1 : 0;
    });
  });
}

function checkParamRange(min?: number, max?: number) {
  if (min !== undefined && max !== undefined && min > max) {
    throw new InvalidQueryError(`min_params: ${min} is larger than max_params ${max}`);
  }
}

function inParamRange(count: number | undefined, min?: number, max?: number): boolean {
  if (min === undefined && max === undefined) return true;
  if (count === undefined) return false;
  return (min === undefined || count >= min) && (max === undefined || count <= max);
}

/** A model passes when it has a result the filters keep, and declares no base model where asked. */
function recordPasses(r: BenchmarkRecord, f: ProvenanceFilters): boolean {
  if (f.base_models_only === true && (r.model_info.base_models?.length ?? 0) > 0) return false;
  if (f.verified_only === true && !r.evaluation_results.some((e) => e.verified && (f.include_community !== false || !e.community))) return false;
  if (f.include_community === false && r.evaluation_results.length > 0 && r.evaluation_results.every((e) => e.community === true)) return false;
  return true;
}

export function listModels(version: DatasetVersion, input: ModelsListInput, max: number) {
  assertKnownTask(version, input.task_type, max);
  checkParamRange(input.min_params, input.max_params);
  const search = input.search?.toLowerCase();
  const family = input.family?.toLowerCase();
  const tagged = hasModelTagFilters(input);
  const provenance = hasProvenanceFilters(input);
  const matches = (r: BenchmarkRecord) => {
    const info = r.model_info;
    if (input.task_type && info.task_type !== input.task_type) return false;
    if (family && info.model_family !== family) return false;
    if (search && !info.model_id.toLowerCase().includes(search)) return false;
    if (!inParamRange(info.parameter_count, input.min_params, input.max_params)) return false;
    if (input.has_results !== undefined && (r.evaluation_results.length > 0) !== input.has_results) return false;
    if (input.dataset_name && !r.evaluation_results.some((e) => e.dataset_name === input.dataset_name)) return false;
    if (tagged && !matchesModelTags(info.tags, input)) return false;
    if (provenance && !recordPasses(r, input)) return false;
    return true;
  };
  const bySort = sortedRecords(version, input.sort === 'match' ? 'downloads' : input.sort, input.sort === 'match' ? 'desc' : input.order, max);
  // Best match first, each group in download order (a stable sort keeps it); without a search, by downloads.
  const all =
    input.sort === 'match' && search
      ? bySort
          .filter((r) => r.model_info.model_id.toLowerCase().includes(search))
          .map((r) => ({ r, rank: matchRank(r.model_info.model_id, search) }))
          .sort((a, b) => a.rank - b.rank)
          .map((x) => x.r)
      : bySort;
  const items: BenchmarkRecord[] = [];
  let total = 0;
  for (const r of all) {
    if (!matches(r)) continue;
    if (total >= input.offset && items.length < input.limit) items.push(r);
    total++;
  }
  return { total, limit: input.limit, offset: input.offset, items };
}

function ranksByModel(version: DatasetVersion, max: number): Map<string, z.infer<typeof RankSchema>[]> {
  return memoFor(version, 'ranks', max, () => {
    const out = new Map<string, z.infer<typeof RankSchema>[]>();
    for (const lb of version.analytics.leaderboards) {
      for (const e of lb.entries) {
        const id = e.model_info.model_id.toLowerCase();
        const list = out.get(id) ?? [];
        list.push({
          task_type: lb.task_type,
          dataset_name: lb.dataset_name,
          metric_name: lb.metric_name,
          key: lb.key,
          variant: lb.variant,
          rank: e.rank,
          total: lb.entries.length,
        });
        out.set(id, list);
      }
    }
    return out;
  });
}

export function getModel(version: DatasetVersion, modelId: string, max: number): z.infer<typeof ModelDetailSchema> {
  // Hub ids are case-insensitive, so is this lookup.
  const record = version.byId.get(modelId.toLowerCase());
  if (!record) throw new ModelNotFoundError(`model_id: no model "${modelId}" in the current dataset`);
  return { ...record, ranks: ranksByModel(version, max).get(modelId.toLowerCase()) ?? [] };
}

export function leaderboardCatalog(version: DatasetVersion, max: number): z.infer<typeof CatalogOutputSchema> {
  return memoFor(version, 'catalog', max, () => ({
    leaderboards: version.analytics.leaderboards.map((lb) => ({
      ...boardIdentity(lb),
      metric_type: lb.metric_type,
      direction: lb.direction,
      scale: entriesOf(lb).at(0)?.primary_metric.scale ?? 'raw',
      total_entries: lb.total_entries,
    })),
    tasks: [...knownTasks(version, max)].sort(),
  }));
}

/**
 * A board's entries read one by one: a saved version builds a board's entries as they are read, so a
 * page of an unfiltered board touches only the entries on it.
 */
const entriesOf = (lb: Leaderboard): ItemList<LeaderboardEntry> => itemsOf<LeaderboardEntry>(lb, 'entries');

/** Items from..from+count of a list, read one by one. */
function pageOf<T>(all: ItemList<T>, from: number, count: number): T[] {
  const page: T[] = [];
  for (let k = from; k < Math.min(all.length, from + count); k++) page.push(all.at(k)!);
  return page;
}

/** `{ ...lb, entries, total_entries }` without reading lb.entries (which would build them all). */
function withEntries(lb: Leaderboard, entries: LeaderboardEntry[], total: number): Leaderboard {
  const out: Record<string, unknown> = {};
  // Key by key, in the board's own order (the JSON answer keeps it).
  for (const key of Object.keys(lb)) out[key] = key === 'entries' ? entries : key === 'total_entries' ? total : lb[key as keyof Leaderboard];
  return out as unknown as Leaderboard;
}

function sliceLeaderboard(lb: Leaderboard, input: LeaderboardsInput): Leaderboard {
  const search = input.search?.toLowerCase();
  const family = input.family?.toLowerCase();
  const tagged = hasModelTagFilters(input);
  const provenance = hasProvenanceFilters(input);
  const filtering = !!search || !!family || input.min_params !== undefined || input.max_params !== undefined || tagged || provenance;
  const all = entriesOf(lb);
  // Every entry counts: the page is read by position.
  if (!filtering) return withEntries(lb, pageOf(all, input.offset, input.limit), all.length);
  const entries: LeaderboardEntry[] = [];
  let total = 0;
  for (let k = 0; k < all.length; k++) {
    const e = all.at(k)!;
    const info = e.model_info;
    if (search && !info.model_id.toLowerCase().includes(search)) continue;
    if (family && info.model_family !== family) continue;
    if (!inParamRange(info.parameter_count, input.min_params, input.max_params)) continue;
    if (tagged && !matchesModelTags(info.tags, input)) continue;
    if (provenance && !resultPasses(e.primary_metric, e.model_info, input)) continue;
    if (total >= input.offset && entries.length < input.limit) entries.push(e);
    total++;
  }
  return withEntries(lb, entries, total);
}

/** A dataset_name filter matches the benchmark's display name, its variant label or its canonical id, in any case. */
function datasetMatches(lb: Leaderboard, wanted: string): boolean {
  const w = wanted.toLowerCase();
  return lb.dataset_name.toLowerCase() === w || lb.variant.toLowerCase() === w || lb.benchmark.toLowerCase() === w;
}

/** Which part of task/dataset/metric names nothing, and the names that do exist there. */
function describeMissingLeaderboard(version: DatasetVersion, task: string, dataset: string, metric: string): string {
  const ofTask = version.analytics.leaderboards.filter((lb) => lb.task_type === task);
  const ofDataset = ofTask.filter((lb) => datasetMatches(lb, dataset));
  const list = (names: string[]) => [...new Set(names)].sort((a, b) => a.localeCompare(b)).map((n) => `"${n}"`).join(', ');
  if (ofDataset.length === 0) return `dataset_name: unknown dataset "${dataset}" for task_type "${task}"; known datasets: ${list(ofTask.map((lb) => lb.variant))}`;
  return `metric_name: unknown metric "${metric}" for dataset_name "${dataset}"; known metrics: ${list(ofDataset.map((lb) => lb.metric_name))}`;
}

export function listLeaderboards(version: DatasetVersion, input: LeaderboardsInput, max: number) {
  assertKnownTask(version, input.task_type, max);
  checkParamRange(input.min_params, input.max_params);
  if (input.key !== undefined) {
    const lb = version.leaderboardByKey.get(input.key);
    if (!lb) throw new NotFoundError(`key: no leaderboard with key "${input.key}" (see /api/leaderboards/catalog)`);
    return { total: 1, leaderboards: [sliceLeaderboard(lb, input)] };
  }
  const matching = version.analytics.leaderboards.filter(
    (lb) =>
      (!input.task_type || lb.task_type === input.task_type) &&
      (!input.dataset_name || datasetMatches(lb, input.dataset_name)) &&
      (!input.metric_name || lb.metric_name === input.metric_name),
  );
  if (matching.length === 0 && input.task_type && input.dataset_name && input.metric_name) {
    throw new NotFoundError(describeMissingLeaderboard(version, input.task_type, input.dataset_name, input.metric_name));
  }
  return { total: matching.length, leaderboards: matching.map((lb) => sliceLeaderboard(lb, input)) };
}

/** One leaderboard as ids and values only (rank order), built once per version and key. */
/** A provenance filter's key part of a memo: equal filters, equal key. */
const provenanceKey = (f: ProvenanceFilters) => `${f.verified_only === true ? 'v' : ''}${f.include_community === false ? 'n' : ''}${f.base_models_only === true ? 'b' : ''}`;

/**
 * The board with only the entries whose shown result passes the provenance filters (ranks kept): what
 * a mean or an extra column is formed from, so a "verified only" mean is a mean of verified values.
 */
function passingBoard(version: DatasetVersion, lb: Leaderboard, f: ProvenanceFilters, max: number): Leaderboard {
  if (!hasProvenanceFilters(f)) return lb;
  return memoFor(version, `passing:${lb.key}:${provenanceKey(f)}`, max, () => {
    const entries = lb.entries.filter((e) => resultPasses(e.primary_metric, e.model_info, f));
    return { ...lb, entries, total_entries: entries.length };
  });
}

export function leaderboardValues(version: DatasetVersion, input: LeaderboardValuesInput, max: number): z.infer<typeof LeaderboardValuesOutputSchema> {
  const whole = version.leaderboardByKey.get(input.key);
  if (!whole) throw new NotFoundError(`key: no leaderboard with key "${input.key}" (see /api/leaderboards/catalog)`);
  const lb = passingBoard(version, whole, input, max);
  return memoFor(version, `values:${input.key}:${provenanceKey(input)}`, max, () => {
    const n = lb.entries.length;
    const model_ids = new Array<string>(n);
    const values = new Array<number>(n);
    const source_of = new Array<number>(n);
    const sources: string[] = [];
    const verified: number[] = [];
    lb.entries.forEach((e, i) => {
      model_ids[i] = e.model_info.model_id;
      values[i] = e.primary_metric.value;
      let s = sources.indexOf(e.primary_metric.source);
      if (s < 0) s = sources.push(e.primary_metric.source) - 1;
      source_of[i] = s;
      if (e.primary_metric.verified) verified.push(i);
    });
    return {
      ...boardIdentity(lb),
      direction: lb.direction,
      scale: lb.entries[0]?.primary_metric.scale,
      total_entries: lb.total_entries,
      model_ids,
      values,
      sources,
      source_of,
      verified,
    };
  });
}

/** Models ranked by the mean of the chosen leaderboards (only those with every one of them), then filtered and paged. */
export function meanLeaderboard(version: DatasetVersion, input: MeanInput, max: number): z.infer<typeof MeanOutputSchema> {
  checkParamRange(input.min_params, input.max_params);
  const keys = [...new Set(input.keys)];
  const boards = keys.map((k) => {
    const lb = version.leaderboardByKey.get(k);
    if (!lb) throw new NotFoundError(`keys: no leaderboard with key "${k}" (see /api/leaderboards/catalog)`);
    return passingBoard(version, lb, input, max);
  });
  const ranking = memoFor(version, `mean:${JSON.stringify(keys)}:${provenanceKey(input)}`, max, () => {
    try {
      return rankByMean(boards);
    } catch (error) {
      if (error instanceof MeanRankingError) throw new InvalidQueryError(`keys: ${error.message}`);
      throw error;
    }
  });
  const search = input.search?.toLowerCase();
  const family = input.family?.toLowerCase();
  const entries: typeof ranking.entries = [];
  let total = 0;
  for (const e of ranking.entries) {
    const info = e.model_info;
    if (search && !info.model_id.toLowerCase().includes(search)) continue;
    if (family && info.model_family !== family) continue;
    if (!inParamRange(info.parameter_count, input.min_params, input.max_params)) continue;
    if (total >= input.offset && entries.length < input.limit) entries.push(e);
    total++;
  }
  return {
    keys,
    direction: ranking.direction,
    scale: ranking.scale,
    ranked: ranking.entries.length,
    total,
    left_out: ranking.left_out,
    missing_by_board: ranking.missing_by_board,
    efficiency_definition: EFFICIENCY_DEFINITION,
    entries,
  };
}

/** The seed's one-blob response, built once per version. */
export function benchmarksBody(version: DatasetVersion, max: number) {
  return memoFor(version, 'benchmarks', max, () => ({
    data: version.records,
    summary: version.analytics.summary,
    correlations: version.analytics.correlations,
    leaderboards: version.analytics.leaderboards.map((lb) => withEntries(lb, pageOf(entriesOf(lb), 0, SEED_LEADERBOARD_ENTRIES), lb.total_entries)),
    dataset_version: version.id,
    includes_synthetic: version.includesSynthetic,
  }));
}
