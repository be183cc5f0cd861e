// The benchmark crawl against the fake Hub over real HTTP: official listing, eval.yaml, leaderboards,
// metadata lookups of models met only on leaderboards in rank order within a per-refresh budget,
// saved progress that a later run continues after an abort, and bad input counted, never fatal.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCrawlStateStore, createCrawlStateFile, CRAWL_STATE_FILE_NAME } from '../../src/hub/benchmarkCrawlState.js';
import { createHubClient } from '../../src/hub/createHubClient.js';
import { fetchBenchmarks, type FetchBenchmarksOptions } from '../../src/hub/fetchBenchmarks.js';
import { communityEvalsBenchmarks, communityEvalsModels } from '../support/communityEvalsFixture.js';
import { startFakeHub, type FakeHub } from '../support/fakeHub.js';
import { createTempDirs } from '../support/tempDirs.js';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const temp = createTempDirs('fetch-benchmarks');
let hub: FakeHub;
beforeAll(async () => {
  hub = await startFakeHub({ models: communityEvalsModels(), benchmarks: communityEvalsBenchmarks() });
});
afterAll(async () => {
  await hub.close();
  await temp.cleanup();
});
beforeEach(() => {
  hub.setFaults({});
  hub.setBenchmarks(communityEvalsBenchmarks());
  hub.clearRequests();
});

// The task listing (MAX_MODELS_PER_TASK=2) has these two already.
const KNOWN = new Set(['org/model-a', 'org/model-b']);
const client = (token?: string) => createHubClient({ endpoint: hub.url, timeoutMs: 2_000, retries: 1, sleep: async () => undefined, token });
const run = (options: Partial<FetchBenchmarksOptions> = {}, token?: string) =>
  fetchBenchmarks(client(token), { selection: 'official', fineTunes: false, maxLookups: 200, knownModels: KNOWN, state: createMemoryCrawlStateStore(), ...options });
const paths = () => hub.requests.map((r) => `${r.path}${r.query.get('base_model') ? `?base_model=${r.query.get('base_model')}` : ''}`);

