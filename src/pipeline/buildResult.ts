// One evaluation result from what a source says about a measurement: the benchmark and dataset it is
// on, the registry metric, the setup and the value read. A card's model-index and its Community Evals
// build their results here alike, so one measurement from both has one key and the same fields.
import type { EvaluationResult, ResultSource, Scale } from '../schemas/benchmarkSchemas.js';
import type { ResolvedBenchmark } from './benchmarkRegistry.js';
import { measurementKey, UNSPECIFIED_SPLIT } from './measurementKey.js';
import type { MetricDefinition } from './metricRegistry.js';
import type { ParsedValue } from './parseMetricValue.js';

/** What a result measures: task, benchmark, dataset, metric and setup. */
export interface Measurement {
  taskType: string;
  benchmark: ResolvedBenchmark;
  datasetName: string;
  datasetType?: string;
  datasetConfig?: string;
  /** As published; UNSPECIFIED_SPLIT when the source names none. */
  split: string;
  def: MetricDefinition;
  setup?: string;
}

/** The measurement key of `m` (see measurementKey). */
export function keyOfMeasurement(m: Measurement): string {
  return measurementKey({
    task_type: m.taskType,
    benchmark: m.benchmark.keyId,
    dataset_config: m.datasetConfig,
    // A result that names no split is on the only split with labels, where a benchmark has one.
    dataset_split: m.split === UNSPECIFIED_SPLIT ? (m.benchmark.definition?.onlyLabelledSplit ?? m.split) : m.split,
    metric_id: m.def.id,
    setup: m.setup,
  });
}

/**
 * The result of `m` with its value read on `scale`; the caller adds its provenance fields.
 * @param key `keyOfMeasurement(m)`, worked out by the caller to drop duplicates before building
 * @param intern shares one string instance per distinct name across all models (memory)
 */
export function buildResult(
  m: Measurement,
  key: string,
  scale: Scale,
  parsed: Extract<ParsedValue, { ok: true }>,
  provenance: { source: ResultSource; verified: boolean },
  intern: (s: string) => string,
): EvaluationResult {
  const r: EvaluationResult = {
    metric_name: intern(m.def.name),
    metric_type: intern(m.def.type),
    metric_id: intern(m.def.id),
    value: parsed.value,
    direction: m.def.direction,
    scale,
    original_value: parsed.original,
    original_scale: parsed.originalScale,
    dataset_name: intern(m.datasetName),
    dataset_split: intern(m.split),
    task_type: intern(m.taskType),
    benchmark: intern(m.benchmark.id),
    key: intern(key),
    source: provenance.source,
    verified: provenance.verified,
  };
  if (m.setup) r.setup = intern(m.setup);
  if (m.datasetType) r.dataset_type = intern(m.datasetType);
  if (m.datasetConfig) r.dataset_config = intern(m.datasetConfig);
  return r;
}

/**
 * A result like `template` (made by buildResult for the same measurement) with its own value and
 * provenance: the same fields in the same order, without working out or interning them again.
 */
export function resultFromTemplate(
  template: EvaluationResult,
  parsed: Extract<ParsedValue, { ok: true }>,
  provenance: { source: ResultSource; verified: boolean },
): EvaluationResult {
  const r: EvaluationResult = {
    metric_name: template.metric_name,
    metric_type: template.metric_type,
    metric_id: template.metric_id,
    value: parsed.value,
    direction: template.direction,
    scale: template.scale,
    original_value: parsed.original,
    original_scale: parsed.originalScale,
    dataset_name: template.dataset_name,
    dataset_split: template.dataset_split,
    task_type: template.task_type,
    benchmark: template.benchmark,
    key: template.key,
    source: provenance.source,
    verified: provenance.verified,
  };
  if (template.setup !== undefined) r.setup = template.setup;
  if (template.dataset_type !== undefined) r.dataset_type = template.dataset_type;
  if (template.dataset_config !== undefined) r.dataset_config = template.dataset_config;
  return r;
}
