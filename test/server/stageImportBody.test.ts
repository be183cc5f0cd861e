// Snapshot imports over REST and tRPC on a real loopback server: the body is staged in a temporary file
// as it arrives (size checked while streaming, chunked or not), read from there as a stream (gzip too,
// under the same limit), and the file is gone after; a refused body changes nothing.
import { readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
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

const post = (body: string | Buffer, chunked = false, path = '/api/snapshot/import') =>
  request(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, chunked });

const model = (id: string) => hubModel({ id, task: 'text-classification', results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.6 }] });

/** Posts a body that must be refused with `status`; the data and the staging folder stay as they were. */
async function expectRefused(body: string | Buffer, status: number, path = '/api/snapshot/import') {
  const version = cache.current().id;
  const res = await post(body, true, path);
  expect(res.status, res.text).toBe(status);
  expect(cache.current().id).toBe(version);
  expect(await readdir(stagingDir)).toEqual([]);
  return path.startsWith('/trpc') ? (res.json().error.detail as string) : (res.json().detail as string);
}

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

  it('answers 400 naming the problem for a truncated body, and changes nothing', async () => {
    const text = JSON.stringify(snapshotOf([model('cut/one'), model('cut/two')], { origin: 'hub' }));
    expect(await expectRefused(text.slice(0, text.length - 30), 400)).toBe('body: not valid JSON (unexpected end of the JSON text)');
  });

  it('answers 400 in the reader’s words for a body that is not a snapshot', async () => {
    expect(await expectRefused(JSON.stringify({ models: [{ id: 'x' }] }), 400)).toBe('not a snapshot file (format is missing)');
  });

  it('answers 400 naming a bad record deep in the body', async () => {
    const file = snapshotOf([model('deep/a'), model('deep/b'), model('deep/c')], { origin: 'hub' });
    const bad = { ...file, models: [...file.models.slice(0, 2), { ...file.models[2], likes: 'many' }] };
    expect(await expectRefused(JSON.stringify(bad), 400)).toMatch(/^invalid snapshot at models\[2\]\.likes: /);
  });

  it('imports a gzip body, decompressed as it is read', async () => {
    const res = await post(gzipSync(JSON.stringify(snapshotOf([model('zipped/one')], { origin: 'hub' }))), true);
    expect(res.status, res.text).toBe(200);
    expect(cache.current().byId.has('zipped/one')).toBe(true);
    expect(await readdir(stagingDir)).toEqual([]);
  });

  it('answers 413 for a gzip body that decompresses past the import limit', async () => {
    const bomb = gzipSync(`{"format":"ml-benchmark-explorer.snapshot","pad":"${' '.repeat(4 * MAX_IMPORT)}"}`);
    expect(bomb.length).toBeLessThan(MAX_IMPORT);
    expect(await expectRefused(bomb, 413)).toBe(`snapshot decompresses to more than ${MAX_IMPORT} bytes`);
  });

  it('stages POST /trpc/snapshot.import the same way and answers in tRPC’s shape', async () => {
    const res = await post(JSON.stringify(snapshotOf([model('trpc/staged')], { origin: 'hub' })), true, '/trpc/snapshot.import');
    expect(res.status, res.text).toBe(200);
    expect(res.json().result.data).toMatchObject({ source: 'import', has_data: true });
    expect(cache.current().byId.has('trpc/staged')).toBe(true);
    expect(await readdir(stagingDir)).toEqual([]);
    expect(await expectRefused('{"format": ', 400, '/trpc/snapshot.import')).toBe('body: not valid JSON (unexpected end of the JSON text)');
    expect(await expectRefused(`{"format":"${'x'.repeat(MAX_IMPORT)}"}`, 413, '/trpc/snapshot.import')).toBe(`request body is larger than ${MAX_IMPORT} bytes`);
  });

  it('refuses a batched POST /trpc/snapshot.import, naming the unbatched call and the REST path', async () => {
    const version = cache.current().id;
    const res = await post(JSON.stringify({ 0: snapshotOf([model('batched/one')], { origin: 'hub' }) }), false, '/trpc/snapshot.import?batch=1');
    expect(res.status).toBe(400);
    expect(res.json().detail).toMatch(/unbatched.*POST \/api\/snapshot\/import/);
    expect(cache.current().id).toBe(version);
  });
});
