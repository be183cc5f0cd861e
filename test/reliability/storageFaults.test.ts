// Storage faults in DATA_DIR with the real app (startServer over a temp dir, real files): corrupt,
// truncated, empty, wrong-version and unreadable state and dataset files at start; a full disk
// while writing; two app instances sharing one DATA_DIR. The app must start, keep (or recover) the
// last good data, move bad files aside as `*.corrupt-<timestamp>` with their original bytes, and
// say what happened in status().recovered / last_error.
import { gzipSync } from 'node:zlib';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HubFetcher } from '../../src/cache/createBenchmarkCache.js';
import { createConfStore } from '../../src/cache/createConfStore.js';
import { DATASET_FILE_NAME } from '../../src/cache/createDatasetFileStore.js';
import type { KeyValueStore } from '../../src/cache/storagePort.js';
import { loadConfig } from '../../src/config.js';
import type { SnapshotFile } from '../../src/schemas/snapshotSchemas.js';
import { startServer, type StartedApp } from '../../src/server/startServer.js';
import { readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';
import { request } from '../support/httpRequest.js';
import { createOutcomeTable, unreadable, writeFixtureSnapshot } from '../support/reliability.js';
import { createTempDirs } from '../support/tempDirs.js';
import { hubModel, snapshotOf, SST2_MODELS, WER_MODELS } from '../support/testSnapshots.js';

// A full disk, simulated where the app writes its dataset: the temp file of writeSnapshotFile gets
// part of its bytes, then ENOSPC, exactly like write(2) on a full filesystem.
const diskFull = vi.hoisted(() => ({ dir: undefined as string | undefined, hits: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open = (async (file: Parameters<typeof real.open>[0], ...rest: unknown[]) => {
    const handle = await (real.open as (...a: unknown[]) => ReturnType<typeof real.open>)(file, ...rest);
    const name = String(file);
    if (diskFull.dir && name.startsWith(diskFull.dir) && name.endsWith('.tmp')) {
      const realWrite = handle.write.bind(handle) as (data: Uint8Array) => Promise<unknown>;
      // The file is written whole or a piece at a time: either way part of it lands, then ENOSPC.
      const full = async (data: Uint8Array | string) => {
        diskFull.hits++;
        await realWrite(Buffer.from(data as Uint8Array).subarray(0, 64));
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
      };
      handle.writeFile = full as typeof handle.writeFile;
      handle.write = full as typeof handle.write;
    }
    return handle;
  }) as typeof real.open;
  return { ...real, open, default: { ...real, open } };
});

const temp = createTempDirs('storage-faults');
const STATE = 'state.json';
const BUNDLED = snapshotOf([...SST2_MODELS, ...WER_MODELS]);
const models = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    hubModel({ id: `${prefix}/model-${i}`, task: 'text-classification', downloads: 100 - i, results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.8 + i / 100 }] }),
  );
const LAST_GOOD = snapshotOf(models('good', 4), { origin: 'hub', fetched_at: '2026-08-15T00:00:00.000Z' });
const NEXT = snapshotOf(models('next', 6), { origin: 'hub', fetched_at: '2026-08-20T00:00:00.000Z' });
const VALID_STATE = JSON.stringify(
  {
    'refresh.lastOutcome': { status: 'ok', at: '2026-08-15T00:00:00.000Z', started_at: '2026-08-15T00:00:00.000Z', failed_tasks: [], models: 11, results: 9 },
    'refresh.lastSuccessAt': '2026-08-15T00:00:00.000Z',
    'refresh.lastAttemptAt': '2026-08-15T00:00:00.000Z',
  },
  null,
  '\t',
);

/** The last good dataset as the app writes it (gzip of the compact JSON). */
const lastGoodGz = gzipSync(Buffer.from(JSON.stringify(LAST_GOOD)), { level: 9 });
let bundledFile: string;
const apps: StartedApp[] = [];
const table = createOutcomeTable<{ fault: string; started: string; serving: string; recovered: string; 'moved aside (bytes kept)': string; says: string }>(
  'Storage fault → outcome at start',
);

