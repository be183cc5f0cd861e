// benchmarks.get through createCaller: the seed's one-blob answer (force_refresh accepted, starting
// nothing), and the synthetic twin only when asked for.
import { describe, expect, it } from 'vitest';
import { FORCE_REFRESH_HINT } from '../../src/api/benchmarksRouter.js';
import { SEED_LEADERBOARD_ENTRIES } from '../../src/api/datasetQueries.js';
import { callerFor, countingFetcher, createTestClock, T0, useTestCaches } from '../support/testCache.js';
import { hubModel, snapshotOf } from '../support/testSnapshots.js';

// Twelve SST-2 models (accuracy 0.80 … 0.91) and one without results.
const MODELS = [
  ...Array.from({ length: 12 }, (_, i) => hubModel({ id: `cls/m${i}`, task: 'text-classification', results: [{ dataset: 'sst2', metric: 'accuracy', value: Number((0.8 + 0.01 * i).toFixed(2)) }] })),
  hubModel({ id: 'cls/empty', task: 'text-classification' }),
];
const BUNDLED = snapshotOf(MODELS);
const HUB = snapshotOf([hubModel({ id: 'hub/new', task: 'text-classification', results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.5 }] })], {
  origin: 'hub',
  fetched_at: new Date(T0).toISOString(),
});

const { open } = useTestCaches('benchmarks-router', () => ({ bundled: BUNDLED, clock: createTestClock() }));

describe('benchmarksRouter', () => {
  it('returns every record and cuts each leaderboard to its top 10 entries when asked for the seed blob', async () => {
    const body = await callerFor(await open({ offline: true })).benchmarks.get({});
    expect(body.data).toHaveLength(13);
    expect(body.includes_synthetic).toBe(false);
    expect(body.refresh_started).toBeUndefined();
    const [board] = body.leaderboards;
    expect(SEED_LEADERBOARD_ENTRIES).toBe(10);
    expect(board.entries).toHaveLength(10);
    expect(board.total_entries).toBe(12);
    expect(body.summary.total_models).toBe(13);
  });

  it('starts no refresh and answers from the data at hand with refresh_started false when force_refresh is true', async () => {
    const fetcher = countingFetcher(() => HUB);
    const cache = await open({ fetchFromHub: fetcher });
    await cache.refresh().promise; // fresh data: reading it nudges no background refresh either
    const body = await callerFor(cache).benchmarks.get({ force_refresh: 'true' as never });
    expect(fetcher.calls).toBe(1);
    expect(cache.status().refresh_in_progress).toBe(false);
    expect(body).toMatchObject({ refresh_started: false, refresh_hint: FORCE_REFRESH_HINT });
    expect(body.data.map((r) => r.model_info.model_id)).toContain('hub/new');
  });

  it('starts no refresh when force_refresh is the string "false" and the data is fresh', async () => {
    const fetcher = countingFetcher(() => HUB);
    const cache = await open({ fetchFromHub: fetcher });
    await cache.refresh().promise; // fresh at T0 on the test clock, so reads start no background refresh
    const caller = callerFor(cache);
    for (const force_refresh of ['false', '0', false] as never[]) await caller.benchmarks.get({ force_refresh });
    expect(fetcher.calls).toBe(1);
    expect(cache.status().refresh_in_progress).toBe(false);
  });

  it('answers from the synthetic twin, marked so, only when include_synthetic is true', async () => {
    const caller = callerFor(await open({ offline: true }));
    const plain = await caller.benchmarks.get({ include_synthetic: false });
    const synth = await caller.benchmarks.get({ include_synthetic: true });
    expect(synth.includes_synthetic).toBe(true);
    expect(synth.dataset_version).toMatch(/-synthetic$/);
    expect(plain.dataset_version).not.toMatch(/synthetic/);
    const empty = synth.data.find((r) => r.model_info.model_id === 'cls/empty')!;
    expect(empty.evaluation_results.map((r) => r.source)).toEqual(['synthetic']);
    expect(plain.data.find((r) => r.model_info.model_id === 'cls/empty')!.evaluation_results).toEqual([]);
  });
});
