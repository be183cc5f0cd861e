// Enrich stage: raw Hub records → seed-shaped benchmark records (model_info + evaluation_results),
// with family, parameter count and normalized metrics, each saying where it came from.
import type { BenchmarkRecord, ModelInfo } from '../schemas/benchmarkSchemas.js';
import { HUB_PLACEHOLDER_CREATED_AT, type HubModel } from '../schemas/hubSchemas.js';
import { checkParameterCount } from './checkParameterCount.js';
import { configArchitecture, detectFamily } from './detectFamily.js';
import { formatParameterCount, parseParameterCount } from './parseParameterCount.js';
import { sizeClass } from './sizeClass.js';
import { createCounters, obj, parseModelIndex, type ResultProvenance, type SkipReason } from './parseModelIndex.js';
import { provenanceFor } from './provenanceFor.js';
import { tagTestModel } from './tagTestModel.js';
import type { BenchmarkInfo } from '../schemas/communityEvalsSchemas.js';
import { findPercentTasks, parseEvalResults, type EvalCatalog } from './parseEvalResults.js';
import { mergeCardAndCommunity } from './mergeResults.js';
import { keyOfResult } from '../analytics/indexResults.js';

export interface EnrichOptions {
  provenance: ResultProvenance;
  /** evaluated_at for results without a dated source (the fetch time of a live refresh). */
  evaluatedAt: string;
  /** Benchmarks read from the Hub (eval.yaml): tasks' configs, splits and directions for Community Evals. */
  benchmarks?: readonly BenchmarkInfo[];
}

export interface EnrichStats {
  models: number;
  models_with_results: number;
  results: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** Metric ids the registry does not know yet, with how often they occur: candidates for aliases. */
  unknown_metrics: Record<string, number>;
  family_sources: Record<string, number>;
  parameter_sources: Record<string, number>;
}

/** ISO-8601 or undefined; the Hub's placeholder creation date means "unknown", not a date. */
export function toIsoDate(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > 40) return undefined;
  const t = Date.parse(v);
  if (!Number.isFinite(t)) return undefined;
  const iso = new Date(t).toISOString();
  return iso === HUB_PLACEHOLDER_CREATED_AT ? undefined : iso;
}

function nonNegativeInt(v: unknown): number | undefined {
  // Counts beyond the safe-integer range are junk, and would not survive JSON round trips exactly.
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER ? Math.round(v) : undefined;
}

function licenseOf(card: Record<string, unknown> | undefined, tags: readonly string[]): string | undefined {
  const l = card?.license;
  if (typeof l === 'string' && l.trim()) return l.trim();
  if (Array.isArray(l) && typeof l[0] === 'string') return l.join(', ');
  const tag = tags.find((t) => t.startsWith('license:'));
  return tag ? tag.slice('license:'.length) : undefined;
}

/** Links of a model-zoo model: only http(s) URLs, so the UI never links anything else. */
function zooLinks(raw: HubModel['links']): ModelInfo['links'] {
  if (!raw) return undefined;
  const out: NonNullable<ModelInfo['links']> = {};
  for (const key of ['paper', 'code', 'config', 'weights'] as const) {
    const url = raw[key];
    if (typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url) && url.length <= 2000) out[key] = url;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `base_model` of a card: one id or a list of ids. */
function baseModelsOf(card: Record<string, unknown> | undefined): string[] | undefined {
  const raw = card?.base_model;
  const list = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim().slice(0, 200));
  return list.length > 0 ? list.slice(0, 20) : undefined;
}

export function createInterner(): (s: string) => string {
  const pool = new Map<string, string>();
  return (s) => {
    const hit = pool.get(s);
    if (hit !== undefined) return hit;
    pool.set(s, s);
    return s;
  };
}

