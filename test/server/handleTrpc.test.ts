// tRPC over HTTP on a real loopback server: a batch holds at most MAX_BATCH_CALLS calls, and the
// procedures with large answers or inputs are called alone.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_CALLS } from '../../src/api/unbatchedProcedures.js';
import { appInfo } from '../../src/appInfo.js';
import type { BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import { createHttpServer, type RunningServer } from '../../src/server/createHttpServer.js';
import { request } from '../support/httpRequest.js';
import { createTempDirs } from '../support/tempDirs.js';
import { createTestClock, openTestCache, testContext } from '../support/testCache.js';
import { snapshotOf, SST2_MODELS } from '../support/testSnapshots.js';

const temp = createTempDirs('handle-trpc');
let cache: BenchmarkCache;
let server: RunningServer;

beforeAll(async () => {
  const clock = createTestClock();
  cache = await openTestCache({ dir: await temp.make(), bundled: snapshotOf([...SST2_MODELS]), offline: true, clock });
  server = await createHttpServer({ createContext: testContext(cache, clock), version: appInfo().version, policy: { extraHosts: [], corsOrigins: [] } }).listen(0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await cache?.close();
  await temp.cleanup();
});

/** Each call's input as tRPC's batch link sends it (a procedure without input has none). */
const INPUTS: Record<string, unknown> = { 'benchmarks.get': {} };
const batch = (paths: string[]) => {
  const input = encodeURIComponent(JSON.stringify(Object.fromEntries(paths.flatMap((p, i) => (p in INPUTS ? [[i, INPUTS[p]]] : [])))));
  return request(`${server.url}/trpc/${paths.join(',')}?batch=1&input=${input}`);
};

describe('handleTrpc', () => {
  it('answers a batch of MAX_BATCH_CALLS calls', async () => {
    expect(MAX_BATCH_CALLS).toBe(16);
    const res = await batch(Array(16).fill('meta.health'));
    expect(res.status).toBe(200);
    expect(res.json()).toHaveLength(16);
  });

  it('refuses a batch of one call more with a 400 naming the limit', async () => {
    const res = await batch(Array(17).fill('meta.health'));
    expect(res.status).toBe(400);
    expect(res.json().detail).toBe('a batch holds at most 16 calls (this one has 17)');
  });

  it.each(['benchmarks.get', 'snapshot.export'])('refuses %s in a batch with other calls, and answers it alone', async (heavy) => {
    const refused = await batch([heavy, 'meta.health']);
    expect(refused.status).toBe(400);
    expect(refused.json().detail).toBe(`${heavy} is called alone, not in a batch (its answer or input is large)`);
    const repeated = await batch([heavy, heavy, heavy, heavy]);
    expect(repeated.status).toBe(400);
    const alone = await batch([heavy]);
    expect(alone.status).toBe(200);
    expect(alone.json()[0].result.data).toBeTypeOf('object');
  });
});

describe('handleTrpc lone queries', () => {
  const lone = (path: string, input?: unknown, headers: Record<string, string> = {}) =>
    request(`${server.url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { headers });

  it('answers a lone cacheable query with the same JSON as a batch of one, with an ETag and 304 when asked again', async () => {
    const input = { task_type: 'text-classification', limit: 2 };
    const viaBatch = await request(`${server.url}/trpc/models.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`);
    const first = await lone('models.list', input);
    expect(first.status).toBe(200);
    expect(first.json()).toEqual(viaBatch.json()[0]);
    expect(first.json().result.data.total).toBe(SST2_MODELS.length);
    expect(first.headers.etag).toMatch(/^"trpc-/);
    const again = await lone('models.list', input, { 'If-None-Match': first.headers.etag! });
    expect(again.status).toBe(304);
  });

  it('compresses a large lone answer once and sends the same bytes each time', async () => {
    const a = await lone('benchmarks.get', {}, { 'Accept-Encoding': 'gzip' });
    const b = await lone('benchmarks.get', {}, { 'Accept-Encoding': 'gzip' });
    expect(a.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(a.body).toString('utf8')).result.data.data).toHaveLength(SST2_MODELS.length);
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(b.body.equals(a.body)).toBe(true);
  });

  it('answers a lone query that fails with the error body and status tRPC gives it in a batch of one', async () => {
    const bad = { limit: 0 };
    const viaBatch = await request(`${server.url}/trpc/models.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: bad }))}`);
    const alone = await lone('models.list', bad);
    expect(alone.status).toBe(400);
    expect(viaBatch.status).toBe(400);
    expect(alone.json()).toEqual(viaBatch.json()[0]);
    expect(alone.json().error.data.code).toBe('BAD_REQUEST');
  });

  it('leaves unknown procedures and unparsable input to tRPC, which answers 404 and 400', async () => {
    expect((await request(`${server.url}/trpc/models.nope`)).status).toBe(404);
    expect((await request(`${server.url}/trpc/models.list?input=%7Bnot-json`)).status).toBe(400);
  });
});
