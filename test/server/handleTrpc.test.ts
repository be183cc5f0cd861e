// tRPC over HTTP on a real loopback server: a batch holds at most MAX_BATCH_CALLS calls, and the
// procedures with large answers or inputs are called alone.
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
