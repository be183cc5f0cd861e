// Snapshot imports over REST on a real loopback server: the body is staged in a temporary file as it
// arrives (size checked while streaming, chunked or not), read from there, and the file is gone after.
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInfo } from '../../src/appInfo.js';
import type { BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import { createHttpServer, type RunningServer } from '../../src/server/createHttpServer.js';
import { request } from '../support/httpRequest.js';
import { createTempDirs } from '../support/tempDirs.js';
import { createTestClock, openTestCache, testContext } from '../support/testCache.js';
import { hubModel, snapshotOf, SST2_MODELS } from '../support/testSnapshots.js';

const temp = createTempDirs('stage-import');
const MAX_IMPORT = 64 * 1024;
let cache: BenchmarkCache;
let server: RunningServer;
let stagingDir: string;

beforeAll(async () => {
  const clock = createTestClock();
  cache = await openTestCache({ dir: await temp.make(), bundled: snapshotOf([...SST2_MODELS]), offline: true, clock });
  stagingDir = await temp.make();
  server = await createHttpServer({
    createContext: testContext(cache, clock),
    version: appInfo().version,
    policy: { extraHosts: [], corsOrigins: [] },
    maxImportBytes: MAX_IMPORT,
    tempDir: stagingDir,
  }).listen(0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await cache?.close();
  await temp.cleanup();
});

const post = (body: string, chunked = false) =>
  request(`${server.url}/api/snapshot/import`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, chunked });

describe('stageImportBody', () => {
  it('imports a snapshot sent in chunks and leaves no staged file behind', async () => {
    const file = snapshotOf([hubModel({ id: 'staged/one', task: 'text-classification', results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.6 }] })], { origin: 'hub' });
    const res = await post(JSON.stringify(file), true);
    expect(res.status, res.text).toBe(200);
    expect(cache.current().byId.has('staged/one')).toBe(true);
    expect(await readdir(stagingDir)).toEqual([]);
  });

  it.each([false, true])('answers 413 naming the limit and changes nothing when the body is over it (chunked: %s)', async (chunked) => {
    const version = cache.current().id;
    const res = await post(`{"format":"${'x'.repeat(MAX_IMPORT)}"}`, chunked);
    expect(res.status).toBe(413);
    expect(res.json().detail).toBe(`request body is larger than ${MAX_IMPORT} bytes`);
    expect(cache.current().id).toBe(version);
    expect(await readdir(stagingDir)).toEqual([]);
  });

  it('answers 400 for a body that is not JSON and leaves no staged file behind', async () => {
    const res = await post('{"format": ', true);
    expect(res.status).toBe(400);
    expect(res.json().detail).toMatch(/^body: not valid JSON/);
    expect(await readdir(stagingDir)).toEqual([]);
  });
});
