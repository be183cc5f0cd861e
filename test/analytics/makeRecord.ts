// Test fixtures for the analytics: schema-valid BenchmarkRecords built from a few words, and deep freezing.
import {
  BenchmarkRecordSchema,
  type BenchmarkRecord,
  type Direction,
  type EvaluationResult,
  type ModelInfo,
  type Scale,
} from '../../src/schemas/benchmarkSchemas.js';

/** Metric names as the registry writes them, with their type, direction and scale. */
const METRICS: Record<string, { metric_type: string; direction: Direction; scale: Scale }> = {
  accuracy: { metric_type: 'accuracy', direction: 'higher', scale: 'fraction' },
  'normalized accuracy': { metric_type: 'accuracy', direction: 'higher', scale: 'fraction' },
  F1: { metric_type: 'f1', direction: 'higher', scale: 'fraction' },
  'exact match': { metric_type: 'exact_match', direction: 'higher', scale: 'fraction' },
  'word error rate': { metric_type: 'wer', direction: 'lower', scale: 'fraction' },
  'character error rate': { metric_type: 'cer', direction: 'lower', scale: 'fraction' },
  BLEU: { metric_type: 'bleu', direction: 'higher', scale: 'points' },
  perplexity: { metric_type: 'perplexity', direction: 'lower', scale: 'raw' },
};
export type MetricName = keyof typeof METRICS & string;

/** A result on `dataset` for a known metric; task_type defaults to the record's. */
export function result(dataset: string, metric: MetricName, value: number, extra: Partial<EvaluationResult> = {}): Partial<EvaluationResult> {
  const m = METRICS[metric];
  if (!m) throw new Error(`makeRecord: unknown metric "${metric}"`);
  return {
    metric_name: metric,
    metric_type: m.metric_type,
    metric_id: m.metric_type,
    value,
    direction: m.direction,
    scale: m.scale,
    original_value: value,
    original_scale: m.scale === 'points' ? 'points' : m.scale === 'raw' ? 'raw' : 'fraction',
    dataset_name: dataset,
    dataset_split: 'test',
    source: 'model-card',
    verified: false,
    ...extra,
  };
}

/** A schema-valid record for model `modelId` (family "test" and task "text-classification" unless given). */
export function makeRecord(modelId: string, results: Partial<EvaluationResult>[] = [], info: Partial<ModelInfo> = {}): BenchmarkRecord {
  const task_type = info.task_type ?? 'text-classification';
  return BenchmarkRecordSchema.parse({
    model_info: {
      model_id: modelId,
      model_name: modelId.split('/').pop(),
      model_family: 'test',
      family_source: 'name',
      parameter_source: info.parameter_count === undefined ? 'unknown' : 'safetensors',
      task_type,
      tags: [],
      hub_url: `https://huggingface.co/${modelId}`,
      ...info,
    },
    evaluation_results: results.map((r) => ({ task_type, ...r })),
    evaluated_at: '2025-01-01T00:00:00.000Z',
  });
}

/** Freezes a value and everything reachable from it, so a test fails if a function under test mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
