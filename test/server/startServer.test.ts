// The whole headless app as `npm run serve` starts it: config from env-style strings, a temp
// DATA_DIR, the real bundled snapshot, and the fake Hub over real HTTP as HF_ENDPOINT.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubFetcher } from '../../src/cache/createHubFetcher.js';
import { loadConfig } from '../../src/config.js';
import { startServer, type StartedApp } from '../../src/server/startServer.js';
import { bundledSnapshotPath } from '../../src/snapshot/bundledSnapshotPath.js';
import { makeHubModels, startFakeHub, type FakeHub } from '../support/fakeHub.js';
import { request, STACK_TRACE } from '../support/httpRequest.js';
import { createTempDirs } from '../support/tempDirs.js';
import { createTestClock, T0 } from '../support/testCache.js';

const BUNDLED_MODELS = 4495 + 1267 + 2186; // data/README.md: leaderboard + timm + model-zoo models
const TASKS = ['text-classification', 'automatic-speech-recognition'];
// 30 models round-robin over two tasks: 15 per task, one listing page each.
const HUB_MODELS = makeHubModels({ count: 30, tasks: TASKS, seed: 3 });
const noSleep = async () => undefined;

const temp = createTempDirs('start-server');
let hub: FakeHub;
const apps: StartedApp[] = [];

beforeAll(async () => {
  hub = await startFakeHub({ models: HUB_MODELS });
});
afterAll(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
  await hub.close();
  await temp.cleanup();
});

function configFor(dir: string, env: Record<string, string> = {}) {
  return loadConfig({ DATA_DIR: dir, HOST: '127.0.0.1', PORT: '0', HF_ENDPOINT: hub.url, TASKS: TASKS.join(','), MAX_MODELS_PER_TASK: '50', CACHE_TTL_MINUTES: '60', ...env });
}

async function start(options: Parameters<typeof startServer>[0]) {
  const app = await startServer(options);
  apps.push(app);
  return app;
}

