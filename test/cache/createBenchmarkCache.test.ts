// The TTL cache and refresh coordinator over real files in a temp dir, a hand-moved clock, and
// either counting fetchers or the fake Hub over real HTTP through createHubFetcher.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BusyError, createBenchmarkCache, OfflineError, type BenchmarkCache, type HubFetcher } from '../../src/cache/createBenchmarkCache.js';
import { createConfStore } from '../../src/cache/createConfStore.js';
import { createDatasetFileStore, DATASET_FILE_NAME } from '../../src/cache/createDatasetFileStore.js';
import { createHubFetcher } from '../../src/cache/createHubFetcher.js';
import { createMemoryStore } from '../../src/cache/storagePort.js';
import { readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';
import { makeHubModels, startFakeHub, type FakeHub } from '../support/fakeHub.js';
import { STACK_TRACE } from '../support/httpRequest.js';
import { createTempDirs } from '../support/tempDirs.js';
import { callerFor, countingFetcher, createTestClock, gated, openTestCache, T0 } from '../support/testCache.js';
import { hubModel, snapshotOf, SST2_MODELS, WER_MODELS } from '../support/testSnapshots.js';

const TTL_MINUTES = 60;
const TTL_MS = TTL_MINUTES * 60_000; // 3_600_000
const noSleep = async () => undefined;

/** The "bundled" layer of these tests: 4 speech models + 3 text-classification models. */
const BUNDLED = snapshotOf([...WER_MODELS, ...SST2_MODELS], { fetched_at: '2026-08-01T00:00:00.000Z' });
const BUNDLED_COUNT = WER_MODELS.length + SST2_MODELS.length; // 7

/** A first and a second fetch from the Hub: two new models, then one more. */
const HUB_A = snapshotOf(
  [
    hubModel({ id: 'hub/one', task: 'text-classification', downloads: 10, results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.8 }] }),
    hubModel({ id: 'hub/two', task: 'text-classification', downloads: 20, results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.85 }] }),
  ],
  { origin: 'hub', fetched_at: new Date(T0).toISOString() },
);
const HUB_B = snapshotOf([...HUB_A.models, hubModel({ id: 'hub/three', task: 'text-classification', downloads: 30 })], {
  origin: 'hub',
  fetched_at: new Date(T0 + TTL_MS).toISOString(),
});

const ids = (cache: BenchmarkCache) => cache.current().records.map((r) => r.model_info.model_id).sort();

const temp = createTempDirs('benchmark-cache');
const open: BenchmarkCache[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await temp.cleanup();
});

async function openCache(options: Omit<Parameters<typeof openTestCache>[0], 'dir' | 'bundled'> & { dir?: string } = {}) {
  const cache = await openTestCache({ bundled: BUNDLED, ttlMinutes: TTL_MINUTES, ...options, dir: options.dir ?? (await temp.make()) });
  open.push(cache);
  return cache;
}