export function enrichModels(
  models: readonly HubModel[],
  options: EnrichOptions,
): { records: BenchmarkRecord[]; stats: EnrichStats } {
  const counters = createCounters();
  const intern = createInterner();
  const familySources: Record<string, number> = {};
  const parameterSources: Record<string, number> = {};
  const records: BenchmarkRecord[] = [];
  const seenIds = new Set<string>();
  let results = 0;
  let withResults = 0;
  const catalog: EvalCatalog = {
    benchmarks: new Map((options.benchmarks ?? []).map((b) => [b.id.toLowerCase(), b])),
    percentTasks: findPercentTasks(models.map((m) => m.evalResults)),
  };

  for (const m of models) {
    // Hub ids are case-insensitive: the first spelling listed is kept.
    const idKey = m.id.toLowerCase();
    if (seenIds.has(idKey)) continue;
    seenIds.add(idKey);
    const tags = tagTestModel(m.id, (m.tags ?? []).filter((t): t is string => typeof t === 'string').map(intern));
    const taskType = intern(m.pipeline_tag || m.task_hint || 'unknown');
    const card = obj(m.cardData);
    const family = detectFamily({ id: m.id, config: m.config, tags });
    const params = parseParameterCount({ id: m.id, safetensors: m.safetensors, gguf: m.gguf, declared_parameters: m.declared_parameters });
    const architecture = configArchitecture(m.config);
    const suspect = checkParameterCount({ id: m.id, count: params.count, source: params.source, tags, architecture });
    familySources[family.source] = (familySources[family.source] ?? 0) + 1;
    parameterSources[params.source] = (parameterSources[params.source] ?? 0) + 1;

    const slash = m.id.indexOf('/');
    // A model-zoo model is not a Hub repo: its id is namespaced by the zoo and its name is the last part.
    const zoo = m.model_zoo ? intern(m.model_zoo) : undefined;
    const nameFrom = zoo ? m.id.lastIndexOf('/') : slash;
    const info: ModelInfo = {
      model_id: m.id,
      model_name: (nameFrom >= 0 ? m.id.slice(nameFrom + 1) : m.id) || m.id,
      model_family: intern(family.family),
      family_source: family.source,
      parameter_source: params.source,
      task_type: taskType,
      tags,
    };
    if (architecture) info.architecture = intern(architecture);
    if (zoo) {
      info.model_zoo = zoo;
      const links = zooLinks(m.links);
      if (links) info.links = links;
      const flops = m.declared_flops;
      if (typeof flops === 'number' && Number.isFinite(flops) && flops > 0) {
        info.flops = flops;
        info.flops_source = 'model-zoo';
      }
    } else {
      info.hub_url = `https://huggingface.co/${m.id}`;
    }
    if (params.count) {
      info.parameter_count = params.count;
      info.model_size = sizeClass(params.count);
      info.model_size_label = formatParameterCount(params.count);
      if (suspect) info.parameter_suspect = suspect;
    }
    if (m.pipeline_tag) info.pipeline_tag = taskType;
    if (m.metadata_pending) info.metadata_pending = true;
    const baseModels = baseModelsOf(card);
    if (baseModels) info.base_models = baseModels.map(intern);
    const created = toIsoDate(m.createdAt);
    if (created) info.created_at = created;
    const modified = toIsoDate(m.lastModified);
    if (modified) info.last_modified = modified;
    const downloads = nonNegativeInt(m.downloads);
    if (downloads !== undefined) info.downloads = downloads;
    const likes = nonNegativeInt(m.likes);
    if (likes !== undefined) info.likes = likes;
    if (m.library_name) info.library_name = intern(m.library_name);
    const license = licenseOf(card, tags);
    if (license) info.license = intern(license);

    // The listing's expand=model-index carries it top-level; cards carry it in cardData.
    const modelIndex = m['model-index'] ?? card?.['model-index'];
    // A model zoo's results say so whichever file carried them (bundled, fetched layer or an import),
    // and name their own metafile and its date in their source; a model a partial refresh kept from an
    // earlier layer keeps that layer's provenance.
    const provenance: ResultProvenance = zoo ? { source: 'model-zoo' } : m.kept_from ? provenanceFor(m.kept_from) : options.provenance;
    const fromCard = parseModelIndex(modelIndex, taskType, provenance, counters, intern);
    // Community Evals live on the Hub only: a kept or imported copy says so by its own source.
    const evaluation = mergeCardAndCommunity(fromCard, parseEvalResults(m.evalResults, taskType, catalog, counters, intern), keyOfResult);
    results += evaluation.length;
    if (evaluation.length > 0) withResults++;
    records.push({
      model_info: info,
      evaluation_results: evaluation,
      evaluated_at: evaluation[0]?.snapshot_date ?? options.evaluatedAt,
    });
  }

  return {
    records,
    stats: {
      models: records.length,
      models_with_results: withResults,
      results,
      skipped: counters.skipped,
      unknown_metrics: Object.fromEntries(counters.unknownMetrics),
      family_sources: familySources,
      parameter_sources: parameterSources,
    },
  };
}