beforeAll(async () => {
  bundledFile = await writeFixtureSnapshot(await temp.make(), BUNDLED);
  expect(ids(await readSnapshotFile(await writeFixtureSnapshot(await temp.make(), LAST_GOOD)))).toEqual(ids(LAST_GOOD));
});

afterAll(async () => {
  for (const app of apps.splice(0)) await app.close().catch(() => undefined);
  await temp.cleanup();
  console.log(table.render());
});

interface BootOptions {
  fetchFromHub?: HubFetcher;
  store?: KeyValueStore;
}

async function boot(dir: string, options: BootOptions = {}): Promise<{ app: StartedApp; logs: string[] }> {
  const logs: string[] = [];
  const app = await startServer({
    // Offline unless a local fetcher is given: nothing here may reach the real Hub.
    config: loadConfig({ DATA_DIR: dir, PORT: '0', OFFLINE: options.fetchFromHub ? '0' : '1' }),
    bundledSnapshot: bundledFile,
    fetchFromHub: options.fetchFromHub,
    store: options.store,
    refreshOnStart: false,
    log: (level, message) => {
      if (level !== 'debug') logs.push(`${level}: ${message}`);
    },
  });
  apps.push(app);
  return { app, logs };
}

async function stop(app: StartedApp) {
  await app.close();
  apps.splice(apps.indexOf(app), 1);
}

const fetcherOf = (snapshot: SnapshotFile): HubFetcher => async () => snapshot;
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const ids = (s: SnapshotFile) => s.models.map((m) => m.id).sort();
const union = (...layers: SnapshotFile[]) => new Set(layers.flatMap((l) => l.models.map((m) => m.id))).size;

async function statusOf(app: StartedApp) {
  const res = await request(`${app.server.url}/api/cache-status`);
  return res;
}

/**
 * The shared checks for a file that was bad at start. `allowLeftInPlace`: a file that cannot be read
 * at all (a folder, no permission) may also stay where it is, untouched, as long as it is reported.
 */
async function expectMovedAside(
  name: string,
  dir: string,
  file: string,
  original: Buffer | 'directory',
  app: StartedApp,
  logs: string[],
  serving: { source: string; count: number },
  allowLeftInPlace = false,
) {
  const res = await statusOf(app);
  const status = res.status === 200 ? res.json() : app.cache.status();
  const notice = (status.recovered as { file: string; movedTo?: string; reason: string }[]).find((r) => r.file === path.join(dir, file));
  const moved = notice?.movedTo;
  const holdsOriginal = (f: string) => existsSync(f) && (original === 'directory' ? statSync(f).isDirectory() : readFileSync(f).equals(original));
  const bytesKept = moved !== undefined && holdsOriginal(moved);
  const leftInPlace = allowLeftInPlace && notice !== undefined && moved === undefined && holdsOriginal(path.join(dir, file));
  table.add({
    fault: name,
    started: 'yes',
    serving: `${status.source}, ${status.data_count} models`,
    recovered: notice ? 'yes' : 'NO',
    'moved aside (bytes kept)': moved ? `${path.basename(moved)} (${bytesKept ? 'yes' : 'NO'})` : leftInPlace ? 'left in place, untouched' : 'NO',
    says: (notice?.reason ?? '-').slice(0, 90),
  });

  expect(res.status, `GET /api/cache-status: ${res.text.slice(0, 300)}`).toBe(200);
  expect(notice, `a recovery notice for ${file} in ${JSON.stringify(status.recovered)}`).toBeDefined();
  if (!leftInPlace) {
    expect(moved).toMatch(new RegExp(`${file.replace(/\./g, '\\.')}\\.corrupt-\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z$`));
    expect(bytesKept, 'the moved-aside file holds the original bytes').toBe(true);
  }
  expect(unreadable(notice!.reason), notice!.reason).toBeUndefined();
  expect(logs.some((l) => l.startsWith('warn') && l.includes(file)), `a warning naming ${file} in ${JSON.stringify(logs)}`).toBe(true);
  expect({ source: status.source, count: status.data_count }).toEqual(serving);
  const bench = await request(`${app.server.url}/api/benchmarks`);
  expect(bench.status).toBe(200);
  expect(bench.json().data).toHaveLength(serving.count);
}