describe('createBenchmarkCache', () => {
  it('serves the bundled snapshot at once, marked stale, when nothing was fetched yet', async () => {
    const clock = createTestClock();
    const cache = await openCache({ clock, offline: true });
    const s = cache.status();
    expect(s).toMatchObject({ has_data: true, data_count: BUNDLED_COUNT, source: 'snapshot', stale: true, cache_valid: false, last_refresh_at: null, expires_at: null, ttl_minutes: 60 });
    expect(s.last_updated).toBe('2026-08-01T00:00:00.000Z'); // the bundled layer's fetched_at
  });

  it('stays valid until exactly ttl_minutes after the last refresh and turns stale then', async () => {
    const clock = createTestClock();
    const fetcher = countingFetcher(() => HUB_A);
    const cache = await openCache({ clock, fetchFromHub: fetcher });
    const outcome = await cache.refresh().promise;
    expect(outcome.status).toBe('ok');
    expect(cache.status()).toMatchObject({
      source: 'hub',
      cache_valid: true,
      stale: false,
      last_refresh_at: new Date(T0).toISOString(),
      expires_at: new Date(T0 + TTL_MS).toISOString(), // 60 min × 60_000 ms after the refresh
    });

    clock.advance(TTL_MS - 1);
    expect(cache.status().cache_valid).toBe(true);
    expect(cache.maybeRefreshInBackground()).toBe(false);

    clock.advance(1);
    expect(cache.status()).toMatchObject({ cache_valid: false, stale: true });
    expect(fetcher.calls).toBe(1);
  });

  it('serves stale data at once, marked stale, while exactly one background refresh runs when the TTL has passed', async () => {
    const clock = createTestClock();
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const fetcher = countingFetcher(async (call) => {
      if (call === 1) return HUB_A;
      await gate;
      return HUB_B;
    });
    const cache = await openCache({ clock, fetchFromHub: fetcher });
    await cache.refresh().promise;
    const before = cache.current();
    clock.advance(TTL_MS);

    // Five reads of stale data: the first starts the refresh, the others only read.
    const started = Array.from({ length: 5 }, () => cache.maybeRefreshInBackground());
    expect(started).toEqual([true, false, false, false, false]);
    expect(cache.current()).toBe(before);
    expect(cache.status()).toMatchObject({ stale: true, cache_valid: false, refresh_in_progress: true });

    // Through the router too: the answer comes from the stale version while the Hub is still busy.
    const caller = callerFor(cache, clock);
    const page = await caller.models.list({ limit: 500 });
    expect(page.total).toBe(BUNDLED_COUNT + HUB_A.models.length);
    expect((await caller.refresh.status()).stale).toBe(true);
    expect(fetcher.calls).toBe(2);

    openGate();
    const joined = cache.refresh();
    expect(joined.started).toBe(false);
    expect((await joined.promise).status).toBe('ok');
    expect(cache.current()).not.toBe(before);
    expect(ids(cache)).toContain('hub/three');
    expect(cache.status()).toMatchObject({ stale: false, cache_valid: true, refresh_in_progress: false });
    expect(fetcher.calls).toBe(2);
  });

  it('starts no refresh when stale data is read, and keepFresh starts one once the data has expired', async () => {
    const clock = createTestClock();
    const fetcher = countingFetcher((call) => (call === 1 ? HUB_A : HUB_B));
    const cache = await openCache({ clock, fetchFromHub: fetcher });
    await cache.refresh().promise;
    clock.advance(TTL_MS);

    // Reads of expired data through the router: answered, nothing started (a GET has no side effect).
    const caller = callerFor(cache, clock);
    await caller.models.list({ limit: 5 });
    await caller.leaderboards.list({});
    expect(cache.status()).toMatchObject({ stale: true, refresh_in_progress: false });
    expect(fetcher.calls).toBe(1);

    // The schedule: one check at once (the data is stale, so the second fetch starts), then every 10 ms.
    const done = new Promise<void>((resolve) => cache.subscribe((e) => e.type === 'done' && resolve()));
    cache.keepFresh(10);
    expect(cache.status().refresh_in_progress).toBe(true);
    await done;
    expect(fetcher.calls).toBe(2);
    expect(ids(cache)).toContain('hub/three');

    // Fresh again: checks start nothing until the TTL has passed once more.
    await new Promise((r) => setTimeout(r, 50));
    expect(fetcher.calls).toBe(2);
    const next = new Promise<void>((resolve) => cache.subscribe((e) => e.type === 'done' && resolve()));
    clock.advance(TTL_MS);
    await next;
    expect(fetcher.calls).toBe(3);
  });

  it('keeps the last good data and records a readable error when a refresh fails', async () => {
    const clock = createTestClock();
    const fetcher = countingFetcher((call) => {
      if (call === 1) return HUB_A;
      throw new Error('Hub answered HTTP 503 to model list "text-classification" page 1 (after 6 attempts)');
    });
    const cache = await openCache({ clock, fetchFromHub: fetcher });
    await cache.refresh().promise;
    const good = cache.current();
    clock.advance(TTL_MS);

    const outcome = await cache.refresh().promise;
    expect(outcome).toMatchObject({ status: 'failed', reason: 'Hub refresh failed: Hub answered HTTP 503 to model list "text-classification" page 1 (after 6 attempts)' });
    expect(cache.current()).toBe(good);
    const s = cache.status();
    expect(s).toMatchObject({ source: 'hub', has_data: true, last_refresh_at: new Date(T0).toISOString(), last_outcome: { status: 'failed' } });
    expect(s.last_error).toBe(outcome.reason);
    expect(s.last_error).not.toMatch(STACK_TRACE);
  });

  it('keeps the current data when the Hub answers with no models at all', async () => {
    const fetcher = countingFetcher((call) => (call === 1 ? HUB_A : snapshotOf([], { origin: 'hub' })));
    const cache = await openCache({ clock: createTestClock(), fetchFromHub: fetcher });
    await cache.refresh().promise;
    const good = cache.current();
    const outcome = await cache.refresh().promise;
    expect(outcome).toMatchObject({ status: 'failed', reason: 'the Hub returned no models; keeping the current data' });
    expect(cache.current()).toBe(good);
  });

  it('waits retryAfterFailureMs before a stale read asks the Hub again when the last refresh failed', async () => {
    const clock = createTestClock();
    const fetcher = countingFetcher(() => {
      throw new Error('connection refused');
    });
    // Default wait: min(TTL, 5 min) = 300_000 ms.
    const cache = await openCache({ clock, fetchFromHub: fetcher });
    expect(cache.maybeRefreshInBackground()).toBe(true);
    await cache.refresh().promise.catch(() => undefined); // joins the background run
    expect(fetcher.calls).toBe(1);
    clock.advance(300_000 - 1);
    expect(cache.maybeRefreshInBackground()).toBe(false);
    clock.advance(1);
    expect(cache.maybeRefreshInBackground()).toBe(true);
  });

  it('persists a refresh and serves its data and timestamps after a restart on the same directory', async () => {
    const dir = await temp.make();
    const clock = createTestClock();
    const first = await openCache({ dir, clock, store: createConfStore({ dir }).store, fetchFromHub: countingFetcher(() => HUB_A) });
    const outcome = await first.refresh().promise;
    const before = { ids: ids(first), status: first.status() };
    await first.close();

    clock.advance(10 * 60_000); // restarted ten minutes later, still within the 60-minute TTL
    const fetcher = countingFetcher(() => HUB_B);
    const second = await openCache({ dir, clock, store: createConfStore({ dir }).store, fetchFromHub: fetcher });
    expect(ids(second)).toEqual(before.ids);
    expect(ids(second)).toEqual(expect.arrayContaining(['hub/one', 'hub/two']));
    expect(second.status()).toMatchObject({
      source: 'hub',
      cache_valid: true,
      data_count: before.status.data_count,
      last_refresh_at: new Date(T0).toISOString(),
      expires_at: new Date(T0 + TTL_MS).toISOString(),
      last_updated: HUB_A.fetched_at,
      last_outcome: JSON.parse(JSON.stringify(outcome)), // as stored: keys holding undefined are dropped
    });
    expect(second.maybeRefreshInBackground()).toBe(false);
    expect(fetcher.calls).toBe(0);
  });

  it('moves a corrupt dataset file aside, starts from the snapshot and says so in status().recovered', async () => {
    const dir = await temp.make();
    const file = join(dir, DATASET_FILE_NAME);
    const garbage = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('not really gzip')]);
    await writeFile(file, garbage);
    const cache = createBenchmarkCache({
      store: createMemoryStore(),
      files: createDatasetFileStore({ dir, now: () => new Date(T0) }),
      loadBundled: async () => BUNDLED,
      ttlMinutes: TTL_MINUTES,
      offline: true,
    });
    open.push(cache);
    await cache.start();

    const moved = `${file}.corrupt-2026-09-01T00-00-00-000Z`; // T0 with ':' and '.' made file-name safe
    expect(await readdir(dir)).toEqual([`${DATASET_FILE_NAME}.corrupt-2026-09-01T00-00-00-000Z`]);
    expect(await readFile(moved)).toEqual(garbage);
    const s = cache.status();
    expect(s).toMatchObject({ source: 'snapshot', has_data: true, data_count: BUNDLED_COUNT });
    expect(s.recovered).toEqual([{ file, movedTo: moved, reason: expect.stringContaining(file), at: new Date(T0).toISOString() }]);
  });

  it('moves the dataset file aside when it is valid gzip JSON but not a snapshot', async () => {
    const dir = await temp.make();
    const bytes = gzipSync(JSON.stringify({ hello: 'world' }));
    await writeFile(join(dir, DATASET_FILE_NAME), bytes);
    const cache = await openCache({ dir, offline: true });
    const [notice] = cache.status().recovered;
    expect(notice.reason).toMatch(/format/);
    expect(await readFile(notice.movedTo!)).toEqual(bytes);
    expect(cache.status().source).toBe('snapshot');
  });

  it('reports the state file createConfStore moved aside in status().recovered when it was corrupt', async () => {
    const dir = await temp.make();
    await writeFile(join(dir, 'state.json'), '{"refresh.lastSuccessAt": "2026-');
    const opened = createConfStore({ dir, now: () => new Date(T0) });
    expect(opened.recovered).toBeDefined();
    const cache = await openCache({ dir, offline: true, store: opened.store, recovered: [opened.recovered!] });
    expect(cache.status().recovered).toEqual([opened.recovered]);
    expect(cache.status().last_refresh_at).toBeNull();
  });

  it('never calls the fetcher and refuses refresh() with OfflineError when offline', async () => {
    const clock = createTestClock();
    const fetcher = countingFetcher(() => HUB_A);
    const cache = await openCache({ clock, offline: true, fetchFromHub: fetcher });
    expect(() => cache.refresh()).toThrow(OfflineError);
    expect(() => cache.refresh()).toThrow('offline mode: the Hub is not contacted');
    clock.advance(10 * TTL_MS);
    expect(cache.maybeRefreshInBackground()).toBe(false);
    expect(cache.status()).toMatchObject({ offline: true, stale: true, refresh_in_progress: false });

    // The router's answers in offline mode: served from the snapshot, the refresh refused in words.
    const caller = callerFor(cache, clock);
    expect(await caller.refresh.start()).toMatchObject({ started: false, refresh_in_progress: false, message: expect.stringContaining('offline mode') });
    const body = await caller.benchmarks.get({ force_refresh: true });
    expect(body.refresh_started).toBe(false);
    expect(body.data).toHaveLength(BUNDLED_COUNT);
    expect(fetcher.calls).toBe(0);
  });

  it('refuses refresh() with OfflineError when no Hub client is configured', async () => {
    const cache = await openCache({ clock: createTestClock() });
    expect(() => cache.refresh()).toThrow(new OfflineError('no Hub client is configured'));
    expect(cache.maybeRefreshInBackground()).toBe(false);
  });

  it('marks every invented value source "synthetic" and leaves the default version without any when withSynthetic is asked for', async () => {
    const cache = await openCache({ offline: true });
    const plain = cache.current();
    const synthetic = cache.withSynthetic();
    expect(cache.withSynthetic()).toBe(synthetic); // built once per version

    const allResults = (v: typeof plain) => v.records.flatMap((r) => r.evaluation_results);
    expect(allResults(plain).filter((r) => r.source === 'synthetic')).toEqual([]);
    expect(plain.includesSynthetic).toBe(false);
    expect(JSON.stringify(plain.analytics)).not.toContain('synthetic');

    expect(synthetic.includesSynthetic).toBe(true);
    const byId = new Map(plain.records.map((r) => [r.model_info.model_id, r]));
    let invented = 0;
    for (const record of synthetic.records) {
      const original = byId.get(record.model_info.model_id)!;
      if (original.evaluation_results.length > 0) {
        expect(record.evaluation_results).toEqual(original.evaluation_results);
        continue;
      }
      for (const r of record.evaluation_results) {
        expect(r).toMatchObject({ source: 'synthetic', verified: false, source_name: expect.stringContaining('synthetic') });
        invented++;
      }
    }
    // asr/no-card gets one WER, cls/gamma one accuracy (fillSynthetic's templates for those tasks).
    expect(invented).toBe(2);
  });

  it('aborts a running refresh and records it as failed when closed', async () => {
    let seen: AbortSignal | undefined;
    const fetcher: HubFetcher = ({ signal }) =>
      new Promise((_, reject) => {
        seen = signal;
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    const cache = await openCache({ fetchFromHub: fetcher });
    const { promise } = cache.refresh();
    await cache.close();
    expect(seen?.aborted).toBe(true);
    expect((await promise).status).toBe('failed');
  });

  it('keeps serving the new data and says in last_error that it was not saved when the dataset file cannot be written', async () => {
    const dir = await temp.make();
    const real = createDatasetFileStore({ dir });
    const cache = createBenchmarkCache({
      store: createMemoryStore(),
      // Disk full cannot be arranged for real here: the save fails as it would with ENOSPC.
      files: { file: real.file, load: real.load, save: async () => Promise.reject(new Error('ENOSPC: no space left on device')) },
      loadBundled: async () => BUNDLED,
      fetchFromHub: countingFetcher(() => HUB_A),
      clock: createTestClock(),
      ttlMinutes: TTL_MINUTES,
    });
    open.push(cache);
    await cache.start();
    expect((await cache.refresh().promise).status).toBe('ok');
    expect(ids(cache)).toContain('hub/one');
    expect(cache.status().last_error).toBe(`could not save the dataset to ${real.file}: ENOSPC: no space left on device`);
  });
});

