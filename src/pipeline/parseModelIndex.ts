// Reads a card's model-index (every entry, every result, every metric) into evaluation results.
// Cards are hand-written: a malformed entry is skipped and its reason counted, never fatal.
import type { EvaluationResult, ResultSource } from '../schemas/benchmarkSchemas.js';
import { fewShotFromName, resolveBenchmark, type ResolvedBenchmark } from './benchmarkRegistry.js';
import { buildResult, keyOfMeasurement, type Measurement } from './buildResult.js';
import { formatSetup, UNSPECIFIED_SPLIT } from './measurementKey.js';
import { lookupMetric, unknownMetric, type MetricDefinition } from './metricRegistry.js';
import { parseMetricValue, showsPercentScale } from './parseMetricValue.js';

export type SkipReason =
  | 'model_index_not_a_list'
  | 'entry_not_an_object'
  | 'no_results'
  | 'result_not_an_object'
  | 'no_dataset'
  | 'no_metrics'
  | 'metric_not_an_object'
  | 'no_metric_type'
  | 'non_numeric_value'
  | 'non_finite_value'
  | 'out_of_range'
  | 'duplicate_result'
  | 'too_many_results';

export interface ParseCounters {
  skipped: Partial<Record<SkipReason, number>>;
  unknownMetrics: Map<string, number>;
}

export interface ResultProvenance {
  source: ResultSource;
  /** For snapshot results: the file a card source name came from, and its date. */
  snapshotFileFor?: (sourceName: string | undefined) => { file?: string; date?: string } | undefined;
}

/** Bounds that keep one hostile card from costing more than a real one could need. */
const MAX_RESULTS_PER_MODEL = 2000;
/** Longest text kept from a card field; the rest is cut. */
export const MAX_TEXT = 300;

/** The value as a plain JSON object, or undefined (cards put anything anywhere). */
export const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** A trimmed, bounded string (numbers spelled out), or undefined for anything else or nothing. */
export const text = (v: unknown): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t ? t.slice(0, MAX_TEXT) : undefined;
};

const OPEN_LLM_LEADERBOARD = /open[\s_-]*llm[\s_-]*leaderboard/i;

/**
 * Whether a result is the Open LLM Leaderboard v2's own normalized score (0–100, random baseline
 * removed) rather than a raw score: said explicitly by `normalization` on the metric ("leaderboard" or
 * "none"), else implied for the six v2 benchmarks when the leaderboard itself published the result
 * (its bot writes normalized scores into cards, with the leaderboard as `source`).
 */
function isLeaderboardNormalized(explicit: unknown, benchmark: ResolvedBenchmark, sourceName: string | undefined, sourceUrl: string | undefined): boolean {
  if (explicit === 'leaderboard') return true;
  if (explicit === 'none') return false;
  if (!benchmark.definition?.openLlmLeaderboardV2) return false;
  return OPEN_LLM_LEADERBOARD.test(sourceName ?? '') || OPEN_LLM_LEADERBOARD.test(sourceUrl ?? '');
}

/** Shots from `dataset.args.num_few_shot` (a number or digits), else from the name ("MMLU (5-Shot)"). */
function fewShotOf(dataset: Record<string, unknown>, name: string | undefined): number | undefined {
  const args = obj(dataset.args);
  const raw = args?.num_few_shot ?? args?.n_shot ?? args?.num_fewshot;
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw < 1000) return raw;
  if (typeof raw === 'string' && /^\d{1,3}$/.test(raw.trim())) return Number(raw.trim());
  return fewShotFromName(name);
}

/** The setup notes a result names (Community Evals `notes`, or a card's `notes`), trimmed and bounded. */
function notesOf(result: Record<string, unknown>): string[] {
  const n = text(result.notes);
  return n ? [n.slice(0, 80)] : [];
}

/** What one result of an entry says about every metric in it: its dataset, benchmark, setup and source. */
interface ResultContext {
  datasetName: string;
  datasetType?: string;
  datasetConfig?: string;
  split: string;
  benchmark: ResolvedBenchmark;
  fewShot?: number;
  notes: string[];
  sourceName?: string;
  sourceUrl?: string;
  file?: string;
  date?: string;
}

interface MetricCandidate {
  result: ResultContext;
  metric: Record<string, unknown>;
  def: MetricDefinition;
  normalized: boolean;
}

/**
 * Reads an entry's results and metrics once, counting what cannot be used: every usable metric with
 * its registry definition and whether it is a leaderboard's normalized score, in card order.
 */
