// Small hand-written snapshot files in the app's one format, for tests that need exact, known data
// (a lower-is-better dataset, models without results, a second fetch that differs from the first),
// plus the real bundled snapshot, read once per test file.
import type { HubModel } from '../../src/schemas/hubSchemas.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotFile } from '../../src/schemas/snapshotSchemas.js';
import { bundledSnapshotPath } from '../../src/snapshot/bundledSnapshotPath.js';
import { readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';

export interface ResultSpec {
  dataset: string;
  /** Metric id as a card writes it (`acc`, `wer`, …). */
  metric: string;
  value: number | string;
  split?: string;
  config?: string;
  name?: string;
}

export interface ModelSpec {
  id: string;
  task: string;
  downloads?: number;
  likes?: number;
  /** Total parameters, published as safetensors metadata. */
  params?: number;
  createdAt?: string;
  /** Architecture family as the model's config states it. */
  modelType?: string;
  results?: ResultSpec[];
}

/** A Hub-shaped model record whose card carries the given results in its model-index. */
export function hubModel(spec: ModelSpec): HubModel {
  const model: HubModel = {
    id: spec.id,
    pipeline_tag: spec.task,
    tags: [spec.task],
    downloads: spec.downloads,
    likes: spec.likes,
    createdAt: spec.createdAt,
  };
  if (spec.modelType) model.config = { model_type: spec.modelType };
  if (spec.params !== undefined) model.safetensors = { parameters: { F32: spec.params }, total: spec.params };
  if (spec.results && spec.results.length > 0) {
    model.cardData = {
      'model-index': [
        {
          name: spec.id,
          results: spec.results.map((r) => ({
            task: { type: spec.task },
            dataset: { name: r.dataset, type: r.dataset, split: r.split ?? 'test', ...(r.config ? { config: r.config } : {}) },
            metrics: [{ type: r.metric, value: r.value, ...(r.name ? { name: r.name } : {}) }],
          })),
        },
      ],
    };
  }
  return model;
}

export function snapshotOf(
  models: readonly HubModel[],
  options: Partial<Pick<SnapshotFile, 'origin' | 'fetched_at' | 'partial' | 'failed_tasks' | 'sources'>> & { tasks?: string[] } = {},
): SnapshotFile {
  const at = options.fetched_at ?? '2026-01-01T00:00:00.000Z';
  const origin = options.origin ?? 'bundled';
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    origin,
    created_at: at,
    fetched_at: at,
    tasks: options.tasks ?? [...new Set(models.map((m) => m.pipeline_tag ?? 'unknown'))],
    sources: options.sources ?? [{ name: origin === 'hub' ? 'Hugging Face Hub model cards' : 'Test fixture', date: at, model_count: models.length }],
    partial: options.partial ?? false,
    failed_tasks: options.failed_tasks ?? [],
    models: [...models],
  };
}

/**
 * Speech recognition on LibriSpeech, where a lower word error rate is better. Hand-picked values:
 * 0.031 and 0.12 as fractions, "8.4" as a percent (→ 0.084), so the ascending order is
 * asr/small (0.031), asr/medium (0.084), asr/large (0.12).
 */
export const WER_MODELS: readonly HubModel[] = Object.freeze([
  hubModel({ id: 'asr/large', task: 'automatic-speech-recognition', downloads: 300, params: 1_550_000_000, results: [{ dataset: 'librispeech_asr', metric: 'wer', value: 0.12 }] }),
  hubModel({ id: 'asr/small', task: 'automatic-speech-recognition', downloads: 100, params: 244_000_000, results: [{ dataset: 'librispeech_asr', metric: 'wer', value: 0.031 }] }),
  hubModel({ id: 'asr/medium', task: 'automatic-speech-recognition', downloads: 200, params: 769_000_000, results: [{ dataset: 'librispeech_asr', metric: 'wer', value: '8.4' }] }),
  // No results: only include_synthetic may invent any for it.
  hubModel({ id: 'asr/no-card', task: 'automatic-speech-recognition', downloads: 50 }),
]);

/** Text classification on SST-2, higher accuracy is better; one model has no results. */
export const SST2_MODELS: readonly HubModel[] = Object.freeze([
  hubModel({ id: 'cls/alpha', task: 'text-classification', downloads: 1000, params: 110_000_000, modelType: 'bert', results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.91 }] }),
  hubModel({ id: 'cls/beta', task: 'text-classification', downloads: 500, params: 66_000_000, modelType: 'distilbert', results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.88 }] }),
  hubModel({ id: 'cls/gamma', task: 'text-classification', downloads: 10, modelType: 'roberta' }),
]);

let bundled: Promise<SnapshotFile> | undefined;

/** The real data/snapshot.json.gz, read once per test file (one process per file). */
export function loadBundledSnapshot(): Promise<SnapshotFile> {
  bundled ??= readSnapshotFile(bundledSnapshotPath());
  return bundled;
}
