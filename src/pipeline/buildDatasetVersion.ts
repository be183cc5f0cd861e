// The pipeline entry: snapshot layers (the bundled snapshot, then a Hub fetch or an import on top)
// → one immutable dataset version: enriched records, every analytic computed once, and the
// indexes focused queries use.
import { computeAnalytics } from '../analytics/computeAnalytics.js';
import type { BenchmarkRecord, EvaluationResult, Leaderboard } from '../schemas/benchmarkSchemas.js';
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';
import { enrichModels, type EnrichStats } from './enrichModels.js';
import { fillSynthetic } from './fillSynthetic.js';
import type { ResultProvenance } from './parseModelIndex.js';

export type Analytics = ReturnType<typeof computeAnalytics>;

export interface DatasetVersion {
  /** Changes whenever the data does; used as an ETag and to key per-version caches. */
  id: string;
  /** The raw layers, oldest first; a later layer's model metadata wins, results are united. */
  layers: SnapshotFile[];
  records: BenchmarkRecord[];
  analytics: Analytics;
  enrich: EnrichStats;
  includesSynthetic: boolean;
  builtAt: string;
  buildMs: number;
  byId: Map<string, BenchmarkRecord>;
  leaderboardByKey: Map<string, Leaderboard>;
}

let counter = 0;

export function leaderboardLookupKey(task: string, dataset: string, metric: string): string {
  return `${task}\u0000${dataset}\u0000${metric}`;
}

/** Snapshot results say which source file they came from; live ones are model-card results. */
export function provenanceFor(snapshot: SnapshotFile): ResultProvenance {
  if (snapshot.origin === 'hub') return { source: 'model-card' };
  const byName = new Map(snapshot.sources.map((s) => [s.name, { file: s.file, date: s.date ?? snapshot.fetched_at }]));
  const fallback = snapshot.sources.length === 1 ? byName.get(snapshot.sources[0].name) : undefined;
  return {
    source: 'snapshot',
    snapshotFileFor: (name) => (name !== undefined ? byName.get(name) : undefined) ?? fallback ?? { date: snapshot.fetched_at },
  };
}

const resultKey = (r: EvaluationResult) =>
  `${r.dataset_name}\u0000${r.dataset_config ?? ''}\u0000${r.dataset_split}\u0000${r.metric_id}\u0000${r.source}`;

const PARAMETER_SOURCE_RANK = { safetensors: 3, gguf: 2, 'model-zoo': 2, name: 1, unknown: 0 } as const;
const FAMILY_SOURCE_RANK = { config: 3, tags: 2, name: 1, unknown: 0 } as const;

/**
 * Unites two records of one model: newer metadata (filling gaps from the older), all distinct
 * results. Size and family come from whichever record found them the more reliable way.
 */
function mergeRecords(older: BenchmarkRecord, newer: BenchmarkRecord): BenchmarkRecord {
  const info = { ...older.model_info, ...newer.model_info };
  const o = older.model_info;
  if (PARAMETER_SOURCE_RANK[o.parameter_source] > PARAMETER_SOURCE_RANK[newer.model_info.parameter_source]) {
    info.parameter_count = o.parameter_count;
    info.model_size = o.model_size;
    info.parameter_source = o.parameter_source;
  }
  if (FAMILY_SOURCE_RANK[o.family_source] > FAMILY_SOURCE_RANK[newer.model_info.family_source]) {
    info.model_family = o.model_family;
    info.family_source = o.family_source;
  }
  const seen = new Set(newer.evaluation_results.map(resultKey));
  const results = [...newer.evaluation_results, ...older.evaluation_results.filter((r) => !seen.has(resultKey(r)))];
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
    const out = enrichModels(layer.models, { provenance: provenanceFor(layer), evaluatedAt: layer.fetched_at });
    stats = stats ? addStats(stats, out.stats) : out.stats;
    if (enriched.length === 0) {
      enriched = out.records;
      continue;
    }
    const index = new Map(enriched.map((r, i) => [r.model_info.model_id, i]));
    for (const r of out.records) {
      const i = index.get(r.model_info.model_id);
      if (i === undefined) enriched.push(r);
      else enriched[i] = mergeRecords(enriched[i], r);
    }
  }
  const includeSynthetic = options.includeSynthetic === true;
  const records = includeSynthetic ? fillSynthetic(enriched, { seed: options.syntheticSeed, now }) : enriched;
  const analytics = computeAnalytics(records, { now, includeSynthetic });
  const byId = new Map(records.map((r) => [r.model_info.model_id, r]));
  const leaderboardByKey = new Map(
    analytics.leaderboards.map((lb) => [leaderboardLookupKey(lb.task_type, lb.dataset_name, lb.metric_name), lb]),
  );
  counter += 1;
  const newest = layers[layers.length - 1];
  return {
    id: `${newest.origin}-${Date.parse(newest.fetched_at) || 0}-${records.length}-${counter}${includeSynthetic ? '-synthetic' : ''}`,
    layers,
    records,
    analytics,
    enrich: stats!,
    includesSynthetic: includeSynthetic,
    builtAt: now,
    buildMs: performance.now() - started,
    byId,
    leaderboardByKey,
  };
}