function readEntry(results: unknown[], provenance: ResultProvenance, counters: ParseCounters): MetricCandidate[] {
  const out: MetricCandidate[] = [];
  for (const resultRaw of results) {
    const result = obj(resultRaw);
    if (!result) { skip(counters, 'result_not_an_object'); continue; }
    const dataset = obj(result.dataset);
    const datasetName = text(dataset?.name) ?? text(dataset?.type);
    if (!dataset || !datasetName) { skip(counters, 'no_dataset'); continue; }
    if (!Array.isArray(result.metrics) || result.metrics.length === 0) { skip(counters, 'no_metrics'); continue; }
    const source = obj(result.source);
    const sourceName = text(source?.name);
    const sourceUrl = text(source?.url);
    const snap = provenance.snapshotFileFor?.(sourceName);
    // A model-zoo result names its own file and date (a zoo publishes one metafile per algorithm).
    const zoo = provenance.source === 'model-zoo';
    const context: ResultContext = {
      datasetName,
      datasetType: text(dataset.type),
      datasetConfig: text(dataset.config),
      split: text(dataset.split) ?? UNSPECIFIED_SPLIT,
      benchmark: resolveBenchmark(text(dataset.type), text(dataset.name)),
      fewShot: fewShotOf(dataset, text(dataset.name)),
      notes: notesOf(result),
      sourceName,
      sourceUrl,
      file: (zoo ? text(source?.file) : undefined) ?? snap?.file,
      date: (zoo ? text(source?.date) : undefined) ?? snap?.date,
    };
    for (const metricRaw of result.metrics) {
      const metric = obj(metricRaw);
      if (!metric) { skip(counters, 'metric_not_an_object'); continue; }
      const rawType = text(metric.type);
      const rawName = text(metric.name);
      if (!rawType && !rawName) { skip(counters, 'no_metric_type'); continue; }
      let def = lookupMetric(rawType, rawName);
      if (!def) {
        def = unknownMetric(rawType, rawName);
        counters.unknownMetrics.set(def.id, (counters.unknownMetrics.get(def.id) ?? 0) + 1);
      }
      out.push({ result: context, metric, def, normalized: isLeaderboardNormalized(metric.normalization, context.benchmark, sourceName, sourceUrl) });
    }
  }
  return out;
}

export function createCounters(): ParseCounters {
  return { skipped: {}, unknownMetrics: new Map() };
}

function skip(c: ParseCounters, reason: SkipReason, n = 1) {
  c.skipped[reason] = (c.skipped[reason] ?? 0) + n;
}

/**
 * @param modelIndex the card's `model-index` value (any JSON)
 * @param taskType the model's task; results are grouped under it so leaderboards stay per task
 * @param intern shares one string instance per distinct name across all models (memory)
 */
export function parseModelIndex(
  modelIndex: unknown,
  taskType: string,
  provenance: ResultProvenance,
  counters: ParseCounters,
  intern: (s: string) => string,
): EvaluationResult[] {
  if (modelIndex === undefined || modelIndex === null) return [];
  if (!Array.isArray(modelIndex)) {
    skip(counters, 'model_index_not_a_list');
    return [];
  }
  const out: EvaluationResult[] = [];
  const seen = new Set<string>();
  for (const entryRaw of modelIndex) {
    const entry = obj(entryRaw);
    if (!entry) { skip(counters, 'entry_not_an_object'); continue; }
    if (!Array.isArray(entry.results)) { skip(counters, 'no_results'); continue; }
    const candidates = readEntry(entry.results, provenance, counters);
    // Metrics (by registry id) this entry publishes on a 0–100 scale although the registry keeps them as
    // fractions: a bare value above 1 gives the scale away, and that metric's values at or below 1 in the
    // same card are then small percentages too. Per metric, not per card source: a card with WER 12.5 and
    // accuracy 0.97 keeps the accuracy at 0.97. A leaderboard's normalized scores are on their own scale
    // and say nothing about the raw ones; an explicit "%" speaks for its own value alone.
    const percentById = new Set<string>();
    for (const { def, normalized, metric } of candidates) {
      if (!normalized && def.scale === 'fraction' && !percentById.has(def.id) && showsPercentScale(metric.value)) percentById.add(def.id);
    }
    for (const { result: c, metric, def, normalized } of candidates) {
      const scale = normalized ? 'points' : def.scale;
      const parsed = parseMetricValue(metric.value, scale, !normalized && percentById.has(def.id));
      if (!parsed.ok) { skip(counters, parsed.reason); continue; }
      const setup = formatSetup({ fewShot: c.fewShot, normalization: normalized ? 'leaderboard-normalized' : undefined, notes: c.notes });
      const measurement: Measurement = { taskType, benchmark: c.benchmark, datasetName: c.datasetName, datasetType: c.datasetType, datasetConfig: c.datasetConfig, split: c.split, def, setup };
      const key = keyOfMeasurement(measurement);
      if (seen.has(key)) { skip(counters, 'duplicate_result'); continue; }
      if (out.length >= MAX_RESULTS_PER_MODEL) { skip(counters, 'too_many_results'); continue; }
      seen.add(key);
      const r = buildResult(measurement, key, scale, parsed, { source: provenance.source, verified: metric.verified === true }, intern);
      if (c.sourceName) r.source_name = intern(c.sourceName);
      if (c.sourceUrl) r.source_url = intern(c.sourceUrl);
      if (c.file) r.snapshot_file = intern(c.file);
      if (c.date) r.snapshot_date = intern(c.date);
      out.push(r);
    }
  }
  return out;
}
