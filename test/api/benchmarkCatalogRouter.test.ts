// Community Evals end to end without a browser: the fake Hub (benchmarks, leaderboards, models) →
// createHubFetcher → the cache → the router. Results keep their provenance, model-index and Community
// Evals results of one measurement are one result, filters work, models met only on leaderboards show
// at once and get their metadata later, and an export carries it all through an import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkCache, RefreshProgress } from '../../src/cache/createBenchmarkCache.js';
import { createHubFetcher } from '../../src/cache/createHubFetcher.js';
import { createMemoryCrawlStateStore } from '../../src/hub/benchmarkCrawlState.js';
import { measurementKey } from '../../src/pipeline/measurementKey.js';
import type { EvaluationResult } from '../../src/schemas/benchmarkSchemas.js';
import { SnapshotFileSchema } from '../../src/schemas/snapshotSchemas.js';
import { communityEvalsBenchmarks, communityEvalsModels, TASK } from '../support/communityEvalsFixture.js';
import { startFakeHub, type FakeHub } from '../support/fakeHub.js';
import { createTempDirs } from '../support/tempDirs.js';
import { callerFor, createTestClock, openTestCache, T0 } from '../support/testCache.js';
import { snapshotOf } from '../support/testSnapshots.js';

const temp = createTempDirs('community-evals');
let hub: FakeHub;
let cache: BenchmarkCache;
let api: ReturnType<typeof callerFor>;
const clock = createTestClock();

async function openWith(options: { fineTunes?: boolean; lookups?: number } = {}) {
  const fetchFromHub = createHubFetcher({
    endpoint: hub.url,
    tasks: [TASK],
    maxModelsPerTask: 2,
    retries: 1,
    sleep: async () => undefined,
    now: clock,
    benchmarks: 'official',
    benchmarkFineTunes: options.fineTunes,
    benchmarkModelLookups: options.lookups ?? 1,
    crawlState: createMemoryCrawlStateStore(),
  });
  const c = await openTestCache({ dir: await temp.make(), bundled: snapshotOf([]), fetchFromHub, clock });
  return c;
}

beforeAll(async () => {
  hub = await startFakeHub({ models: communityEvalsModels(), benchmarks: communityEvalsBenchmarks() });
  cache = await openWith();
  api = callerFor(cache, clock);
  expect((await cache.refresh().promise).status).toBe('ok');
});
afterAll(async () => {
  await cache.close();
  await hub.close();
  await temp.cleanup();
});

const resultsOf = async (id: string) => (await api.models.byId({ model_id: id })).evaluation_results;
const find = (results: EvaluationResult[], task: string, setup?: string) => results.filter((r) => r.benchmark_task === task && r.setup === setup);

