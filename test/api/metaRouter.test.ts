// `/` and `/health` through createCaller: what the service is and whether it is serving.
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src/api/appRouter.js';
import { SEED_ENDPOINTS } from '../../src/api/metaRouter.js';
import { appInfo } from '../../src/appInfo.js';
import { createBenchmarkCache, type BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import { createDatasetFileStore } from '../../src/cache/createDatasetFileStore.js';
import { createMemoryStore } from '../../src/cache/storagePort.js';
import { callerFor, createTestClock, T0, testContext, useSharedTestCache } from '../support/testCache.js';
import { snapshotOf, SST2_MODELS } from '../support/testSnapshots.js';

let cache: BenchmarkCache;
const temp = useSharedTestCache('meta-router', { bundled: snapshotOf(SST2_MODELS), offline: true }, (c) => {
  cache = c;
});

describe('metaRouter', () => {
  it('lists the seed’s five endpoints among its endpoints when asked at /', async () => {
    const root = await callerFor(cache).meta.root();
    expect(root).toMatchObject({ version: appInfo().version, docs: '/docs', redoc: '/redoc', openapi: '/openapi.json' });
    expect(Object.values(root.endpoints)).toEqual(expect.arrayContaining(['/', '/health', '/api/benchmarks', '/api/refresh', '/api/cache-status']));
    expect(root.endpoints).toEqual({ ...SEED_ENDPOINTS });
  });

  it('reports healthy with a boolean cache_valid and uptime from the injected clock when data is loaded', async () => {
    const clock = createTestClock();
    const caller = callerFor(cache, clock); // started at T0
    clock.advance(90_000);
    const health = await caller.meta.health();
    expect(health).toEqual({
      status: 'healthy',
      cache_valid: false, // only the bundled snapshot: never refreshed, so not within the TTL
      timestamp: new Date(T0 + 90_000).toISOString(),
      version: appInfo().version,
      uptime_seconds: 90, // 90_000 ms on the injected clock
      cache: { has_data: true, cache_valid: false, source: 'snapshot', data_count: 3, refresh_in_progress: false, loading: false },
    });
  });

  it('reports unhealthy when no data could be loaded', async () => {
    const empty = createBenchmarkCache({ store: createMemoryStore(), files: createDatasetFileStore({ dir: await temp.make() }), loadBundled: async () => snapshotOf([]), ttlMinutes: 60, offline: true });
    await empty.start();
    const health = await createCaller(testContext(empty)()).meta.health();
    expect(health.status).toBe('unhealthy');
    expect(health.cache).toMatchObject({ has_data: false, data_count: 0 });
  });
});