const half = (s: string | Buffer) => (typeof s === 'string' ? s.slice(0, Math.floor(s.length / 2)) : s.subarray(0, Math.floor(s.length / 2)));
const garbage = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256));


/** chmod 000 the file; where that does not block reads (running as root), record and skip the test. */
function makeUnreadableOrSkip(file: string, fault: string, ctx: { skip: (note?: string) => void }) {
  chmodSync(file, 0o000);
  let blocked = false;
  try {
    readFileSync(file);
  } catch {
    blocked = true;
  }
  if (!blocked) {
    chmodSync(file, 0o600);
    table.add({ fault, started: '-', serving: '-', recovered: '-', 'moved aside (bytes kept)': '-', says: 'skipped: running as root, chmod 000 does not block reads' });
    ctx.skip('running as root: chmod 000 does not block reads; the directory-in-place case covers an unreadable file');
  }
}

describe('storage faults at start', () => {
  describe('state.json', () => {
    const cases: { name: string; bytes: Buffer }[] = [
      { name: 'corrupt (not JSON)', bytes: Buffer.from('{"refresh.lastOutcome": {"status": "ok", "at": \u0000\u0001 garbage') },
      { name: 'truncated', bytes: Buffer.from(half(VALID_STATE)) },
      { name: 'empty', bytes: Buffer.alloc(0) },
      { name: 'binary garbage', bytes: garbage },
    ];
    it.each(cases)('state.json $name → starts, keeps the dataset, moves the file aside', async ({ name, bytes }) => {
      const dir = await temp.make();
      writeFileSync(path.join(dir, DATASET_FILE_NAME), lastGoodGz);
      writeFileSync(path.join(dir, STATE), bytes);
      const { app, logs } = await boot(dir);
      await expectMovedAside(`state.json ${name}`, dir, STATE, bytes, app, logs, { source: 'hub', count: union(BUNDLED, LAST_GOOD) });
    });

    it('state.json from another version (valid JSON, values of the wrong shape) → starts, cache-status answers, the file is reported (moved aside or kept)', async () => {
      const dir = await temp.make();
      writeFileSync(path.join(dir, DATASET_FILE_NAME), lastGoodGz);
      const bytes = Buffer.from(JSON.stringify({ 'refresh.lastOutcome': { status: 'cancelled', at: 1_723_680_000 }, 'refresh.lastSuccessAt': { $date: 1_723_680_000 }, schema: 7 }));
      writeFileSync(path.join(dir, STATE), bytes);
      const { app, logs } = await boot(dir);
      await expectMovedAside('state.json from another version', dir, STATE, bytes, app, logs, { source: 'hub', count: union(BUNDLED, LAST_GOOD) }, true);
    });

    it('state.json unreadable (chmod 000) → starts, reports it (moved aside or left untouched)', async (ctx) => {
      const dir = await temp.make();
      writeFileSync(path.join(dir, DATASET_FILE_NAME), lastGoodGz);
      const file = path.join(dir, STATE);
      writeFileSync(file, VALID_STATE);
      makeUnreadableOrSkip(file, 'state.json chmod 000', ctx);
      const { app, logs } = await boot(dir);
      await expectMovedAside('state.json chmod 000', dir, STATE, Buffer.from(VALID_STATE), app, logs, { source: 'hub', count: union(BUNDLED, LAST_GOOD) }, true);
    });

    it('state.json unreadable (a directory in its place) → starts, reports it (moved aside or left untouched)', async () => {
      const dir = await temp.make();
      writeFileSync(path.join(dir, DATASET_FILE_NAME), lastGoodGz);
      mkdirSync(path.join(dir, STATE));
      writeFileSync(path.join(dir, STATE, 'inside.txt'), 'kept');
      const { app, logs } = await boot(dir);
      await expectMovedAside('state.json is a directory', dir, STATE, 'directory', app, logs, { source: 'hub', count: union(BUNDLED, LAST_GOOD) }, true);
    });
  });

  describe(DATASET_FILE_NAME, () => {
    const wrongVersion = gzipSync(Buffer.from(JSON.stringify({ ...LAST_GOOD, version: 2 })));
    const cases: { name: string; bytes: Buffer }[] = [
      { name: 'corrupt (not gzip, not JSON)', bytes: garbage },
      { name: 'truncated gzip', bytes: half(lastGoodGz) as Buffer },
      { name: 'empty', bytes: Buffer.alloc(0) },
      { name: 'wrong version (2)', bytes: wrongVersion },
      { name: 'not a snapshot (format missing)', bytes: gzipSync(Buffer.from(JSON.stringify({ models: [] }))) },
      { name: 'invalid (models is a string)', bytes: gzipSync(Buffer.from(JSON.stringify({ ...LAST_GOOD, models: 'x' }))) },
    ];
    it.each(cases)('dataset $name → starts on the bundled snapshot, moves the file aside', async ({ name, bytes }) => {
      const dir = await temp.make();
      writeFileSync(path.join(dir, STATE), VALID_STATE);
      writeFileSync(path.join(dir, DATASET_FILE_NAME), bytes);
      const { app, logs } = await boot(dir);
      await expectMovedAside(`dataset ${name}`, dir, DATASET_FILE_NAME, bytes, app, logs, { source: 'snapshot', count: union(BUNDLED) });
    });

    it('dataset corrupt but its .previous copy is good → serves the previous copy', async () => {
      const dir = await temp.make();
      writeFileSync(path.join(dir, DATASET_FILE_NAME), garbage);
      writeFileSync(path.join(dir, `${DATASET_FILE_NAME}.previous`), lastGoodGz);
      const { app, logs } = await boot(dir);
      await expectMovedAside('dataset corrupt, .previous good', dir, DATASET_FILE_NAME, garbage, app, logs, { source: 'hub', count: union(BUNDLED, LAST_GOOD) });
    });

    it('dataset unreadable (chmod 000) → starts on the bundled snapshot, reports it (moved aside or left untouched)', async (ctx) => {
      const dir = await temp.make();
      const file = path.join(dir, DATASET_FILE_NAME);
      writeFileSync(file, lastGoodGz);
      makeUnreadableOrSkip(file, 'dataset chmod 000', ctx);
      const { app, logs } = await boot(dir);
      await expectMovedAside('dataset chmod 000', dir, DATASET_FILE_NAME, lastGoodGz, app, logs, { source: 'snapshot', count: union(BUNDLED) }, true);
    });

    it('dataset unreadable (a directory in its place) → starts on the bundled snapshot, reports it; a blocked save is reported too', async () => {
      const dir = await temp.make();
      mkdirSync(path.join(dir, DATASET_FILE_NAME));
      const { app, logs } = await boot(dir, { fetchFromHub: fetcherOf(NEXT) });
      await expectMovedAside('dataset is a directory', dir, DATASET_FILE_NAME, 'directory', app, logs, { source: 'snapshot', count: union(BUNDLED) }, true);
      // Left in place, it blocks every save: that must be said, and the fetched data still served.
      if (existsSync(path.join(dir, DATASET_FILE_NAME)) && statSync(path.join(dir, DATASET_FILE_NAME)).isDirectory()) {
        expect((await app.cache.refresh().promise).status).toBe('ok');
        const status = app.cache.status();
        expect(status.data_count).toBe(union(BUNDLED, NEXT));
        expect(status.last_error).toMatch(/could not save/);
      }
    });
  });

  it('both files corrupt → starts on the bundled snapshot with two recovery notices', async () => {
    const dir = await temp.make();
    writeFileSync(path.join(dir, STATE), garbage);
    writeFileSync(path.join(dir, DATASET_FILE_NAME), garbage);
    const { app } = await boot(dir);
    const status = (await statusOf(app)).json();
    expect(status.recovered.map((r: { file: string }) => path.basename(r.file)).sort()).toEqual([DATASET_FILE_NAME, STATE].sort());
    expect(status.source).toBe('snapshot');
  });

  it('a moved-aside file survives the next save and restart, and is not reported again', async () => {
    const dir = await temp.make();
    writeFileSync(path.join(dir, DATASET_FILE_NAME), garbage);
    const first = await boot(dir, { fetchFromHub: fetcherOf(NEXT) });
    const moved = first.app.cache.status().recovered[0]?.movedTo;
    expect(moved).toBeDefined();
    expect((await first.app.cache.refresh().promise).status).toBe('ok');
    await stop(first.app);

    const second = await boot(dir);
    const status = second.app.cache.status();
    expect(status.recovered).toEqual([]);
    expect({ source: status.source, count: status.data_count }).toEqual({ source: 'hub', count: union(BUNDLED, NEXT) });
    expect(readFileSync(moved!).equals(garbage)).toBe(true);
  });
});

