// The pipeline entry: snapshot layers (the bundled snapshot, then a Hub fetch or an import on top)
// → one immutable dataset version: enriched records, every analytic computed once, and the
// indexes focused queries use.
import { computeAnalytics } from '../analytics/computeAnalytics.js';
import { keyOfResult } from '../analytics/indexResults.js';
import type { BenchmarkRecord, EvaluationResult, Leaderboard } from '../schemas/benchmarkSchemas.js';
import type { BenchmarkInfo, CommunityEvalsReport } from '../schemas/communityEvalsSchemas.js';
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';
import { enrichModels, type EnrichStats } from './enrichModels.js';
import { fillSynthetic } from './fillSynthetic.js';
import { mergeResult } from './mergeResults.js';
import { provenanceFor } from './provenanceFor.js';

export type Analytics = ReturnType<typeof computeAnalytics>;

export interface DatasetVersion {
  /** Changes whenever the data does; used as an ETag and to key per-version caches. */
  id: string;
  records: BenchmarkRecord[];
  analytics: Analytics;
  enrich: EnrichStats;
  includesSynthetic: boolean;
  builtAt: string;
  buildMs: number;
  byId: Map<string, BenchmarkRecord>;
  leaderboardByKey: Map<string, Leaderboard>;
  /** Benchmark datasets read from the Hub (eval.yaml), the newest layer's copy of each. */
  benchmarks: BenchmarkInfo[];
  /** What the newest benchmark crawl among the layers met; null without one. */
  communityEvals: CommunityEvalsReport | null;
  /**
   * How many records there are and their distinct model_info.task_type values, when known without
   * reading `records` (a version opened from its saved file builds its records after it opens).
   */
  recordStats?: { count: number; taskTypes: readonly string[] };
}

/** The number of models in a version, without building a saved version's records. */
export const modelCount = (v: DatasetVersion): number => v.recordStats?.count ?? v.records.length;

let counter = 0;
/** Versions saved by one process and opened by another must not share an id (ids key per-version caches). */
const PROCESS_TAG = Math.random().toString(36).slice(2, 8);

const PARAMETER_SOURCE_RANK = { safetensors: 5, gguf: 4, 'model-zoo': 3, leaderboard: 2, name: 1, unknown: 0 } as const;
const FAMILY_SOURCE_RANK = { config: 3, architecture: 3, tags: 2, name: 1, unknown: 0 } as const;

/**
 * Unites two records of one model: newer metadata (filling gaps from the older), one result per
 * measurement key (both provenances when both layers have it). Size and family come from whichever
 * record found them the more reliable way. Tags are united too: a Hub fetch does not know the Open
 * LLM Leaderboard's type and flags of a model.
 */
function mergeRecords(older: BenchmarkRecord, newer: BenchmarkRecord): BenchmarkRecord {
  const info = { ...older.model_info, ...newer.model_info };
  const o = older.model_info;
  if (PARAMETER_SOURCE_RANK[o.parameter_source] > PARAMETER_SOURCE_RANK[newer.model_info.parameter_source]) {
    info.parameter_count = o.parameter_count;
    info.model_size = o.model_size;
    info.model_size_label = o.model_size_label;
    info.parameter_source = o.parameter_source;
    info.parameter_suspect = o.parameter_suspect;
    if (info.parameter_suspect === undefined) delete info.parameter_suspect;
  }
  if (FAMILY_SOURCE_RANK[o.family_source] > FAMILY_SOURCE_RANK[newer.model_info.family_source]) {
    info.model_family = o.model_family;
    info.family_source = o.family_source;
    if (o.architecture) info.architecture = o.architecture;
  }
  // A model met only on a leaderboard is known better by a layer that read its metadata.
  if (newer.model_info.metadata_pending && !o.metadata_pending) {
    delete info.metadata_pending;
    info.task_type = o.task_type;
  }
  const tags = new Set(newer.model_info.tags);
  if (o.tags.some((t) => !tags.has(t))) info.tags = [...newer.model_info.tags, ...o.tags.filter((t) => !tags.has(t))];
  const olderByKey = new Map(older.evaluation_results.map((r) => [keyOfResult(r), r]));
  const results: EvaluationResult[] = [];
  for (const r of newer.evaluation_results) {
    const k = keyOfResult(r);
    const old = olderByKey.get(k);
    if (old === undefined) results.push(r);
    else {
      results.push(mergeResult(r, old));
      olderByKey.delete(k);
    }
  }
  for (const r of olderByKey.values()) results.push(r);
  return { model_info: info, evaluation_results: results, evaluated_at: newer.evaluated_at };
}