/** A loopback port that was free a moment ago (the server under test must be reachable before startServer resolves). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function getJson(app: StartedApp, path: string, options: Parameters<typeof request>[1] = {}) {
  const res = await request(`${app.server.url}${path}`, options);
  return { status: res.status, body: res.headers['content-type']?.startsWith('application/json') && res.text ? res.json() : undefined, res };
}

describe('startServer', () => {
  describe('offline, with a corrupt state file in DATA_DIR', () => {
    let app: StartedApp;
    let dir: string;
    beforeAll(async () => {
      dir = await temp.make();
      await writeFile(join(dir, 'state.json'), '{"refresh.lastOutcome": {');
      await writeFile(join(dir, 'hub-dataset.json.gz'), 'not gzip at all');
      hub.clearRequests();
      app = await start({ config: configFor(dir, { OFFLINE: 'true' }), clock: createTestClock() });
    });

    it('serves the bundled snapshot at once when OFFLINE is set', async () => {
      const status = await getJson(app, '/api/cache-status');
      expect(status.body).toMatchObject({ source: 'snapshot', has_data: true, data_count: BUNDLED_MODELS, offline: true, refresh_in_progress: false });
      expect((await getJson(app, '/api/models?limit=1')).body.total).toBe(BUNDLED_MODELS);
      const benchmarks = await request(`${app.server.url}/api/benchmarks`, { method: 'HEAD' });
      expect(benchmarks.status).toBe(200);
    });

    it('never contacts the Hub, even when asked to refresh, when OFFLINE is set', async () => {
      const refresh = await getJson(app, '/api/refresh', { method: 'POST', body: '', headers: { 'Content-Type': 'application/json' } });
      expect(refresh.status).toBe(200);
      expect(refresh.body).toMatchObject({ started: false, refresh_in_progress: false });
      const forced = await getJson(app, '/api/benchmarks?force_refresh=true');
      expect(forced.status).toBe(200);
      expect(forced.body.refresh_started).toBe(false);
      expect(hub.requestCount()).toBe(0);
    });

    it('reports the state and dataset files it moved aside in cache-status.recovered', async () => {
      const { body } = await getJson(app, '/api/cache-status');
      const stamp = '\\.corrupt-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z$';
      expect(body.recovered).toEqual([
        { file: join(dir, 'state.json'), movedTo: expect.stringMatching(new RegExp(`state\\.json${stamp}`)), reason: expect.any(String), at: expect.any(String) },
        { file: join(dir, 'hub-dataset.json.gz'), movedTo: expect.stringMatching(new RegExp(`hub-dataset\\.json\\.gz${stamp}`)), reason: expect.stringContaining('hub-dataset.json.gz'), at: expect.any(String) },
      ]);
      expect(body.source).toBe('snapshot');
    });
  });

  describe('while the data opens', () => {
    // The bundled snapshot is a named pipe: the open waits in it until the test writes the real file's bytes.
    let pipe: string;
    let url: string;
    let starting: Promise<StartedApp>;
    let pending: Promise<Awaited<ReturnType<typeof request>>>;
    let before: Record<string, any>;
    let heldWhileOpening: string;
    const LEADERBOARD = '/api/leaderboards?task_type=image-classification&dataset_name=ImageNet-1k&metric_name=top-1%20accuracy&limit=3';
    beforeAll(async () => {
      pipe = join(await temp.make(), 'bundled-snapshot.json.gz');
      execFileSync('mkfifo', [pipe]);
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      starting = startServer({ config: configFor(await temp.make(), { OFFLINE: 'true', PORT: String(port) }), bundledSnapshot: pipe, clock: createTestClock() });
      try {
        for (;;) {
          const res = await request(`${url}/health`).catch(() => undefined);
          if (res?.status === 200) {
            before = res.json();
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        pending = request(`${url}${LEADERBOARD}`);
        // Nothing can answer it before the pipe is written: it is held, not refused.
        heldWhileOpening = await Promise.race([pending.then((r) => `answered ${r.status}`), new Promise<string>((resolve) => setTimeout(() => resolve('held'), 300))]);
      } finally {
        await writeFile(pipe, await readFile(bundledSnapshotPath()));
      }
      apps.push(await starting);
    });

    it('answers /health while the data opens: healthy, loading, no data yet', () => {
      expect(before).toMatchObject({ status: 'healthy', cache: { loading: true, has_data: false, data_count: 0 } });
    });

    it('answers a leaderboard asked while the data opened with the data once it is open', async () => {
      expect(heldWhileOpening).toBe('held');
      const res = await pending;
      expect(res.status).toBe(200);
      const [board] = res.json().leaderboards;
      expect(board).toMatchObject({ task_type: 'image-classification', dataset_name: 'ImageNet-1k', metric_name: 'top-1 accuracy' });
      expect(board.entries).toHaveLength(3);
      expect(board.entries[0].rank).toBe(1);
      const health = (await request(`${url}/health`)).json();
      expect(health).toMatchObject({ status: 'healthy', cache: { loading: false, has_data: true, data_count: BUNDLED_MODELS } });
    });
  });

  it('refreshes from the Hub at HF_ENDPOINT on start and reads the result back after a restart on the same DATA_DIR', async () => {
    const dir = await temp.make();
    const clock = createTestClock();
    hub.setFaults({});
    hub.clearRequests();
    const first = await start({ config: configFor(dir), clock });
    // The start-up refresh is running; join it instead of starting another.
    const joined = first.cache.refresh();
    expect(joined.started).toBe(false);
    expect((await joined.promise).status).toBe('ok');
    expect(hub.requestCount()).toBe(3); // one listing page per task, one listing of official benchmarks (none here)

    const status = (await getJson(first, '/api/cache-status')).body;
    expect(status).toMatchObject({
      source: 'hub',
      cache_valid: true,
      data_count: BUNDLED_MODELS + HUB_MODELS.length, // the fake Hub's ids are not in the snapshot
      last_refresh_at: new Date(T0).toISOString(),
      last_outcome: { status: 'ok' },
      last_error: null,
    });
    const hubModel = (await getJson(first, `/api/models/${HUB_MODELS[0].id}`)).body;
    expect(hubModel.model_info.model_id).toBe(HUB_MODELS[0].id);
    await first.close();

    clock.advance(5 * 60_000); // restarted five minutes later: the data is still fresh
    hub.clearRequests();
    const second = await start({ config: configFor(dir), clock });
    const again = (await getJson(second, '/api/cache-status')).body;
    expect(again).toMatchObject({
      source: 'hub',
      cache_valid: true,
      refresh_in_progress: false,
      data_count: status.data_count,
      last_refresh_at: status.last_refresh_at,
      expires_at: new Date(T0 + 60 * 60_000).toISOString(),
      last_outcome: status.last_outcome,
    });
    expect((await getJson(second, `/api/models/${HUB_MODELS[0].id}`)).body).toEqual(hubModel);
    expect(hub.requestCount()).toBe(0);
  });

  it('keeps serving with a readable last_error and no 5xx when the Hub answers 500 to everything', async () => {
    const dir = await temp.make();
    const config = configFor(dir);
    hub.setFaults({ serverError: { times: Number.POSITIVE_INFINITY } });
    hub.clearRequests();
    // The default fetcher for this config, minus the back-off waits (1 + 2 + 4 + 8 + 16 s per listing).
    const fetchFromHub = createHubFetcher({ endpoint: config.HF_ENDPOINT, tasks: config.TASKS, maxModelsPerTask: config.MAX_MODELS_PER_TASK, sleep: noSleep });
    const app = await start({ config, clock: createTestClock(), fetchFromHub, refreshOnStart: false });

    const post = await getJson(app, '/api/refresh', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(post.body).toMatchObject({ started: true });
    expect((await app.cache.refresh().promise).status).toBe('failed');
    expect(hub.requestCount()).toBe(12); // 1 try + 5 retries (createHubClient's default) × 2 tasks

    const status = (await getJson(app, '/api/cache-status')).body;
    expect(status).toMatchObject({ source: 'snapshot', has_data: true, data_count: BUNDLED_MODELS, last_outcome: { status: 'failed' } });
    expect(status.last_error).toMatch(/^Hub refresh failed: every task failed: text-classification \(Hub answered HTTP 500 .*\); automatic-speech-recognition \(/);
    expect(status.last_error).not.toMatch(STACK_TRACE);

    const benchmarks = await request(`${app.server.url}/api/benchmarks`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(benchmarks.status).toBe(200);
    const forced = await getJson(app, '/api/benchmarks?force_refresh=true');
    expect(forced.status).toBe(200);
    expect(forced.body.refresh_started).toBe(false);
    expect(forced.body.data).toHaveLength(BUNDLED_MODELS);
    const health = (await getJson(app, '/health')).body;
    expect(health.status).toBe('healthy');
  });
});
