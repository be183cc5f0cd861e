// One path through the router: every REST and tRPC request on a real loopback server reaches the
// router's first middleware (the observer in the context), cacheable answers are the bytes the
// procedure's answer serializes to, and a new dataset version gets new bytes and a new ETag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../src/api/appRouter.js';
import type { Context, ProcedureCall } from '../../src/api/createContext.js';
import { appInfo } from '../../src/appInfo.js';
import type { BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import { createHttpServer, type RunningServer } from '../../src/server/createHttpServer.js';
import { request } from '../support/httpRequest.js';
import { createTempDirs } from '../support/tempDirs.js';
import { createTestClock, openTestCache, testContext } from '../support/testCache.js';
import { hubModel, snapshotOf, SST2_MODELS, WER_MODELS } from '../support/testSnapshots.js';

const temp = createTempDirs('handle-rest');
let cache: BenchmarkCache;
let server: RunningServer;
let createContext: () => Context;
const calls: ProcedureCall[] = [];

beforeAll(async () => {
  const clock = createTestClock();
  cache = await openTestCache({ dir: await temp.make(), bundled: snapshotOf([...SST2_MODELS, ...WER_MODELS]), offline: true, clock });
  const base = testContext(cache, clock);
  createContext = () => ({ ...base(), observe: (call) => calls.push(call) });
  server = await createHttpServer({ createContext, version: appInfo().version, policy: { extraHosts: [], corsOrigins: [] } }).listen(0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await cache?.close();
  await temp.cleanup();
});

/** The procedure calls the router saw while answering one request. */
async function observed(path: string, options: Parameters<typeof request>[1] = {}) {
  const from = calls.length;
  const res = await request(`${server.url}${path}`, options);
  return { res, seen: calls.slice(from) };
}

describe('handleRest', () => {
  it.each([
    ['/health', 'meta.health', 200],
    ['/', 'meta.root', 200],
    ['/api/benchmarks', 'benchmarks.get', 200],
    ['/api/benchmarks?include_synthetic=false&force_refresh=0', 'benchmarks.get', 200],
    ['/api/models?task_type=text-classification&limit=2', 'models.list', 200],
    ['/api/models?limit=0', 'models.list', 400],
    ['/api/leaderboards/catalog', 'leaderboards.catalog', 200],
    ['/api/cache-status', 'refresh.status', 200],
    ['/trpc/meta.health', 'meta.health', 200],
    ['/trpc/models.list?input=%7B%22limit%22%3A1%7D', 'models.list', 200],
  ])('passes GET %s through the router once (%s) when it is asked', async (path, procedure, status) => {
    const { res, seen } = await observed(path);
    expect(res.status).toBe(status);
    expect(seen.map((c) => c.path)).toEqual([procedure]);
  });

  it('passes HEAD, a conditional GET answered 304 and a cached answer through the router too', async () => {
    const first = await observed('/api/benchmarks', { method: 'HEAD' });
    expect(first.res.status).toBe(200);
    expect(first.res.body.length).toBe(0);
    const conditional = await observed('/api/benchmarks', { headers: { 'If-None-Match': first.res.headers.etag! } });
    expect(conditional.res.status).toBe(304);
    for (const { seen } of [first, conditional]) expect(seen).toMatchObject([{ path: 'benchmarks.get', cached: true }]);
  });

  it('answers a lone tRPC query from the same response cache: the second call does not run the procedure', async () => {
    const path = `/trpc/models.list?input=${encodeURIComponent(JSON.stringify({ task_type: 'text-classification', limit: 4 }))}`;
    const a = await observed(path);
    const b = await observed(path);
    expect(a.res.status).toBe(200);
    expect(b.res.text).toBe(a.res.text);
    expect([a.seen, b.seen]).toMatchObject([[{ path: 'models.list', cached: false }], [{ path: 'models.list', cached: true }]]);
  });

  it('answers a cacheable query with the bytes its answer serializes to, running the procedure once per input', async () => {
    const input = { task_type: 'automatic-speech-recognition', sort: 'model_id' as const, limit: 3 };
    const path = '/api/models?task_type=automatic-speech-recognition&sort=model_id&limit=3';
    const expected = JSON.stringify(await createCaller(createContext()).models.list(input));
    const a = await observed(path);
    const b = await observed(`${path}&offset=0`); // the same parsed input: the same answer
    expect(a.res.text).toBe(expected);
    expect(b.res.text).toBe(expected);
    expect(a.seen[0].cached).toBe(false);
    expect(b.seen[0].cached).toBe(true);
    expect(b.res.headers.etag).toBe(a.res.headers.etag);
  });

  it('answers with the new data and a new ETag once the dataset version changes', async () => {
    const before = await observed('/api/models?search=cache%2Fnew');
    expect(before.res.json().total).toBe(0);
    await cache.importSnapshot(snapshotOf([hubModel({ id: 'cache/new', task: 'text-classification', results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.5 }] })]));
    const after = await observed('/api/models?search=cache%2Fnew');
    expect(after.res.json().total).toBe(1);
    expect(after.seen[0].cached).toBe(false);
    expect(after.res.headers.etag).not.toBe(before.res.headers.etag);
  });
});
