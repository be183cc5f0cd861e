// Opt-in gap filling: invents plausible results for models that have none, as the original backend
// did, but only when asked (include_synthetic), reproducibly (seeded per model id), and with every
// invented value marked source "synthetic" so it can never pass for a measurement.
import type { BenchmarkRecord, EvaluationResult } from '../schemas/benchmarkSchemas.js';
import { lookupMetric } from './metricRegistry.js';

interface Template { dataset: string; split: string; metric: string; min: number; max: number }

/** One typical benchmark per task, with a plausible range on the metric's canonical scale. */
const TEMPLATES: Record<string, Template[]> = {
  'text-classification': [{ dataset: 'glue/sst2', split: 'validation', metric: 'accuracy', min: 0.8, max: 0.96 }],
  'image-classification': [{ dataset: 'ImageNet-1k', split: 'validation', metric: 'top1', min: 0.6, max: 0.88 }],
  'text-generation': [{ dataset: 'hellaswag', split: 'validation', metric: 'acc_norm', min: 0.3, max: 0.85 }],
  'question-answering': [{ dataset: 'squad', split: 'validation', metric: 'exact_match', min: 0.6, max: 0.9 }, { dataset: 'squad', split: 'validation', metric: 'f1', min: 0.7, max: 0.95 }],
  'token-classification': [{ dataset: 'conll2003', split: 'test', metric: 'f1', min: 0.8, max: 0.95 }],
  translation: [{ dataset: 'wmt16', split: 'test', metric: 'bleu', min: 15, max: 40 }],
  summarization: [{ dataset: 'cnn_dailymail', split: 'test', metric: 'rouge1', min: 0.3, max: 0.46 }],
  'object-detection': [{ dataset: 'coco', split: 'validation', metric: 'map', min: 0.25, max: 0.55 }],
  'automatic-speech-recognition': [{ dataset: 'librispeech_asr', split: 'test', metric: 'wer', min: 0.02, max: 0.2 }],
};

/** FNV-1a hash of the id mixed with the seed, so a model's invented value never changes between runs. */
function hashSeed(id: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, well-distributed for this purpose. */
function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SYNTHETIC_SOURCE_NAME = 'synthetic (generated on request; not a measurement)';

/** Returns new records: models that had no results get invented ones; all others are passed through unchanged. */
export function fillSynthetic(records: readonly BenchmarkRecord[], options: { seed?: number; now: string }): BenchmarkRecord[] {
  const seed = options.seed ?? 42;
  return records.map((record) => {
    if (record.evaluation_results.length > 0) return record;
    const templates = TEMPLATES[record.model_info.task_type];
    if (!templates) return record;
    const rand = mulberry32(hashSeed(record.model_info.model_id, seed));
    const results: EvaluationResult[] = [];
    for (const t of templates) {
      const def = lookupMetric(t.metric);
      if (!def) continue;
      const value = Number((t.min + rand() * (t.max - t.min)).toFixed(4));
      results.push({
        metric_name: def.name,
        metric_type: def.type,
        metric_id: def.id,
        value,
        direction: def.direction,
        scale: def.scale,
        original_value: value,
        original_scale: def.scale === 'fraction' ? 'fraction' : def.scale,
        dataset_name: t.dataset,
        dataset_split: t.split,
        task_type: record.model_info.task_type,
        source: 'synthetic',
        verified: false,
        source_name: SYNTHETIC_SOURCE_NAME,
      });
    }
    return { ...record, evaluation_results: results, evaluated_at: options.now };
  });
}
