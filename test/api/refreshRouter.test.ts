// refresh.start / refresh.status / refresh.events through createCaller, with counting fetchers:
// start or join one refresh, read the cache state, watch progress to the end.
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src/api/appRouter.js';
import { createMemoryStore } from '../../src/cache/storagePort.js';
import { callerFor, countingFetcher, createTestClock, T0, testContext, useTestCaches } from '../support/testCache.js';
import { hubModel, snapshotOf, SST2_MODELS } from '../support/testSnapshots.js';

const BUNDLED = snapshotOf(SST2_MODELS);
const HUB = snapshotOf([hubModel({ id: 'hub/one', task: 'text-classification', results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.7 }] })], {
  origin: 'hub',
  fetched_at: new Date(T0).toISOString(),
});

const { open } = useTestCaches('refresh-router', () => ({ bundled: BUNDLED }));

describe('refreshRouter', () => {
  it('starts one refresh and joins it on the next call while it runs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fetcher = countingFetcher(async () => {
      await gate;
      return HUB;
    });
    const clock = createTestClock();
    const cache = await open({ clock, fetchFromHub: fetcher });
    const caller = callerFor(cache, clock);
    expect(await caller.refresh.start()).toEqual({ message: 'Refresh started in the background', timestamp: new Date(T0).toISOString(), started: true, refresh_in_progress: true });
    expect(await caller.refresh.start({})).toMatchObject({ message: 'A refresh is already running; joined it', started: false, refresh_in_progress: true });
    expect((await caller.refresh.status()).refresh_in_progress).toBe(true);
    release();
    await cache.refresh().promise;
    expect(fetcher.calls).toBe(1);
    expect(await caller.refresh.status()).toMatchObject({ refresh_in_progress: false, source: 'hub', data_count: 4, last_outcome: { status: 'ok' }, last_error: null });
  });

  it('yields the status first, then progress, then the outcome when a refresh runs during a subscription', async () => {
    const cache = await open({ clock: createTestClock(), fetchFromHub: countingFetcher(() => HUB) });
    const controller = new AbortController();
    const caller = createCaller(testContext(cache)(), { signal: controller.signal });
    const events = await caller.refresh.events();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const e of events) {
        seen.push(e.type === 'progress' ? `progress:${e.progress.phase}` : e.type);
        if (e.type === 'status') cache.refresh();
        if (e.type === 'done') {
          expect(e.outcome.status).toBe('ok');
          expect(e.status.source).toBe('hub');
          controller.abort();
        }
      }
    })();
    await reading;
    expect(seen[0]).toBe('status');
    expect(seen.slice(1, 2)).toEqual(['progress:fetching']);
    expect(seen.at(-1)).toBe('done');
  });

  it('answers cache-status with last_outcome null when the stored outcome is not an outcome', async () => {
    // A state file hand-edited or written by another version: a value of the wrong shape.
    const cache = await open({ offline: true, store: createMemoryStore({ 'refresh.lastOutcome': { status: 'ok' } }) });
    const status = await callerFor(cache).refresh.status();
    expect(status.last_outcome).toBeNull();
  });
});