describe('fetchBenchmarks', () => {
  it('reads every official benchmark’s eval.yaml and leaderboard, then the models met only there, when the Hub answers', async () => {
    const result = await run();
    // 1 listing + 4 eval.yaml + 4 leaderboards + 2 lookups (late/model-l, late/model-m): see the fixture's rows.
    expect(hub.requestCount()).toBe(11);
    expect(paths().filter((p) => p.startsWith('/api/models/')).sort()).toEqual(['/api/models/late/model-l', '/api/models/late/model-m']);
    // In the order the Hub lists them.
    expect(result.benchmarks.map((b) => [b.id, b.eval_yaml, b.tasks.map((t) => t.id)])).toEqual([
      ['Idavidrein/gpqa', 'read', ['gpqa_diamond', 'gpqa_main']],
      ['TIGER-Lab/MMLU-Pro', 'read', ['mmlu_pro']],
      ['broken/yaml-bench', 'invalid', []],
      ['someorg/no-yaml-bench', 'missing', []],
    ]);
    const gpqa = result.benchmarks.find((b) => b.id === 'Idavidrein/gpqa')!;
    expect(gpqa).toMatchObject({ name: 'GPQA', evaluation_framework: 'inspect-ai', official: true, leaderboard_rows: 10, extra: { future_field: 'kept' } });
    expect(gpqa.description).toMatch(/Graduate-level/);
    // Counted from the fixture: GPQA has one row of each kind of damage; no-yaml-bench one row without a task.
    expect(result.report).toMatchObject({
      benchmarks_listed: 4,
      benchmarks_read: 4,
      without_eval_yaml: 1,
      failed: [],
      leaderboard_rows: 14,
      skipped: {
        row_non_numeric_value: 1,
        row_without_model_id: 1,
        row_not_an_object: 1,
        row_task_not_named: 2,
        row_unknown_fields_ignored: 1,
        row_source_without_url: 1,
        task_without_id: 1,
        duplicate_task: 1,
        eval_yaml_not_yaml: 1,
        benchmark_without_eval_yaml: 1,
      },
      models_looked_up: 2,
      models_pending: 0,
      crawl_complete: true,
    });
    // Rows become Hub evalResults entries: rank, task, provenance.
    const a = result.models.get('org/model-a')!;
    expect(a.entries[0]).toEqual({
      rank: 1,
      verified: true,
      filename: '.eval_results/gpqa.yaml',
      data: { dataset: { id: 'Idavidrein/gpqa', task_id: 'gpqa_diamond' }, value: 72.5, notes: 'tools', source: { url: 'https://example.org/logs/a-tools', name: 'inspect logs' } },
    });
    expect(result.models.get('org/model-b')!.entries.find((e) => e.pullRequest === 7)).toBeDefined();
    expect(result.models.get('late/model-l')).toMatchObject({ pending: false, metadata: { id: 'late/model-l', safetensors: { total: 70_553_706_496 } } });
    expect(result.models.has('fine/tune-f')).toBe(false);
  });

  it('asks leaderboards for fine-tunes too when fineTunes is set', async () => {
    const result = await run({ fineTunes: true });
    expect(paths().filter((p) => p.includes('/leaderboard')).every((p) => p.endsWith('?base_model=false'))).toBe(true);
    expect(result.models.get('fine/tune-f')).toMatchObject({ pending: false, metadata: { cardData: { base_model: 'org/model-a' } } });
  });

  it('reads only the listed benchmarks, official or not, when given ids', async () => {
    const result = await run({ selection: ['other/unofficial'] });
    expect(paths()).toEqual(['/datasets/other/unofficial/resolve/main/eval.yaml', '/api/datasets/other/unofficial/leaderboard']);
    expect(result.benchmarks).toMatchObject([{ id: 'other/unofficial', name: 'Unofficial', tasks: [{ id: 't' }] }]);
    expect(result.benchmarks[0].official).toBeUndefined();
  });

  it('spends at most maxLookups on metadata, best rank first, and the next run continues with the rest', async () => {
    const state = createMemoryCrawlStateStore();
    const first = await run({ maxLookups: 1, state });
    // late/model-l is on GPQA rank 4, late/model-m on rank 9: the better rank goes first.
    expect(paths().filter((p) => p.startsWith('/api/models/'))).toEqual(['/api/models/late/model-l']);
    expect(first.models.get('late/model-m')).toMatchObject({ pending: true });
    expect(first.report).toMatchObject({ models_looked_up: 1, models_pending: 1, crawl_complete: false });

    hub.clearRequests();
    const second = await run({ maxLookups: 1, state });
    // The benchmarks of this crawl were read: only the lookup that was left.
    expect(paths()).toEqual(['/api/models/late/model-m']);
    expect(second.models.get('late/model-m')).toMatchObject({ pending: false, metadata: { id: 'late/model-m' } });
    expect(second.report).toMatchObject({ models_looked_up: 2, models_pending: 0, crawl_complete: true });

    hub.clearRequests();
    await run({ maxLookups: 1, state });
    // A finished crawl starts over with the leaderboards; metadata already read is kept.
    expect(paths().filter((p) => p.startsWith('/api/models/'))).toEqual([]);
    expect(hub.requestCount()).toBe(9);
  });

  it('continues after an abort mid-crawl from the saved state, without asking for what it already has', async () => {
    const dir = await temp.make();
    const state = createCrawlStateFile({ dir });
    hub.setFaults({ latencyMs: 30 });
    const controller = new AbortController();
    const aborted = run({ state, signal: controller.signal });
    // Abort once the first lookup is on its way: every benchmark has been read by then.
    await vi_waitFor(() => hub.requests.some((r) => r.path.startsWith('/api/models/')));
    controller.abort();
    await expect(aborted).rejects.toThrow(/abort/i);
    const saved = JSON.parse(await readFile(path.join(dir, CRAWL_STATE_FILE_NAME), 'utf8'));
    expect(Object.keys(saved.benchmarks)).toHaveLength(4);
    expect(saved.complete).toBe(false);

    hub.setFaults({});
    hub.clearRequests();
    // A new process: a fresh store on the same file.
    const resumed = await run({ state: createCrawlStateFile({ dir }) });
    expect(paths().every((p) => p.startsWith('/api/models/'))).toBe(true);
    expect(hub.requestCount()).toBeLessThanOrEqual(2);
    expect(resumed.report).toMatchObject({ benchmarks_read: 4, models_pending: 0, crawl_complete: true });
  });

  it('moves an unreadable state file aside and starts over', async () => {
    const dir = await temp.make();
    await writeFile(path.join(dir, CRAWL_STATE_FILE_NAME), '{"version": 1, "crawl_id": 5');
    const messages: string[] = [];
    const result = await run({ state: createCrawlStateFile({ dir, log: (m) => messages.push(m) }) });
    expect(result.report.crawl_complete).toBe(true);
    expect(messages[0]).toMatch(/could not be read.*moved to .*corrupt/);
  });

  it('reports a gated benchmark as failed, naming HF_TOKEN, and reads it with a token', async () => {
    hub.setBenchmarks([{ id: 'gated/bench', official: true, gated: true, evalYaml: 'name: Gated\ntasks:\n  - id: g\n', leaderboard: [{ rank: 1, modelId: 'org/model-a', value: 0.5, verified: false }] }]);
    const anonymous = await run();
    expect(anonymous.report.failed).toEqual([{ benchmark: 'gated/bench', reason: expect.stringContaining('HF_TOKEN') }]);
    expect(anonymous.report.crawl_complete).toBe(false);
    const withToken = await run({}, 'hf_test_token');
    expect(withToken.report.failed).toEqual([]);
    expect(withToken.benchmarks).toMatchObject([{ id: 'gated/bench', name: 'Gated', leaderboard_rows: 1 }]);
  });

  it('keeps a benchmark’s last rows when reading it fails in a later crawl', async () => {
    const state = createMemoryCrawlStateStore();
    await run({ state, selection: ['TIGER-Lab/MMLU-Pro'] });
    hub.setFaults({ serverError: { times: Number.POSITIVE_INFINITY } });
    const again = await run({ state, selection: ['TIGER-Lab/MMLU-Pro'] });
    expect(again.report.failed).toHaveLength(1);
    expect(again.models.get('org/model-a')?.entries).toHaveLength(1);
  });
});

async function vi_waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