describe('benchmarkCatalogRouter', () => {
  it('lists the benchmarks with eval.yaml names, descriptions and tasks, and their leaderboards per task', async () => {
    const { benchmarks, report } = await api.benchmarkCatalog.list({});
    expect(benchmarks.map((b) => b.id)).toEqual(['broken/yaml-bench', 'GPQA', 'MMLU-Pro', 'someorg/no-yaml-bench'].map((n) => ({ GPQA: 'Idavidrein/gpqa', 'MMLU-Pro': 'TIGER-Lab/MMLU-Pro' })[n] ?? n));
    const gpqa = benchmarks.find((b) => b.id === 'Idavidrein/gpqa')!;
    expect(gpqa).toMatchObject({ name: 'GPQA', benchmark: 'Idavidrein/gpqa', tasks: [{ id: 'gpqa_diamond', config: 'gpqa_diamond', split: 'train' }, { id: 'gpqa_main' }] });
    // gpqa_diamond has two setups (tools, no-tools) and one without notes (model-b's), gpqa_main one: three boards, each named by its task.
    expect(gpqa.leaderboards.map((l) => [l.benchmark_task, l.variant]).sort()).toEqual([
      ['gpqa_diamond', 'GPQA · gpqa_diamond'],
      ['gpqa_diamond', 'GPQA · gpqa_diamond · no-tools'],
      ['gpqa_diamond', 'GPQA · gpqa_diamond · tools'],
      ['gpqa_main', 'GPQA · gpqa_main'],
    ]);
    expect(report).toMatchObject({ benchmarks_listed: 4, models_pending: 1, crawl_complete: false });
    expect((await api.benchmarkCatalog.list({ search: 'google-proof' })).benchmarks.map((b) => b.id)).toEqual(['Idavidrein/gpqa']);
  });

  it('keeps two setups of one task apart and carries every provenance field', async () => {
    const a = await resultsOf('org/model-a');
    const [tools] = find(a, 'gpqa_diamond', 'tools');
    const [plain] = find(a, 'gpqa_diamond', 'no-tools');
    expect(tools.key).not.toBe(plain.key);
    // 72.5 on GPQA's 0–100 scale → 0.725 (the task publishes values above 1, so it is a percent scale).
    expect(tools).toMatchObject({
      source: 'community-evals',
      value: 0.725,
      original_value: 72.5,
      verified: true,
      notes: 'tools',
      source_url: 'https://example.org/logs/a-tools',
      source_name: 'inspect logs',
      eval_file: '.eval_results/gpqa.yaml',
      benchmark: 'Idavidrein/gpqa',
      dataset_config: 'gpqa_diamond',
      dataset_split: 'train',
      metric_id: 'accuracy',
    });
    expect(plain).toMatchObject({ value: 0.65, verified: false });
    expect(plain.community).toBeUndefined();
    const [community] = find(await resultsOf('org/model-b'), 'gpqa_diamond', undefined);
    expect(community).toMatchObject({ community: true, pull_request: 7, verified: false, value: 0.601 });
    expect(community.source_url).toBeUndefined();
  });

  it('makes a model-index result and a Community Evals result of one measurement one result with both provenances', async () => {
    const a = await resultsOf('org/model-a');
    const main = a.filter((r) => r.dataset_config === 'gpqa_main');
    expect(main).toHaveLength(1);
    // The key a model-index GPQA result gets (parseModelIndex): the same one.
    expect(main[0].key).toBe(measurementKey({ task_type: TASK, benchmark: 'idavidrein/gpqa', dataset_config: 'gpqa_main', dataset_split: 'train', metric_id: 'accuracy' }));
    expect(main[0]).toMatchObject({ source: 'model-card', value: 0.412, source_url: 'https://example.org/card-a' });
    expect(main[0].other_sources).toEqual([expect.objectContaining({ source: 'community-evals', value: 0.412, original_value: 41.2, eval_file: '.eval_results/gpqa.yaml' })]);
    const status = await api.refresh.status();
    // model-a: tools, no-tools, gpqa_main (merged), MMLU-Pro: 4; model-b: gpqa_diamond, MMLU-Pro, no-yaml-bench: 3;
    // late/model-l: 1; late/model-m: 1 → 9 results, one per measurement.
    expect(status.result_count).toBe(9);
  });

  it('shows models met only on leaderboards at once, with their size pending until a later refresh reads it', async () => {
    const m = await api.models.byId({ model_id: 'late/model-m' });
    expect(m.model_info).toMatchObject({ metadata_pending: true, task_type: TASK, parameter_source: 'unknown' });
    expect(m.model_info.parameter_count).toBeUndefined();
    expect(m.model_info.pipeline_tag).toBeUndefined();
    expect(m.evaluation_results).toHaveLength(1);
    // late/model-l ranked better (GPQA rank 4 vs 9), so it was read in the first refresh.
    expect((await api.models.byId({ model_id: 'late/model-l' })).model_info).toMatchObject({ parameter_count: 70_553_706_496, parameter_source: 'safetensors' });

    const second = await cache.refresh().promise;
    expect(second.status).toBe('ok');
    const after = await api.models.byId({ model_id: 'late/model-m' });
    expect(after.model_info.metadata_pending).toBeUndefined();
    expect(after.model_info).toMatchObject({ parameter_count: 1_235_814_400, parameter_source: 'safetensors', task_type: TASK });
    expect((await api.refresh.status()).community_evals).toMatchObject({ models_pending: 0, crawl_complete: true });
  });

  it('filters leaderboard entries by verified_only and include_community, keeping ranks', async () => {
    const board = async (extra: Record<string, unknown>) =>
      (await api.leaderboards.list({ task_type: TASK, dataset_name: 'MMLU-Pro', limit: 50, ...extra })).leaderboards[0].entries.map((e) => [e.rank, e.model_info.model_id]);
    expect(await board({})).toEqual([[1, 'org/model-a'], [2, 'org/model-b']]);
    expect(await board({ verified_only: true })).toEqual([[1, 'org/model-a']]);
    const diamond = async (extra: Record<string, unknown>) =>
      (await api.leaderboards.list({ task_type: TASK, dataset_name: 'GPQA · gpqa_diamond', limit: 50, ...extra })).leaderboards[0].entries.map((e) => e.model_info.model_id);
    // model-b's GPQA diamond score is an open pull request's (rank 3 on the Hub), late/model-l's is not.
    expect(await diamond({})).toEqual(['org/model-b', 'late/model-l']);
    expect(await diamond({ include_community: false })).toEqual(['late/model-l']);
    // Query strings: "false" is false, never coerced to true.
    expect(await diamond({ include_community: 'false' })).toEqual(['late/model-l']);
    expect(await diamond({ include_community: 'true' })).toEqual(['org/model-b', 'late/model-l']);
  });

  it('forms a mean and an extra column from the results that pass the provenance filters only', async () => {
    const catalog = (await api.leaderboards.catalog({})).leaderboards.filter((l) => l.task_type === TASK);
    const key = (variant: string) => catalog.find((l) => l.variant === variant)!.key;
    const keys = [key('MMLU-Pro'), key('GPQA · gpqa_diamond · no-tools')];
    // model-a has both (MMLU-Pro verified, no-tools not verified); model-b has MMLU-Pro only (not verified).
    const all = await api.leaderboards.mean({ keys, limit: 50 });
    expect(all).toMatchObject({ ranked: 1, left_out: 1, missing_by_board: [0, 1] });
    expect(all.entries.map((e) => e.model_info.model_id)).toEqual(['org/model-a']);
    // Verified only: model-a's no-tools value drops, so it has MMLU-Pro alone and is left out; model-b has nothing left.
    const verified = await api.leaderboards.mean({ keys, limit: 50, verified_only: true });
    expect(verified).toMatchObject({ ranked: 0, left_out: 1, missing_by_board: [0, 1], entries: [] });

    const values = await api.leaderboards.values({ key: keys[0] });
    expect(values.model_ids).toEqual(['org/model-a', 'org/model-b']);
    const verifiedValues = await api.leaderboards.values({ key: keys[0], verified_only: true });
    expect(verifiedValues).toMatchObject({ model_ids: ['org/model-a'], total_entries: 1, verified: [0] });
    expect(verifiedValues.values).toEqual([values.values[0]]);
  });

  it('keeps only models without a declared base model when base_models_only is set', async () => {
    const withFineTunes = await openWith({ fineTunes: true, lookups: 10 });
    try {
      await withFineTunes.refresh().promise;
      const caller = callerFor(withFineTunes, clock);
      const ids = async (extra: Record<string, unknown>) =>
        (await caller.leaderboards.list({ task_type: TASK, dataset_name: 'GPQA · gpqa_diamond', limit: 50, ...extra })).leaderboards[0].entries.map((e) => e.model_info.model_id);
      expect(await ids({})).toEqual(['org/model-b', 'late/model-l', 'fine/tune-f']);
      expect(await ids({ base_models_only: true })).toEqual(['org/model-b', 'late/model-l']);
      expect((await caller.models.byId({ model_id: 'fine/tune-f' })).model_info.base_models).toEqual(['org/model-a']);
      const listed = await caller.models.list({ base_models_only: 'true' as unknown as boolean, limit: 500 });
      expect(listed.items.map((r) => r.model_info.model_id)).not.toContain('fine/tune-f');
    } finally {
      await withFineTunes.close();
    }
  });

  it('uses the Community Evals a listing carries when the Hub fills them there', async () => {
    const filling = await startFakeHub({ models: communityEvalsModels(), benchmarks: [], evalResultsOnListings: true });
    try {
      const fetchFromHub = createHubFetcher({ endpoint: filling.url, tasks: [TASK], maxModelsPerTask: 2, retries: 1, sleep: async () => undefined, now: clock, benchmarks: 'none' });
      const c = await openTestCache({ dir: await temp.make(), bundled: snapshotOf([]), fetchFromHub, clock });
      try {
        await c.refresh().promise;
        const results = (await callerFor(c, clock).models.byId({ model_id: 'org/model-a' })).evaluation_results;
        // The fixture's model-a publishes HLE 12.5 (a 0–100 value) in .eval_results/hle.yaml, dated 2026-03-01.
        expect(results.find((r) => r.benchmark === 'cais/hle')).toMatchObject({
          source: 'community-evals',
          dataset_name: "Humanity's Last Exam",
          value: 0.125,
          eval_date: '2026-03-01T00:00:00.000Z',
          eval_file: '.eval_results/hle.yaml',
          source_url: 'https://example.org/hle-a',
        });
      } finally {
        await c.close();
      }
    } finally {
      await filling.close();
    }
  });

  it('reports the request budget’s waits in the refresh progress, with benchmarks and lookups done and left', async () => {
    let t = T0;
    const fetcher = createHubFetcher({
      endpoint: hub.url,
      tasks: [TASK],
      maxModelsPerTask: 2,
      retries: 1,
      requestBudget: { limit: 4, windowMs: 60_000 },
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
      benchmarks: 'official',
      benchmarkModelLookups: 10,
      crawlState: createMemoryCrawlStateStore(),
    });
    const updates: Partial<RefreshProgress>[] = [];
    const snapshot = await fetcher({ signal: new AbortController().signal, onProgress: (u) => updates.push(u) });
    // 1 task listing + 1 benchmark listing + 4 eval.yaml + 4 leaderboards + 2 lookups = 12 requests at 4 per
    // minute: the task listing takes one slot of the first window, the crawl waits for two new windows.
    const waits = updates.filter((u) => u.waiting_ms !== undefined && u.benchmarks_total === undefined);
    expect(waits).toHaveLength(2);
    for (const w of waits) expect(w.message).toMatch(/^request budget used up; waiting \d+ s$/);
    expect(updates.at(-1)).toMatchObject({ benchmarks_total: 4, benchmarks_done: 4, models_done: 2, models_left: 0, waiting_ms: undefined });
    expect(snapshot.community_evals).toMatchObject({ crawl_complete: true, models_pending: 0 });
  });

  it('keeps benchmarks, provenance and the crawl report through an export and an import', async () => {
    const exported = await api.snapshot.export();
    const file = SnapshotFileSchema.parse(JSON.parse(JSON.stringify(exported)));
    expect(file.benchmarks?.map((b) => b.id)).toContain('Idavidrein/gpqa');
    expect(file.community_evals?.benchmarks_listed).toBe(4);
    const before = await resultsOf('org/model-a');
    const other = await openTestCache({ dir: await temp.make(), bundled: snapshotOf([]), offline: true, clock: () => T0 });
    try {
      await other.importSnapshot(file);
      const imported = callerFor(other, () => T0);
      expect((await imported.models.byId({ model_id: 'org/model-a' })).evaluation_results).toEqual(before);
      expect((await imported.benchmarkCatalog.list({})).benchmarks.map((b) => b.id)).toEqual((await api.benchmarkCatalog.list({})).benchmarks.map((b) => b.id));
    } finally {
      await other.close();
    }
  });
});
