// The saved dataset version, on real files in a temp dir: it reads back as the version it was built
// as; another format version or other sources make it stale (rebuilt, never served); damaged bytes
// fail the checksum and are moved aside with their bytes kept; the cache opens a saved version
// without reading its sources and rebuilds from them when the saved one is stale or damaged.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBenchmarkCache, type BenchmarkCache, type PersistedLayers } from '../../src/cache/createBenchmarkCache.js';
import { createDatasetFileStore, DATASET_FILE_NAME } from '../../src/cache/createDatasetFileStore.js';
import { createVersionFileStore, hashFile, VERSION_FILE_FORMAT_VERSION, VERSION_FILE_NAME } from '../../src/cache/createVersionFileStore.js';
import { createMemoryStore } from '../../src/cache/storagePort.js';
import { versionSourceKey } from '../../src/cache/versionSourceKey.js';
import { buildDatasetVersion, type DatasetVersion } from '../../src/pipeline/buildDatasetVersion.js';
import type { SnapshotFile } from '../../src/schemas/snapshotSchemas.js';
import { writeSnapshotFile } from '../../src/snapshot/writeSnapshotFile.js';
import { createTempDirs } from '../support/tempDirs.js';
import { hubModel, snapshotOf, SST2_MODELS, WER_MODELS } from '../support/testSnapshots.js';

const temp = createTempDirs('version-file');
const caches: BenchmarkCache[] = [];
afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.close()));
  await temp.cleanup();
});

const AT = new Date('2026-09-01T12:34:56.789Z');
const SUFFIX = '.corrupt-2026-09-01T12-34-56-789Z';
const BUNDLED = snapshotOf(WER_MODELS, { origin: 'bundled', fetched_at: '2026-08-01T00:00:00.000Z' });
const FETCHED = snapshotOf(SST2_MODELS, { origin: 'hub', fetched_at: '2026-09-01T00:00:00.000Z' });
const NEWER = snapshotOf([...SST2_MODELS, hubModel({ id: 'cls/newcomer', task: 'text-classification', results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.5 }] })], {
  origin: 'hub',
  fetched_at: '2026-09-02T00:00:00.000Z',
});
const HEADS: PersistedLayers = { heads: {} };

/** What readers see of a version: its records and analytics as JSON. */
const seen = (v: DatasetVersion) => JSON.parse(JSON.stringify({ records: v.records, analytics: v.analytics, enrich: v.enrich, id: v.id }));

describe('createVersionFileStore', () => {
  it('reads back the version it saved, with leaderboard entries pointing at the records’ own objects', async () => {
    const dir = await temp.make();
    const store = createVersionFileStore<PersistedLayers>({ dir });
    const version = buildDatasetVersion([BUNDLED, FETCHED], { now: AT.toISOString() });
    await store.save(version, HEADS, 'key-1');
    const loaded = await store.load('key-1');
    expect(loaded.state).toBe('loaded');
    if (loaded.state !== 'loaded') return;
    const back = loaded.persisted.version;
    expect(seen(back)).toEqual(seen(version));
    expect(back.records.length).toBeGreaterThan(0);
    const entry = back.analytics.leaderboards[0].entries[0];
    expect(back.byId.get(entry.model_info.model_id.toLowerCase())?.model_info).toBe(entry.model_info);
    expect(back.leaderboardByKey.get(back.analytics.leaderboards[0].key)).toBe(back.analytics.leaderboards[0]);
    expect(await readdir(dir)).toEqual([VERSION_FILE_NAME]);
  });

  it('knows its record count and task types from the file, before its records are built', async () => {
    const dir = await temp.make();
    const store = createVersionFileStore<PersistedLayers>({ dir });
    const version = buildDatasetVersion([BUNDLED, FETCHED, NEWER], { now: AT.toISOString() });
    await store.save(version, HEADS, 'key-1');
    const loaded = await store.load('key-1');
    if (loaded.state !== 'loaded') throw new Error(loaded.state);
    const back = loaded.persisted.version;
    // 4 speech + 3 + 1 classification models (testSnapshots), over two tasks.
    expect(back.recordStats?.count).toBe(8);
    expect([...(back.recordStats?.taskTypes ?? [])].sort()).toEqual(['automatic-speech-recognition', 'text-classification']);
    expect(back.recordStats?.count).toBe(version.records.length);
    expect(seen(back)).toEqual(seen(version));
  });

  it('calls a version stale and leaves its file in place when it was built from other sources', async () => {
    const dir = await temp.make();
    const store = createVersionFileStore<PersistedLayers>({ dir });
    await store.save(buildDatasetVersion([BUNDLED]), HEADS, 'key-1');
    expect(await store.load('key-2')).toEqual({ state: 'stale', reason: expect.stringContaining('other sources') });
    expect(await readdir(dir)).toEqual([VERSION_FILE_NAME]);
  });

  it('calls a version stale when its file has another format version', async () => {
    const dir = await temp.make();
    const store = createVersionFileStore<PersistedLayers>({ dir });
    await store.save(buildDatasetVersion([BUNDLED]), HEADS, 'key-1');
    const file = join(dir, VERSION_FILE_NAME);
    const bytes = await readFile(file);
    // Same length, so only the number differs: "format_version":1 → 9.
    const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8');
    const other = header.replace(`"format_version":${VERSION_FILE_FORMAT_VERSION}`, '"format_version":9');
    expect(other).not.toBe(header);
    await writeFile(file, Buffer.concat([Buffer.from(other, 'utf8'), bytes.subarray(header.length)]));
    expect(await store.load('key-1')).toEqual({ state: 'stale', reason: expect.stringContaining('format version 9') });
  });

  it('moves a file whose bytes fail the checksum aside, bytes kept, and serves nothing from it', async () => {
    const dir = await temp.make();
    const store = createVersionFileStore<PersistedLayers>({ dir, now: () => AT });
    await store.save(buildDatasetVersion([BUNDLED, FETCHED]), HEADS, 'key-1');
    const file = join(dir, VERSION_FILE_NAME);
    const bytes = await readFile(file);
    bytes[bytes.length - 3] ^= 0xff; // one flipped byte in the columns
    await writeFile(file, bytes);
    const loaded = await store.load('key-1');
    expect(loaded).toEqual({
      state: 'corrupt',
      notice: { file, movedTo: `${file}${SUFFIX}`, reason: expect.stringContaining('checksum mismatch'), at: AT.toISOString() },
    });
    expect((await readFile(`${file}${SUFFIX}`)).equals(bytes)).toBe(true);
    expect(await readdir(dir)).toEqual([`${VERSION_FILE_NAME}${SUFFIX}`]);
  });

  it('moves a truncated file aside', async () => {
    const dir = await temp.make();
    const store = createVersionFileStore<PersistedLayers>({ dir, now: () => AT });
    await store.save(buildDatasetVersion([BUNDLED]), HEADS, 'key-1');
    const file = join(dir, VERSION_FILE_NAME);
    await writeFile(file, (await readFile(file)).subarray(0, 200));
    expect(await store.load('key-1')).toMatchObject({ state: 'corrupt', notice: { movedTo: `${file}${SUFFIX}` } });
  });
});