describe('disk full while writing', () => {
  it('the dataset write fails with ENOSPC → new data served from memory, error reported, last good file intact, restart serves it', async () => {
    const dir = await temp.make();
    writeFileSync(path.join(dir, STATE), VALID_STATE);
    writeFileSync(path.join(dir, DATASET_FILE_NAME), lastGoodGz);
    diskFull.dir = dir;
    diskFull.hits = 0;
    try {
      const { app } = await boot(dir, { fetchFromHub: fetcherOf(NEXT) });
      const outcome = await app.cache.refresh().promise;
      expect(diskFull.hits, 'the simulated full disk was hit').toBeGreaterThan(0);
      const status = (await statusOf(app)).json();
      table.add({
        fault: 'disk full (ENOSPC) writing the dataset',
        started: 'yes',
        serving: `${status.source}, ${status.data_count} models`,
        recovered: '-',
        'moved aside (bytes kept)': `file on disk unchanged: ${readFileSync(path.join(dir, DATASET_FILE_NAME)).equals(lastGoodGz) ? 'yes' : 'NO'}`,
        says: `outcome ${outcome.status}; ${(status.last_error ?? '-').slice(0, 70)}`,
      });
      expect(status.data_count, 'the fetched data is served from memory').toBe(union(BUNDLED, NEXT));
      expect(status.last_error).toMatch(/could not save/);
      expect(status.last_error).toMatch(/ENOSPC|no space/);
      expect(readFileSync(path.join(dir, DATASET_FILE_NAME)).equals(lastGoodGz), 'the last good file is untouched').toBe(true);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp')), 'no half-written temp files left behind').toEqual([]);
      await stop(app);
    } finally {
      diskFull.dir = undefined;
    }

    const restarted = await boot(dir, { fetchFromHub: fetcherOf(NEXT) });
    const after = restarted.app.cache.status();
    expect({ source: after.source, count: after.data_count, recovered: after.recovered }).toEqual({ source: 'hub', count: union(BUNDLED, LAST_GOOD), recovered: [] });
    // Space again: the next refresh saves and the error goes away.
    expect((await restarted.app.cache.refresh().promise).status).toBe('ok');
    expect(restarted.app.cache.status().last_error).toBeNull();
    expect(ids(await readSnapshotFile(path.join(dir, DATASET_FILE_NAME)))).toEqual(ids(NEXT));
  });

  it('the state write fails with ENOSPC → the refresh still ends with a recorded outcome, nothing rejects, the app keeps serving', async () => {
    const dir = await temp.make();
    writeFileSync(path.join(dir, DATASET_FILE_NAME), lastGoodGz);
    const { store } = createConfStore({ dir });
    let full = false;
    const failing: KeyValueStore = {
      get: (key) => store.get(key),
      delete: (key) => store.delete(key),
      path: store.path,
      setMany: (entries) => {
        if (full) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${store.path}'`), { code: 'ENOSPC' });
        store.setMany(entries);
      },
    };
    const { app } = await boot(dir, { fetchFromHub: fetcherOf(NEXT), store: failing });
    full = true;
    let rejected: unknown;
    const outcome = await app.cache.refresh().promise.catch((error: unknown) => {
      rejected = error;
      return undefined;
    });
    const res = await statusOf(app);
    const status = res.status === 200 ? res.json() : undefined;
    table.add({
      fault: 'disk full (ENOSPC) writing state.json',
      started: 'yes',
      serving: status ? `${status.source}, ${status.data_count} models` : `cache-status ${res.status}`,
      recovered: '-',
      'moved aside (bytes kept)': '-',
      says: rejected ? `refresh promise REJECTED: ${(rejected as Error).message.slice(0, 60)}` : `outcome ${outcome?.status}; ${(status?.last_error ?? '-').slice(0, 60)}`,
    });
    expect(rejected, 'refresh().promise rejected: the store error escaped the cache').toBeUndefined();
    expect(res.status).toBe(200);
    expect(status.last_error ?? '', 'the failed state write is reported').toMatch(/ENOSPC|no space|state/);
    expect((await request(`${app.server.url}/api/benchmarks`)).status).toBe(200);
  });
});