function addStats(a: EnrichStats, b: EnrichStats): EnrichStats {
  const sum = (x: Record<string, number | undefined>, y: Record<string, number | undefined>) => {
    const out: Record<string, number> = {};
    for (const src of [x, y]) for (const [k, v] of Object.entries(src)) out[k] = (out[k] ?? 0) + (v ?? 0);
    return out;
  };
  return {
    models: a.models + b.models,
    models_with_results: a.models_with_results + b.models_with_results,
    results: a.results + b.results,
    skipped: sum(a.skipped, b.skipped),
    unknown_metrics: sum(a.unknown_metrics, b.unknown_metrics),
    family_sources: sum(a.family_sources, b.family_sources),
    parameter_sources: sum(a.parameter_sources, b.parameter_sources),
  };
}

export function buildDatasetVersion(
  layers: SnapshotFile[],
  options: { now?: string; includeSynthetic?: boolean; syntheticSeed?: number } = {},
): DatasetVersion {
  if (layers.length === 0) throw new Error('buildDatasetVersion: at least one snapshot layer is required');
  const started = performance.now();
  const now = options.now ?? new Date().toISOString();
  let enriched: BenchmarkRecord[] = [];
  let stats: EnrichStats | undefined;
  for (const layer of layers) {
    const out = enrichModels(layer.models, { provenance: provenanceFor(layer), evaluatedAt: layer.fetched_at, benchmarks: layer.benchmarks });
    stats = stats ? addStats(stats, out.stats) : out.stats;
    if (enriched.length === 0) {
      enriched = out.records;
      continue;
    }
    // Hub ids are case-insensitive: "Org/Model" and "org/model" are one repo.
    const index = new Map(enriched.map((r, i) => [r.model_info.model_id.toLowerCase(), i]));
    for (const r of out.records) {
      const i = index.get(r.model_info.model_id.toLowerCase());
      if (i === undefined) enriched.push(r);
      else enriched[i] = mergeRecords(enriched[i], r);
    }
  }
  // Counted after the merge: a measurement two layers share is one result (every count agrees with this one).
  let resultCount = 0;
  let withResults = 0;
  for (const r of enriched) {
    resultCount += r.evaluation_results.length;
    if (r.evaluation_results.length > 0) withResults++;
  }
  const enrich: EnrichStats = { ...stats!, models: enriched.length, models_with_results: withResults, results: resultCount };
  const newest = layers[layers.length - 1];
  const benchmarks = new Map<string, BenchmarkInfo>();
  let communityEvals: CommunityEvalsReport | null = null;
  for (const layer of layers) {
    for (const b of layer.benchmarks ?? []) benchmarks.set(b.id.toLowerCase(), b);
    if (layer.community_evals) communityEvals = layer.community_evals;
  }
  return versionOfRecords(enriched, enrich, {
    ...options,
    now,
    started,
    idPrefix: `${newest.origin}-${Date.parse(newest.fetched_at) || 0}`,
    benchmarks: [...benchmarks.values()],
    communityEvals,
  });
}

/**
 * The same data with synthetic fill-ins: built from a version's enriched records, so the raw layers
 * need not be kept for it.
 */
export function withSyntheticFill(version: DatasetVersion, options: { now?: string; syntheticSeed?: number } = {}): DatasetVersion {
  const now = options.now ?? new Date().toISOString();
  return versionOfRecords(version.records, version.enrich, { ...options, now, started: performance.now(), includeSynthetic: true, idPrefix: version.id.replace(/-\d+-[0-9a-z]+$/, ''), benchmarks: version.benchmarks, communityEvals: version.communityEvals });
}

function versionOfRecords(
  enriched: BenchmarkRecord[],
  enrich: EnrichStats,
  options: {
    now: string;
    started: number;
    idPrefix: string;
    includeSynthetic?: boolean;
    syntheticSeed?: number;
    benchmarks: BenchmarkInfo[];
    communityEvals: CommunityEvalsReport | null;
  },
): DatasetVersion {
  const { now } = options;
  const includeSynthetic = options.includeSynthetic === true;
  const records = includeSynthetic ? fillSynthetic(enriched, { seed: options.syntheticSeed, now }) : enriched;
  const analytics = computeAnalytics(records, { now, includeSynthetic });
  const byId = new Map(records.map((r) => [r.model_info.model_id.toLowerCase(), r]));
  const leaderboardByKey = new Map(analytics.leaderboards.map((lb) => [lb.key, lb]));

  counter += 1;
  return {
    id: `${options.idPrefix}-${records.length}-${PROCESS_TAG}${counter}${includeSynthetic ? '-synthetic' : ''}`,
    records,
    analytics,
    enrich,
    includesSynthetic: includeSynthetic,
    builtAt: now,
    buildMs: performance.now() - options.started,
    byId,
    leaderboardByKey,
    benchmarks: options.benchmarks,
    communityEvals: options.communityEvals,
  };
}
