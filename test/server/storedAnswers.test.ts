// Large answers kept with their version, and the prebuilt version of the bundled data: the whole
// server on loopback with the real bundled snapshot (its /api/benchmarks answer is 68 MB), real
// DATA_DIRs and a prebuilt directory made the way `npm run build:lib` makes one (a saved version and
// its answers, copied). What a later start serves must be byte for byte what the first one computed.
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeResponse } from '../../src/api/responseCache.js';
import { ANSWERS_DIR_NAME, answerPath, encodeAnswerFile } from '../../src/cache/createAnswerFileStore.js';
import { VERSION_FILE_NAME } from '../../src/cache/createVersionFileStore.js';
import { answerCodeFingerprint } from '../../src/cache/versionSourceKey.js';
import { loadConfig } from '../../src/config.js';
import { startServer, type StartedApp } from '../../src/server/startServer.js';
import { request } from '../support/httpRequest.js';
import { createTempDirs } from '../support/tempDirs.js';
import { snapshotOf, SST2_MODELS } from '../support/testSnapshots.js';

const temp = createTempDirs('stored-answers');
const apps: StartedApp[] = [];
/** What REST GET /api/benchmarks and tRPC GET benchmarks.get?input={} are keyed by (their parsed input). */
const KEY = 'benchmarks.get?{"force_refresh":false,"include_synthetic":false}';

let firstDir: string;
let firstVersion: string;
let computed: { body: Buffer; etag: string };

async function start(dir: string, options: { prebuiltDir?: string | null; bundledSnapshot?: string; logs?: string[] } = {}) {
  const app = await startServer({
    config: loadConfig({ OFFLINE: '1', DATA_DIR: dir, HOST: '127.0.0.1', PORT: '0' }),
    refreshOnStart: false,
    prebuiltDir: options.prebuiltDir ?? null,
    bundledSnapshot: options.bundledSnapshot,
    log: (level, message) => options.logs?.push(`[${level}] ${message}`),
  });
  apps.push(app);
  return app;
}

async function stop(app: StartedApp) {
  apps.splice(apps.indexOf(app), 1);
  await app.close();
}

async function answerFiles(dir: string): Promise<string[]> {
  const root = path.join(dir, ANSWERS_DIR_NAME);
  if (!existsSync(root)) return [];
  return (await readdir(root, { recursive: true })).map(String).filter((n) => n.endsWith('.json.gz'));
}

/** A prebuilt directory as `npm run build:lib` lays one out: the saved version and its answers. */
async function prebuiltFrom(dir: string): Promise<string> {
  const prebuilt = await temp.make();
  await cp(path.join(dir, VERSION_FILE_NAME), path.join(prebuilt, VERSION_FILE_NAME));
  await cp(path.join(dir, ANSWERS_DIR_NAME), path.join(prebuilt, ANSWERS_DIR_NAME), { recursive: true });
  return prebuilt;
}

beforeAll(async () => {
  firstDir = await temp.make();
  const app = await start(firstDir);
  await app.cache.whenSaved();
  firstVersion = app.cache.status().dataset_version;
  const res = await request(`${app.server.url}/api/benchmarks`);
  expect(res.status).toBe(200);
  computed = { body: res.body, etag: String(res.headers.etag) };
  // Closing waits for the answer being written.
  await stop(app);
}, 120_000);

afterAll(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
  await temp.cleanup();
});

