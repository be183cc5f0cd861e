// Sustained mixed load (autocannon, 8 connections, ~4 s, loopback) on the real server while a
// refresh from the fake Hub (50 ms per answer) starts and finishes mid-load: no errors, no non-2xx,
// nothing dropped, and every /api/benchmarks body read meanwhile is one whole dataset version,
// the old one or the new one, never a mix.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatasetFileStore } from '../../src/cache/createDatasetFileStore.js';
import { loadConfig } from '../../src/config.js';
import { startServer, type StartedApp } from '../../src/server/startServer.js';
import { makeHubModels, startFakeHub, type FakeHub } from '../support/fakeHub.js';
import { request } from '../support/httpRequest.js';
import { writeFixtureSnapshot } from '../support/reliability.js';
import { createTempDirs } from '../support/tempDirs.js';
import { snapshotOf, SST2_MODELS, WER_MODELS } from '../support/testSnapshots.js';

const TASKS = ['text-classification', 'image-classification'];
const temp = createTempDirs('load-during-refresh');
let hub: FakeHub;
let app: StartedApp;
const serverLog: string[] = [];

beforeAll(async () => {
  // The Hub has 200 models (100 per task, 20 per page: 5 slow pages per task).
  hub = await startFakeHub({ models: makeHubModels({ count: 200, tasks: TASKS, seed: 3 }), pageSize: 20, faults: { latencyMs: 50 } });
  const dir = await temp.make();
  const bundled = await writeFixtureSnapshot(dir, snapshotOf([...SST2_MODELS, ...WER_MODELS]));
  // DATA_DIR holds an earlier, fresh fetch (60 models), so no read starts a refresh on its own.
  const dataDir = await temp.make();
  const now = new Date().toISOString();
  await createDatasetFileStore({ dir: dataDir }).save(snapshotOf(makeHubModels({ count: 60, tasks: TASKS, seed: 99 }), { origin: 'hub', fetched_at: now }));
  writeFileSync(
    path.join(dataDir, 'state.json'),
    JSON.stringify({
      'refresh.lastSuccessAt': now,
      'refresh.lastAttemptAt': now,
      'refresh.lastOutcome': { status: 'ok', at: now, started_at: now, failed_tasks: [] },
    }),
  );
  app = await startServer({
    config: loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      HF_ENDPOINT: hub.url,
      TASKS: TASKS.join(','),
      MAX_MODELS_PER_TASK: '100',
      HUB_CONCURRENCY: '2',
      // The model listings alone: this measures serving during a swap, not the benchmark crawl.
      BENCHMARKS: 'none',
      LOG_LEVEL: 'info',
    }),
    bundledSnapshot: bundled,
    refreshOnStart: false,
    log: (level, message) => {
      if (level === 'error' || level === 'warn') serverLog.push(`${level}: ${message.slice(0, 500)}`);
    },
  });
});

afterAll(async () => {
  await app?.close();
  await hub?.close();
  await temp.cleanup();
});

interface Seen {
  version: string;
  length: number;
  totalModels: number;
  ids: string;
}