describe('two app instances on one DATA_DIR', () => {
  it('both refresh and save at the same time, round after round → both keep serving; the file on disk is always one whole snapshot', async () => {
    const dir = await temp.make();
    writeFileSync(path.join(dir, DATASET_FILE_NAME), lastGoodGz);
    const ROUNDS = 6;
    let gate = deferred();
    let entered = 0;
    const produced = { a: [] as SnapshotFile[], b: [] as SnapshotFile[] };
    const gatedFetcher = (name: 'a' | 'b', size: number): HubFetcher => async () => {
      entered++;
      await gate.promise;
      const round = produced[name].length;
      const s = snapshotOf(models(`${name}${round}`, size + round), { origin: 'hub', fetched_at: new Date(Date.UTC(2026, 7, 20, round)).toISOString() });
      produced[name].push(s);
      return s;
    };
    const a = await boot(dir, { fetchFromHub: gatedFetcher('a', 5) });
    const b = await boot(dir, { fetchFromHub: gatedFetcher('b', 40) });

    for (let round = 0; round < ROUNDS; round++) {
      gate = deferred();
      entered = 0;
      const pa = a.app.cache.refresh().promise;
      const pb = b.app.cache.refresh().promise;
      while (entered < 2) await new Promise((r) => setImmediate(r));
      gate.resolve();
      // Readers on both instances while both save.
      const reads = await Promise.all([a, b].flatMap(({ app }) => Array.from({ length: 4 }, () => request(`${app.server.url}/api/benchmarks`))));
      const [oa, ob] = await Promise.all([pa, pb]);
      expect([oa.status, ob.status], `round ${round}: ${oa.reason ?? ''} ${ob.reason ?? ''}`).toEqual(['ok', 'ok']);
      expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
      expect(a.app.cache.status().last_error, 'instance a').toBeNull();
      expect(b.app.cache.status().last_error, 'instance b').toBeNull();
      const onDisk = ids(await readSnapshotFile(path.join(dir, DATASET_FILE_NAME)));
      expect([ids(produced.a[round]), ids(produced.b[round])], `round ${round}: the file holds one instance's whole snapshot`).toContainEqual(onDisk);
    }
    // The dataset version is saved after a refresh has answered: wait for both saves to end.
    await Promise.all([a.app.cache.whenSaved(), b.app.cache.whenSaved()]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp')), 'no temp files left behind').toEqual([]);
    expect(() => JSON.parse(readFileSync(path.join(dir, STATE), 'utf8'))).not.toThrow();

    const third = await boot(dir);
    const status = third.app.cache.status();
    expect(status.recovered).toEqual([]);
    expect([union(BUNDLED, produced.a[ROUNDS - 1]), union(BUNDLED, produced.b[ROUNDS - 1])]).toContain(status.data_count);
    table.add({
      fault: `two instances, ${ROUNDS} concurrent refresh+save rounds`,
      started: 'yes (both)',
      serving: `${status.source}, ${status.data_count} models after restart`,
      recovered: 'none needed',
      'moved aside (bytes kept)': '-',
      says: 'file valid after every round',
    });
  });
});