describe('createBenchmarkCache with the fake Hub', () => {
  const TASKS = ['text-classification', 'automatic-speech-recognition'];
  // 40 models, round-robin over two tasks: 20 per task, one page each (maxModelsPerTask 50).
  const MODELS = makeHubModels({ count: 40, tasks: TASKS, seed: 11 });
  let hub: FakeHub;
  beforeAll(async () => {
    hub = await startFakeHub({ models: MODELS });
  });
  afterAll(async () => {
    await hub.close();
  });
  afterEach(() => {
    hub.setFaults({});
    hub.setModels(MODELS);
    hub.clearRequests();
  });

  const fetcherFor = (clock: () => number) =>
    createHubFetcher({ endpoint: hub.url, tasks: TASKS, maxModelsPerTask: 50, retries: 1, sleep: noSleep, now: clock });

  it('runs one upstream fetch when 20 refresh() calls are made at the same time', async () => {
    const clock = createTestClock();
    const inner = fetcherFor(clock);
    let runs = 0;
    const cache = await openCache({
      clock,
      fetchFromHub: (ctx) => {
        runs++;
        return inner(ctx);
      },
    });
    const calls = Array.from({ length: 20 }, () => cache.refresh());
    expect(calls.filter((c) => c.started)).toHaveLength(1);
    const outcomes = await Promise.all(calls.map((c) => c.promise));
    expect(new Set(outcomes).size).toBe(1);
    expect(outcomes[0].status).toBe('ok');
    expect(runs).toBe(1);
    // One listing page per task: 2 requests for the whole run.
    expect(hub.requests.map((r) => r.query.get('pipeline_tag')).sort()).toEqual([...TASKS].sort());

    // Once finished, the next refresh is a new run.
    expect(cache.refresh().started).toBe(true);
    await Promise.all(Array.from({ length: 20 }, () => cache.refresh().promise));
    expect(runs).toBe(2);
    expect(hub.requestCount()).toBe(4);
  });

  it('records a readable error and keeps the snapshot when every task fails', async () => {
    hub.setFaults({ failTask: TASKS });
    const cache = await openCache({ clock: createTestClock(), fetchFromHub: fetcherFor(createTestClock()) });
    const outcome = await cache.refresh().promise;
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/^Hub refresh failed: every task failed: text-classification \(Hub answered HTTP 500/);
    expect(outcome.reason).toContain('automatic-speech-recognition (');
    expect(outcome.reason).not.toMatch(STACK_TRACE);
    expect(cache.status()).toMatchObject({ source: 'snapshot', data_count: BUNDLED_COUNT, last_error: outcome.reason });
  });

  /** A loopback port with nothing listening: bound once, then closed. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  for (const target of [
    { name: 'nothing listens on its port', endpoint: async () => `http://127.0.0.1:${await closedPort()}`, why: 'connection refused', code: 'ECONNREFUSED' },
    { name: 'its host name does not resolve', endpoint: async () => 'http://hub.invalid', why: 'DNS lookup failed', code: /ENOTFOUND|EAI_AGAIN/ },
  ]) {
    it(`says in one line that the Hub cannot be reached, stops after two attempts and keeps each task's details when ${target.name}`, async () => {
      const endpoint = await target.endpoint();
      const waits: number[] = [];
      const tasks = ['text-classification', 'automatic-speech-recognition', 'text-generation', 'summarization', 'translation', 'object-detection'];
      const fetcher = createHubFetcher({ endpoint, tasks, maxModelsPerTask: 50, retries: 5, concurrency: 2, sleep: async (ms) => void waits.push(ms), now: createTestClock() });
      const cache = await openCache({ clock: createTestClock(), fetchFromHub: fetcher });
      const outcome = await cache.refresh().promise;
      const origin = new URL(endpoint).origin;
      expect(outcome.reason).toBe(`Could not reach the Hub at ${origin} (${target.why}); showing the bundled snapshot`);
      expect(cache.status()).toMatchObject({ last_error: outcome.reason, source: 'snapshot', data_count: BUNDLED_COUNT });
      // Every task is listed; the ones that met the failure themselves name the code and the attempts.
      expect(outcome.failed_tasks.map((f) => f.task)).toEqual(tasks);
      const own = outcome.failed_tasks.filter((f) => !f.reason.endsWith('not tried further'));
      expect(own.length).toBeGreaterThanOrEqual(1);
      for (const f of own) {
        expect(f.reason).toMatch(target.code);
        expect(f.reason).toMatch(/\(after 2 attempts\)$/);
      }
      // At most one short backoff per task, not the 1+2+4+8+16 s ladder of five retries each.
      expect(waits.length).toBeGreaterThanOrEqual(1);
      expect(waits.length).toBeLessThanOrEqual(tasks.length);
      expect(waits.every((ms) => ms === 1000)).toBe(true);
    });
  }

  it('clears last_error when a new refresh starts, when an import succeeds and in offline mode, keeping last_outcome', async () => {
    const dir = await temp.make();
    const store = createMemoryStore();
    const clock = createTestClock();
    let release: (s: typeof HUB_A) => void = () => undefined;
    const fetcher = countingFetcher((call) => {
      if (call === 1) throw new Error('Hub answered HTTP 503 to model list "text-classification" page 1');
      return new Promise<typeof HUB_A>((resolve) => (release = resolve));
    });
    const cache = await openCache({ dir, store, clock, fetchFromHub: fetcher });
    await cache.refresh().promise;
    expect(cache.status().last_error).toMatch(/HTTP 503/);

    clock.advance(1000);
    const second = cache.refresh();
    expect(cache.status()).toMatchObject({ refresh_in_progress: true, last_error: null, last_outcome: { status: 'failed' } });
    release(HUB_A);
    await second.promise;

    // A failure, then an imported file: the failure no longer describes the data shown.
    clock.advance(1000);
    const failing = await openCache({ dir: await temp.make(), store: createMemoryStore(), clock, fetchFromHub: countingFetcher(() => { throw new Error('Hub answered HTTP 500'); }) });
    await failing.refresh().promise;
    expect(failing.status()).toMatchObject({ last_error: expect.stringMatching(/HTTP 500/), stale: true });
    clock.advance(1000);
    const imported = await failing.importSnapshot(HUB_B);
    expect(imported).toMatchObject({ source: 'import', stale: false, last_error: null, last_outcome: { status: 'failed' } });

    // The same stored failure, opened in offline mode: the Hub is not asked, so its error does not apply.
    await cache.close();
    const failedStore = createMemoryStore();
    const before = await openCache({ dir: await temp.make(), store: failedStore, clock, fetchFromHub: countingFetcher(() => { throw new Error('Hub answered HTTP 500'); }) });
    await before.refresh().promise;
    await before.close();
    const offline = await openCache({ dir: await temp.make(), store: failedStore, clock, offline: true });
    expect(offline.status()).toMatchObject({ offline: true, last_error: null, last_outcome: { status: 'failed' } });
  });

  it('keeps the previous models of the failed task and marks the refresh partial when one task fails', async () => {
    const dir = await temp.make();
    const clock = createTestClock();
    const cache = await openCache({ dir, clock, fetchFromHub: fetcherFor(clock) });
    expect((await cache.refresh().promise).status).toBe('ok');
    const asrIds = MODELS.filter((m) => m.pipeline_tag === 'automatic-speech-recognition').map((m) => m.id);
    expect(ids(cache)).toEqual(expect.arrayContaining(asrIds));

    // Second run: the speech listing fails; text classification answers with new download counts.
    clock.advance(TTL_MS);
    hub.setModels(MODELS.map((m) => (m.pipeline_tag === 'text-classification' ? { ...m, downloads: 424_242 } : m)));
    hub.setFaults({ failTask: 'automatic-speech-recognition' });
    const outcome = await cache.refresh().promise;

    expect(outcome.status).toBe('partial');
    expect(outcome.failed_tasks).toEqual([{ task: 'automatic-speech-recognition', reason: expect.stringContaining('HTTP 500') }]);
    expect(ids(cache)).toEqual(expect.arrayContaining(asrIds));
    const textIds = new Set(MODELS.filter((m) => m.pipeline_tag === 'text-classification').map((m) => m.id));
    const textModels = cache.current().records.filter((r) => textIds.has(r.model_info.model_id));
    expect(textModels.map((r) => r.model_info.downloads)).toEqual(Array(20).fill(424_242));
    const s = cache.status();
    expect(s.last_outcome?.status).toBe('partial');
    expect(s.last_error).toMatch(/^some tasks failed: automatic-speech-recognition \(Hub answered HTTP 500/);
    expect(s.last_refresh_at).toBe(new Date(T0 + TTL_MS).toISOString());

    // What was saved is marked partial and still holds the speech models.
    const saved = await readSnapshotFile(join(dir, DATASET_FILE_NAME));
    expect(saved.partial).toBe(true);
    expect(saved.models.map((m) => m.id)).toEqual(expect.arrayContaining(asrIds));
  });

  it('emits progress events and one done event with the final status during a refresh', async () => {
    const clock = createTestClock();
    const cache = await openCache({ clock, fetchFromHub: fetcherFor(clock) });
    const events: string[] = [];
    let done: { outcome: { status: string }; status: { source: string } } | undefined;
    cache.subscribe((e) => {
      events.push(e.type === 'progress' ? e.progress.phase : 'done');
      if (e.type === 'done') done = e;
    });
    await cache.refresh().promise;
    await new Promise((resolve) => setImmediate(resolve));
    expect(events[0]).toBe('fetching');
    expect(events).toContain('processing');
    expect(events).toContain('saving');
    expect(events.filter((e) => e === 'done')).toHaveLength(1);
    expect(events.at(-1)).toBe('done');
    expect(done).toMatchObject({ outcome: { status: 'ok' }, status: { source: 'hub' } });
  });

  it('refuses an import while a refresh runs, says why, and changes nothing', async () => {
    const clock = createTestClock();
    const gate = gated(countingFetcher(() => HUB_A));
    const cache = await openCache({ clock, fetchFromHub: gate.fetcher });
    const before = cache.status();
    const running = cache.refresh().promise;
    await gate.entered;
    await expect(cache.importSnapshot(HUB_B)).rejects.toThrow(BusyError);
    await expect(cache.importSnapshot(HUB_B)).rejects.toThrow(/refresh from the Hub is running/);
    expect(cache.status()).toMatchObject({ data_count: before.data_count, result_count: before.result_count });
    gate.open();
    expect((await running).status).toBe('ok');
    // Once the refresh is done, the import goes through.
    expect((await cache.importSnapshot(HUB_B)).source).toBe('import');
  });

  it('keeps the provenance of imported results a partial refresh carries over', async () => {
    const clock = createTestClock();
    // An imported bundled-style file: its results are snapshot results with their source file.
    const imported = snapshotOf([...WER_MODELS], { fetched_at: '2026-09-01T00:00:00.000Z' });
    const partialHub = { ...HUB_A, partial: true, failed_tasks: [{ task: 'automatic-speech-recognition', reason: 'HTTP 500' }] };
    const cache = await openCache({ clock, fetchFromHub: countingFetcher(() => partialHub) });
    await cache.importSnapshot(imported);
    const fromImport = (id: string) => cache.current().byId.get(id)!.evaluation_results[0];
    const before = fromImport('asr/small');
    expect(before.source).toBe('snapshot');
    expect((await cache.refresh().promise).status).toBe('partial');
    const after = fromImport('asr/small');
    // Still the imported file's result, not a model-card result of this refresh.
    expect(after).toMatchObject({ source: 'snapshot', snapshot_date: before.snapshot_date });
    expect(cache.current().byId.get('hub/one')!.evaluation_results[0].source).toBe('model-card');
  });

  it('counts one result per measurement in status and summary when an import repeats the bundled data', async () => {
    const clock = createTestClock();
    const cache = await openCache({ clock, offline: true });
    const bundledStatus = cache.status();
    const summaryBefore = cache.current().analytics.summary.total_results;
    await cache.importSnapshot({ ...BUNDLED, origin: 'hub' });
    const s = cache.status();
    // The same measurements from two layers are one result each: nothing doubles.
    expect(s.result_count).toBe(bundledStatus.result_count);
    expect(s.data_count).toBe(bundledStatus.data_count);
    expect(cache.current().analytics.summary.total_results).toBe(summaryBefore);
    expect(s.result_count).toBe(cache.current().analytics.summary.total_results);
  });
});