describe('createBenchmarkCache with a saved version', () => {
  /** A cache over real files in `dir`, counting how often it reads the bundled snapshot. */
  async function open(dir: string, bundled: SnapshotFile = BUNDLED) {
    const reads = { bundled: 0, sourceKeys: 0 };
    const files = createDatasetFileStore({ dir });
    const cache = createBenchmarkCache({
      store: createMemoryStore(),
      ttlMinutes: 60,
      files,
      loadBundled: async () => {
        reads.bundled++;
        return bundled;
      },
      versionFiles: createVersionFileStore<PersistedLayers>({ dir, now: () => AT }),
      sourceKey: async () => {
        reads.sourceKeys++;
        return versionSourceKey({ bundled: JSON.stringify(bundled.sources), fetched: await files.fingerprint!() });
      },
      clock: () => AT.getTime(),
    });
    await cache.start();
    await cache.whenSaved();
    caches.push(cache);
    return { cache, reads };
  }

  /** A first run on `dir` that imports FETCHED (so a version is saved) and closes: what it showed. */
  async function savedAfterImport(dir: string) {
    const first = await open(dir);
    await first.cache.importSnapshot(FETCHED);
    const shown = seen(first.cache.current());
    await first.cache.close();
    return shown;
  }

  it('opens the saved version at the next start without reading its sources', async () => {
    const dir = await temp.make();
    const before = await savedAfterImport(dir);

    const again = await open(dir);
    expect(again.reads.bundled).toBe(0);
    expect(seen(again.cache.current())).toEqual(before);
    expect(again.cache.status()).toMatchObject({ source: 'import', data_count: BUNDLED.models.length + FETCHED.models.length, recovered: [] });
    // Its raw layers are read back from their files when an export needs them.
    const layers = await again.cache.exportLayers();
    expect(layers.map((l) => l.models.length)).toEqual([BUNDLED.models.length, FETCHED.models.length]);
    expect(again.reads.bundled).toBe(1);
  });

  it('rebuilds from the sources, never serving the saved version, when a source changed since it was saved', async () => {
    const dir = await temp.make();
    await savedAfterImport(dir);
    // Another program (or an older copy of this app) replaced the fetched dataset.
    await writeSnapshotFile(join(dir, DATASET_FILE_NAME), NEWER);

    const again = await open(dir);
    expect(again.reads.bundled).toBe(1);
    expect(again.cache.current().byId.has('cls/newcomer')).toBe(true);
    expect(again.cache.status().data_count).toBe(BUNDLED.models.length + NEWER.models.length);
    // The rebuilt version is saved for the next start, under the new sources' key.
    const third = await open(dir);
    expect(third.reads.bundled).toBe(0);
    expect(third.cache.current().byId.has('cls/newcomer')).toBe(true);
    expect(await hashFile(join(dir, VERSION_FILE_NAME))).toBeDefined();
  });

  it('hashes its sources once per start, and again only after a layer’s file is written', async () => {
    const dir = await temp.make();
    // No saved version: the start builds one and saves it under the key it computed to look for one.
    const first = await open(dir);
    expect(first.reads.sourceKeys).toBe(1);
    await first.cache.importSnapshot(FETCHED);
    expect(first.reads.sourceKeys).toBe(2);
    await first.cache.close();
    const again = await open(dir);
    expect(again.reads.sourceKeys).toBe(1);
  });

  it('moves a damaged saved version aside, reports it and rebuilds the same data from the sources', async () => {
    const dir = await temp.make();
    const before = await savedAfterImport(dir);
    const file = join(dir, VERSION_FILE_NAME);
    const bytes = await readFile(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    await writeFile(file, bytes);

    const again = await open(dir);
    expect(again.reads.bundled).toBe(1);
    const { id: _id, ...rebuilt } = seen(again.cache.current());
    const { id: _before, ...expected } = before;
    expect(rebuilt).toEqual(expected);
    expect(again.cache.status().recovered).toEqual([
      { file, movedTo: `${file}${SUFFIX}`, reason: expect.stringContaining('checksum mismatch'), at: AT.toISOString() },
    ]);
    expect((await readFile(`${file}${SUFFIX}`)).equals(bytes)).toBe(true);
  });
});
