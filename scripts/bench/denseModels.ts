// Benchmark data: Hub-shaped snapshots of n models with about ten evaluation results per model, built from the shared fake-Hub generator.
import { DEFAULT_TASKS, type HubModel } from '../../src/schemas/hubSchemas.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotFile } from '../../src/schemas/snapshotSchemas.js';
import { generateHubModels } from '../../test/support/fakeHub.js';

/**
 * The generator alone gives about 1.5 results (metric values) per model. A model whose own card has
 * results also takes the results its namesakes (same index, hence same task) carry under other
 * seeds, on variant datasets ("MMLU (5-Shot) (variant 3)"), until it has at least MIN_RESULTS:
 * about 10 results per model overall, with the generator's ~40% of models without any.
 */
export const MIN_RESULTS = 18;
const MAX_SEEDS = 16;

type Result = { dataset?: Record<string, unknown>; metrics?: unknown } & Record<string, unknown>;

function modelIndexOf(m: HubModel): { name?: string; results?: Result[] }[] | undefined {
  const card = m.cardData as Record<string, unknown> | undefined;
  const mi = card?.['model-index'];
  return Array.isArray(mi) ? (mi as { name?: string; results?: Result[] }[]) : undefined;
}

const metricsOf = (r: Result) => (Array.isArray(r.metrics) ? r.metrics.length : 0);

/** One dataset object per (dataset, variant), shared like the generator shares its datasets. */
const variants = new Map<object, Map<number, Record<string, unknown>>>();
function variantOf(dataset: Record<string, unknown>, k: number): Record<string, unknown> {
  let byK = variants.get(dataset);
  if (!byK) variants.set(dataset, (byK = new Map()));
  let v = byK.get(k);
  if (!v) byK.set(k, (v = Object.freeze({ ...dataset, name: `${String(dataset.name)} (variant ${k})` })));
  return v;
}

export function* denseHubModels(count: number, seed = 7): Generator<HubModel> {
  const base = generateHubModels({ count, tasks: DEFAULT_TASKS, seed });
  const others = Array.from({ length: MAX_SEEDS - 1 }, (_, k) => generateHubModels({ count, tasks: DEFAULT_TASKS, seed: seed + 1000 * (k + 1) }));
  for (const model of base) {
    // Every sibling generator advances once per model, so model i always meets sibling i.
    const siblings = others.map((gen) => gen.next().value as HubModel);
    const mi = modelIndexOf(model);
    const own = mi?.[0]?.results;
    if (!mi || !own || own.length === 0) {
      yield model;
      continue;
    }
    let metrics = own.reduce((n, r) => n + metricsOf(r), 0);
    const extra: Result[] = [];
    for (let k = 0; k < siblings.length && metrics < MIN_RESULTS; k++) {
      for (const entry of modelIndexOf(siblings[k]) ?? []) {
        for (const r of entry.results ?? []) {
          if (!r.dataset || typeof r.dataset !== 'object') continue;
          extra.push({ ...r, dataset: variantOf(r.dataset, k + 1) });
          metrics += metricsOf(r);
        }
      }
    }
    const card = model.cardData as Record<string, unknown>;
    model.cardData = { ...card, 'model-index': [{ ...mi[0], results: [...own, ...extra] }, ...mi.slice(1)] };
    yield model;
  }
}

export function snapshotOf(models: HubModel[], fetchedAt = '2025-10-01T00:00:00.000Z'): SnapshotFile {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    origin: 'hub',
    created_at: fetchedAt,
    fetched_at: fetchedAt,
    tasks: [...DEFAULT_TASKS],
    sources: [{ name: 'Hugging Face Hub model cards (generated)', date: fetchedAt, model_count: models.length }],
    partial: false,
    failed_tasks: [],
    models,
  };
}