describe('load during a refresh', () => {
  it('serves every request while a refresh swaps the dataset; readers see the old or the new version, whole', async () => {
    const base = app.server.url;
    const before = app.cache.status();
    expect(before.stale, 'the data starts fresh, so only our refresh runs').toBe(false);
    expect(before.source).toBe('hub');

    const stamps: Record<string, number> = {};
    let order = 0;
    const stamp = (name: string) => (stamps[name] = ++order);
    const unsubscribe = app.cache.subscribe((e) => {
      if (e.type === 'done') stamp('refresh done');
    });

    // The reader: whole /api/benchmarks bodies, parsed, for as long as the load runs.
    const seen: Seen[] = [];
    let loading = true;
    let refreshStarted: Promise<unknown> | undefined;
    const reader = (async () => {
      while (loading) {
        const res = await request(`${base}/api/benchmarks`);
        expect(res.status).toBe(200);
        const body = res.json() as { dataset_version: string; data: { model_info: { model_id: string } }[]; summary: { total_models: number } };
        seen.push({
          version: body.dataset_version,
          length: body.data.length,
          totalModels: body.summary.total_models,
          ids: body.data.map((r) => r.model_info.model_id).sort().join('\n'),
        });
        // Start the refresh once the load is under way and the old version has been read a few times.
        if (!refreshStarted && seen.length >= 3) {
          stamp('refresh start');
          refreshStarted = request(`${base}/api/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => {
            expect(r.status).toBe(200);
            expect(r.json().started).toBe(true);
          });
        }
      }
    })();

    stamp('load start');
    const result = await autocannon({
      url: base,
      connections: 8,
      duration: 4,
      timeout: 10,
      requests: [
        { method: 'GET', path: '/api/benchmarks' },
        { method: 'GET', path: '/api/benchmarks', headers: { 'accept-encoding': 'gzip' } },
        { method: 'GET', path: '/api/models?limit=20&sort=downloads' },
        { method: 'GET', path: '/api/leaderboards?limit=5&task_type=text-classification' },
        { method: 'GET', path: '/api/cache-status' },
        { method: 'GET', path: '/health' },
        { method: 'GET', path: '/api/summary' },
        { method: 'GET', path: `/trpc/models.list?input=${encodeURIComponent(JSON.stringify({ limit: 5 }))}` },
      ],
    });
    stamp('load end');
    loading = false;
    await reader;
    await refreshStarted;
    unsubscribe();

    const after = app.cache.status();
    console.log(
      `load: ${result.requests.total} requests (${result.requests.sent} sent) in ${result.duration} s, ${result['2xx']} 2xx, ` +
        `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, resets ${result.resets}; ` +
        `reader saw ${seen.length} bodies: ${[...new Set(seen.map((s) => s.version))].map((v) => `${v} ×${seen.filter((s) => s.version === v).length}`).join(', ')}; ` +
        `Hub requests ${hub.requestCount()}; order ${JSON.stringify(stamps)}`,
    );

    // No errors, no non-2xx, nothing dropped.
    expect(result.errors, 'autocannon errors').toBe(0);
    expect(result.timeouts, 'autocannon timeouts').toBe(0);
    expect(result.non2xx, `non-2xx: ${JSON.stringify(result.statusCodeStats)}`).toBe(0);
    expect(result.resets).toBe(0);
    expect(result.mismatches).toBe(0);
    expect(result['2xx']).toBe(result.requests.total);
    expect(result.requests.sent - result.requests.total, 'requests sent but never answered').toBeLessThanOrEqual(8);
    expect(result.requests.total).toBeGreaterThan(100);

    // The refresh ran inside the load window and swapped in a new version.
    expect(after.last_outcome?.status, after.last_error ?? '').toBe('ok');
    expect(after.dataset_version).not.toBe(before.dataset_version);
    expect(after.data_count).toBeGreaterThan(before.data_count);
    expect(stamps['load start']).toBeLessThan(stamps['refresh start']);
    expect(stamps['refresh start']).toBeLessThan(stamps['refresh done']);
    expect(stamps['refresh done'], 'the refresh finished before the load ended').toBeLessThan(stamps['load end']);

    // Every body is one whole version: the old or the new, consistent with itself.
    const expected = new Map([
      [before.dataset_version, before.data_count],
      [after.dataset_version, after.data_count],
    ]);
    const idsByVersion = new Map<string, string>();
    for (const s of seen) {
      expect(expected.has(s.version), `unexpected version ${s.version}`).toBe(true);
      expect(s.length, `${s.version}: data.length vs data_count`).toBe(expected.get(s.version));
      expect(s.totalModels, `${s.version}: summary.total_models vs data.length`).toBe(s.length);
      const ids = idsByVersion.get(s.version);
      if (ids === undefined) idsByVersion.set(s.version, s.ids);
      else expect(s.ids === ids, `${s.version}: two bodies of one version hold different models`).toBe(true);
    }
    expect(seen.some((s) => s.version === before.dataset_version), 'the reader saw the old version').toBe(true);
    expect(seen.some((s) => s.version === after.dataset_version), 'the reader saw the new version').toBe(true);
    // Old version strictly before new: no reader went back to the old one after seeing the new.
    const firstNew = seen.findIndex((s) => s.version === after.dataset_version);
    expect(seen.slice(firstNew).every((s) => s.version === after.dataset_version)).toBe(true);

    expect(serverLog.filter((l) => l.startsWith('error')), 'errors logged by the server').toEqual([]);
  });
});
