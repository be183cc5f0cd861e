// Reads a card's model-index (every entry, every result, every metric) into evaluation results.
// Cards are hand-written: a malformed entry is skipped and its reason counted, never fatal.
import type { EvaluationResult, ResultSource, Scale } from '../schemas/benchmarkSchemas.js';
import { fewShotFromName, resolveBenchmark, type ResolvedBenchmark } from './benchmarkRegistry.js';
import { buildResult, keyOfMeasurement, resultFromTemplate, type Measurement } from './buildResult.js';
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
function isLeaderboardNormalized(explicit: unknown, benchmark: ResolvedBenchmark, leaderboardSource: boolean): boolean {
  if (explicit === 'leaderboard') return true;
  if (explicit === 'none') return false;
  if (!benchmark.definition?.openLlmLeaderboardV2) return false;
  return leaderboardSource;
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

/**
 * What a result of a card says about every metric in it, and what each of its metrics becomes: worked
 * out once per distinct spelling (the same few recur across thousands of cards) and reused.
 */
interface ContextTemplate {
  benchmark: ResolvedBenchmark;
  /** Whether the source is the Open LLM Leaderboard itself (see isLeaderboardNormalized). */
  leaderboardSource: boolean;
  datasetName: string;
  datasetType?: string;
  datasetConfig?: string;
  split: string;
  fewShot?: number;
  notes: string[];
  /** By metric type, then name, then explicit normalization. */
  metrics: Map<string | undefined, Map<string | undefined, Map<unknown, MetricTemplate>>>;
}

/** One metric of one context: its definition, whether it is a leaderboard's normalized score, and its result with the value left to fill. */
interface MetricTemplate {
  def: MetricDefinition;
  /** Not in the registry: counted in `unknown_metrics` each time it is met. */
  unknown: boolean;
  normalized: boolean;
  /** The scale the value is read on. */
  scale: Scale;
  key: string;
  /** The result with placeholder value and provenance (see resultFromTemplate). */
  result: EvaluationResult;
}

/** One result's context and its own provenance fields. */
interface ResultContext {
  template: ContextTemplate;
  sourceName?: string;
  sourceUrl?: string;
  file?: string;
  date?: string;
}

interface MetricCandidate {
  result: ResultContext;
  metric: Record<string, unknown>;
  template: MetricTemplate;
}

/** The templates met so far by the parses sharing one intern pool (one enrich pass): they hold interned strings. */
const templatesByPool = new WeakMap<(s: string) => string, Map<unknown, unknown>>();

/** The value at the end of a path of nested Maps (created on the way when `create`). */
function trieLeaf(root: Map<unknown, unknown>, parts: readonly unknown[]): Map<unknown, unknown> {
  let node = root;
  for (const part of parts) {
    let next = node.get(part) as Map<unknown, unknown> | undefined;
    if (next === undefined) node.set(part, (next = new Map()));
    node = next;
  }
  return node;
}

const LEAF = Symbol('leaf');

function contextTemplate(
  trie: Map<unknown, unknown>,
  taskType: string,
  dataset: Record<string, unknown>,
  datasetName: string,
  result: Record<string, unknown>,
  sourceName: string | undefined,
  sourceUrl: string | undefined,
): ContextTemplate {
  const datasetType = text(dataset.type);
  const rawName = text(dataset.name);
  const datasetConfig = text(dataset.config);
  const split = text(dataset.split) ?? UNSPECIFIED_SPLIT;
  const fewShot = fewShotOf(dataset, rawName);
  const notes = notesOf(result);
  const leaderboardSource = OPEN_LLM_LEADERBOARD.test(sourceName ?? '') || OPEN_LLM_LEADERBOARD.test(sourceUrl ?? '');
  const leaf = trieLeaf(trie, [taskType, datasetName, datasetType, rawName, datasetConfig, split, fewShot, notes[0], leaderboardSource]);
  let template = leaf.get(LEAF) as ContextTemplate | undefined;
  if (template === undefined) {
    template = {
      benchmark: resolveBenchmark(datasetType, rawName),
      leaderboardSource,
      datasetName,
      datasetType,
      datasetConfig,
      split,
      fewShot,
      notes,
      metrics: new Map(),
    };
    leaf.set(LEAF, template);
  }
  return template;
}

function metricTemplate(
  c: ContextTemplate,
  taskType: string,
  rawType: string | undefined,
  rawName: string | undefined,
  explicit: unknown,
  intern: (s: string) => string,
): MetricTemplate {
  const normalization = explicit === 'leaderboard' || explicit === 'none' ? explicit : undefined;
  let byName = c.metrics.get(rawType);
  if (byName === undefined) c.metrics.set(rawType, (byName = new Map()));
  let byNormalization = byName.get(rawName);
  if (byNormalization === undefined) byName.set(rawName, (byNormalization = new Map()));
  let t = byNormalization.get(normalization);
  if (t !== undefined) return t;
  let def = lookupMetric(rawType, rawName);
  const unknown = !def;
  if (!def) def = unknownMetric(rawType, rawName);
  const normalized = isLeaderboardNormalized(normalization, c.benchmark, c.leaderboardSource);
  const scale = normalized ? 'points' : def.scale;
  const setup = formatSetup({ fewShot: c.fewShot, normalization: normalized ? 'leaderboard-normalized' : undefined, notes: c.notes });
  const measurement: Measurement = { taskType, benchmark: c.benchmark, datasetName: c.datasetName, datasetType: c.datasetType, datasetConfig: c.datasetConfig, split: c.split, def, setup };
  const key = intern(keyOfMeasurement(measurement));
  const result = buildResult(measurement, key, scale, { ok: true, value: 0, original: 0, originalScale: 'raw' }, { source: 'model-card', verified: false }, intern);
  t = { def, unknown, normalized, scale, key, result };
  byNormalization.set(normalization, t);
  return t;
}

/**
 * Reads an entry's results and metrics once, counting what cannot be used: every usable metric with
 * its template (registry definition, whether it is a leaderboard's normalized score), in card order.
 */
function readEntry(
  results: unknown[],
  taskType: string,
  provenance: ResultProvenance,
  counters: ParseCounters,
  trie: Map<unknown, unknown>,
  intern: (s: string) => string,
): MetricCandidate[] {
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
    const file = (zoo ? text(source?.file) : undefined) ?? snap?.file;
    const date = (zoo ? text(source?.date) : undefined) ?? snap?.date;
    const template = contextTemplate(trie, taskType, dataset, datasetName, result, sourceName, sourceUrl);
    const context: ResultContext = {
      template,
      sourceName: sourceName && intern(sourceName),
      sourceUrl: sourceUrl && intern(sourceUrl),
      file: file && intern(file),
      date: date && intern(date),
    };
    for (const metricRaw of result.metrics) {
      const metric = obj(metricRaw);
      if (!metric) { skip(counters, 'metric_not_an_object'); continue; }
      const rawType = text(metric.type);
      const rawName = text(metric.name);
      if (!rawType && !rawName) { skip(counters, 'no_metric_type'); continue; }
      const t = metricTemplate(template, taskType, rawType, rawName, metric.normalization, intern);
      if (t.unknown) counters.unknownMetrics.set(t.def.id, (counters.unknownMetrics.get(t.def.id) ?? 0) + 1);
      out.push({ result: context, metric, template: t });
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
  let trie = templatesByPool.get(intern);
  if (trie === undefined) templatesByPool.set(intern, (trie = new Map()));
  for (const entryRaw of modelIndex) {
    const entry = obj(entryRaw);
    if (!entry) { skip(counters, 'entry_not_an_object'); continue; }
    if (!Array.isArray(entry.results)) { skip(counters, 'no_results'); continue; }
    const candidates = readEntry(entry.results, taskType, provenance, counters, trie, intern);
    // Metrics (by registry id) this entry publishes on a 0–100 scale although the registry keeps them as
    // fractions: a bare value above 1 gives the scale away, and that metric's values at or below 1 in the
    // same card are then small percentages too. Per metric, not per card source: a card with WER 12.5 and
    // accuracy 0.97 keeps the accuracy at 0.97. A leaderboard's normalized scores are on their own scale
    // and say nothing about the raw ones; an explicit "%" speaks for its own value alone.
    let percentById: Set<string> | undefined;
    for (const { template: t, metric } of candidates) {
      if (!t.normalized && t.def.scale === 'fraction' && !percentById?.has(t.def.id) && showsPercentScale(metric.value)) (percentById ??= new Set()).add(t.def.id);
    }
    for (const { result: c, metric, template: t } of candidates) {
      const parsed = parseMetricValue(metric.value, t.scale, !t.normalized && percentById !== undefined && percentById.has(t.def.id));
      if (!parsed.ok) { skip(counters, parsed.reason); continue; }
      if (seen.has(t.key)) { skip(counters, 'duplicate_result'); continue; }
      if (out.length >= MAX_RESULTS_PER_MODEL) { skip(counters, 'too_many_results'); continue; }
      seen.add(t.key);
      const r = resultFromTemplate(t.result, parsed, { source: provenance.source, verified: metric.verified === true });
      if (c.sourceName) r.source_name = c.sourceName;
      if (c.sourceUrl) r.source_url = c.sourceUrl;
      if (c.file) r.snapshot_file = c.file;
      if (c.date) r.snapshot_date = c.date;
      out.push(r);
    }
  }
  return out;
}