describe('stored answers', () => {
  it('keeps the computed /api/benchmarks answer with its version, one file for REST and tRPC', async () => {
    expect(computed.body.length).toBeGreaterThan(1024 * 1024);
    expect(await answerFiles(firstDir)).toHaveLength(1);
    const stored = await readFile(answerPath(path.join(firstDir, ANSWERS_DIR_NAME), firstVersion, KEY));
    const header = JSON.parse(stored.subarray(0, stored.indexOf(0x0a)).toString('utf8')) as { version_id: string; key: string; etag: string };
    expect(header).toMatchObject({ version_id: firstVersion, key: KEY, etag: computed.etag });
  });

  it('serves the stored answer byte for byte as computed, with the same ETag, 304 and gzip as stored, when the next start opens the same version', async () => {
    const app = await start(firstDir);
    expect(app.cache.status().dataset_version).toBe(firstVersion);
    const url = `${app.server.url}/api/benchmarks`;
    const identity = await request(url);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers['content-length']).toBe(String(computed.body.length));
    expect(identity.headers.etag).toBe(computed.etag);
    expect(Buffer.compare(identity.body, computed.body)).toBe(0);
    // Again, from the pieces the first one gunzipped.
    expect(Buffer.compare((await request(url)).body, computed.body)).toBe(0);
    expect((await request(url, { headers: { 'If-None-Match': computed.etag } })).status).toBe(304);
    // A gzip client gets the stored bytes as they are.
    const stored = await readFile(answerPath(path.join(firstDir, ANSWERS_DIR_NAME), firstVersion, KEY));
    const gz = await request(url, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Buffer.compare(gz.body, stored.subarray(stored.indexOf(0x0a) + 1))).toBe(0);
    expect(Buffer.compare(gunzipSync(gz.body), computed.body)).toBe(0);
    // So does a browser that also takes br: the stored gzip is sent rather than compressing 68 MB again.
    const browser = await request(url, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(browser.headers['content-encoding']).toBe('gzip');
    expect(Buffer.compare(browser.body, gz.body)).toBe(0);
    // tRPC's GET with input {} is the same query: its envelope around the same bytes, no second file.
    const trpc = await request(`${app.server.url}/trpc/benchmarks.get?input=${encodeURIComponent('{}')}`);
    expect(trpc.status).toBe(200);
    expect(Buffer.compare(trpc.body, Buffer.concat([Buffer.from('{"result":{"data":'), computed.body, Buffer.from('}}')]))).toBe(0);
    await stop(app);
    expect(await answerFiles(firstDir)).toHaveLength(1);
  }, 120_000);

  it('serves what the stored file holds instead of running the procedure when its guards hold', async () => {
    const dir = await temp.make();
    await cp(firstDir, dir, { recursive: true });
    // A file with every guard right but other bytes: only a start that reads it can answer with them.
    const other = encodeResponse({ stored: true });
    const file = answerPath(path.join(dir, ANSWERS_DIR_NAME), firstVersion, KEY);
    await writeFile(file, Buffer.concat(encodeAnswerFile({ version_id: firstVersion, code: answerCodeFingerprint(), key: KEY, etag: other.etag, identity_bytes: other.identity.length }, gzipSync(other.identity))));
    const app = await start(dir);
    const res = await request(`${app.server.url}/api/benchmarks`);
    expect(res.text).toBe('{"stored":true}');
    expect(res.headers.etag).toBe(other.etag);
  }, 120_000);

  it('never serves a changed stored answer: it is reported, computed again and written over', async () => {
    const dir = await temp.make();
    await cp(firstDir, dir, { recursive: true });
    const file = answerPath(path.join(dir, ANSWERS_DIR_NAME), firstVersion, KEY);
    const bytes = await readFile(file);
    bytes[bytes.length - 1000] ^= 0x01;
    await writeFile(file, bytes);
    const logs: string[] = [];
    const app = await start(dir, { logs });
    const res = await request(`${app.server.url}/api/benchmarks`);
    expect(Buffer.compare(res.body, computed.body)).toBe(0);
    expect(logs.join('\n')).toContain(`the stored answer ${file} could not be used (checksum mismatch`);
    await stop(app);
    const again = await readFile(file);
    expect(Buffer.compare(again, bytes)).not.toBe(0);
  }, 120_000);

  it('removes the answers of a version once a new version is saved', async () => {
    const dir = await temp.make();
    await cp(firstDir, dir, { recursive: true });
    const app = await start(dir);
    await app.cache.importSnapshot(snapshotOf(SST2_MODELS, { origin: 'hub' }));
    expect(app.cache.status().last_error).toBeNull();
    expect(app.cache.status().dataset_version).not.toBe(firstVersion);
    expect(await answerFiles(dir)).toEqual([]);
  }, 120_000);
});

describe('prebuilt version', () => {
  let prebuilt: string;
  beforeAll(async () => {
    prebuilt = await prebuiltFrom(firstDir);
  });

  it('opens the prebuilt version and serves its stored answer when DATA_DIR is empty, and writes nothing there', async () => {
    const dir = await temp.make();
    const before = await readFile(path.join(prebuilt, VERSION_FILE_NAME));
    const app = await start(dir, { prebuiltDir: prebuilt });
    expect(app.cache.status().dataset_version).toBe(firstVersion);
    const res = await request(`${app.server.url}/api/benchmarks`);
    expect(Buffer.compare(res.body, computed.body)).toBe(0);
    await stop(app);
    expect(existsSync(path.join(dir, VERSION_FILE_NAME))).toBe(false);
    expect(await answerFiles(dir)).toEqual([]);
    expect(Buffer.compare(await readFile(path.join(prebuilt, VERSION_FILE_NAME)), before)).toBe(0);
  }, 120_000);

  it('builds from the sources and reports a damaged prebuilt version without moving it', async () => {
    const damaged = await prebuiltFrom(firstDir);
    const file = path.join(damaged, VERSION_FILE_NAME);
    const bytes = await readFile(file);
    bytes[bytes.length - 10] ^= 0x01;
    await writeFile(file, bytes);
    const logs: string[] = [];
    const app = await start(await temp.make(), { prebuiltDir: damaged, logs });
    const status = app.cache.status();
    expect(status.dataset_version).not.toBe(firstVersion);
    expect(status.recovered).toEqual([expect.objectContaining({ file, reason: expect.stringContaining('the prebuilt dataset version could not be used (checksum mismatch') })]);
    expect(status.recovered[0].movedTo).toBeUndefined();
    expect(Buffer.compare(await readFile(file), bytes)).toBe(0);
    const res = await request(`${app.server.url}/api/benchmarks`);
    expect(res.json<{ dataset_version: string }>().dataset_version).toBe(status.dataset_version);
  }, 120_000);

  it('is not used when the bundled snapshot is another file (its source key differs)', async () => {
    const snapshotFile = path.join(await temp.make(), 'other.json');
    await writeFile(snapshotFile, JSON.stringify(snapshotOf(SST2_MODELS)));
    const logs: string[] = [];
    const app = await start(await temp.make(), { prebuiltDir: prebuilt, bundledSnapshot: snapshotFile, logs });
    expect(app.cache.status()).toMatchObject({ data_count: SST2_MODELS.length, recovered: [] });
    expect(logs.join('\n')).toContain(`prebuilt dataset version ${path.join(prebuilt, VERSION_FILE_NAME)} not used (built from other sources or by other code)`);
  }, 120_000);
});
