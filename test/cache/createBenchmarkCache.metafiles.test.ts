// The cache's layer of imported model-zoo metafiles, over real files in a temp dir: kept in its own
// file (atomically, a corrupt one moved aside), across restarts, under refreshes and snapshot
// imports, and folded into exports.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import { DATASET_FILE_NAME, METAFILE_DATASET_FILE_NAME } from '../../src/cache/createDatasetFileStore.js';
import type { BenchmarkRecord } from '../../src/schemas/benchmarkSchemas.js';
import { combineLayersForExport } from '../../src/snapshot/combineLayersForExport.js';
import { prepareMetafileImport } from '../../src/snapshot/prepareMetafileImport.js';
import { readMetafileTree } from '../../src/snapshot/readMetafileTree.js';
import { readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';
import type { MetafileImport } from '../../src/snapshot/mergeMetafileImport.js';
import { createTempDirs } from '../support/tempDirs.js';
import { countingFetcher, createTestClock, openTestCache, T0 } from '../support/testCache.js';
import { hubModel, snapshotOf, SST2_MODELS, WER_MODELS } from '../support/testSnapshots.js';

const labZoo = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'test', 'fixtures', 'metafiles', 'lab-zoo');
const BUNDLED = snapshotOf([...WER_MODELS, ...SST2_MODELS], { fetched_at: '2026-08-01T00:00:00.000Z' });
const BUNDLED_COUNT = WER_MODELS.length + SST2_MODELS.length; // 7
const HUB = snapshotOf([hubModel({ id: 'hub/one', task: 'text-classification', results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.8 }] })], {
  origin: 'hub',
  fetched_at: new Date(T0).toISOString(),
});

let lab: MetafileImport;
beforeAll(async () => {
  const { files } = await readMetafileTree(labZoo);
  lab = prepareMetafileImport(files, { label: 'lab-zoo', filePrefix: 'lab-zoo/' }).input;
});

const temp = createTempDirs('metafile-layer');
const open: BenchmarkCache[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await temp.cleanup();
});

async function openCache(dir: string, options: Partial<Parameters<typeof openTestCache>[0]> = {}) {
  const cache = await openTestCache({ dir, bundled: BUNDLED, offline: true, clock: createTestClock(), ...options });
  open.push(cache);
  return cache;
}

const zooRecords = (cache: BenchmarkCache): BenchmarkRecord[] => cache.current().records.filter((r) => r.model_info.model_zoo);
const values = (records: BenchmarkRecord[]) =>
  records.flatMap((r) => r.evaluation_results.map((x) => `${r.model_info.model_id} ${x.dataset_name} ${x.metric_id} ${x.value} ${x.source} ${x.snapshot_file}`)).sort();

describe('createBenchmarkCache', () => {
  describe('imported metafiles', () => {
    it('adds the models on top of the other layers, names the zoo as a source and saves the layer in its own file', async () => {
      const dir = await temp.make();
      const cache = await openCache(dir);
      const s = await cache.importMetafiles(lab);
      // test/fixtures/metafiles/lab-zoo: 4 usable models (lab-net-s, lab-net-xs, seglab-r50_voc, partly-usable).
      expect(s).toMatchObject({ data_count: BUNDLED_COUNT + 4, source: 'snapshot', last_error: null });
      expect(s.sources.at(-1)).toEqual({ name: 'example-lab/lab-zoo model zoo (imported metafiles)', file: 'lab-zoo', url: 'https://github.com/example-lab/lab-zoo', date: new Date(T0).toISOString(), model_count: 4 });
      expect(await readdir(dir)).toEqual([METAFILE_DATASET_FILE_NAME]);
      const saved = await readSnapshotFile(join(dir, METAFILE_DATASET_FILE_NAME));
      expect(saved).toMatchObject({ origin: 'metafiles', imported_at: new Date(T0).toISOString() });
      expect(saved.models.map((m) => m.id).sort()).toEqual(zooRecords(cache).map((r) => r.model_info.model_id).sort());
      // Each result says it came from the zoo's metafile, and which one.
      const top1 = zooRecords(cache).find((r) => r.model_info.model_id === 'example-lab/lab-zoo/lab-net-s')!.evaluation_results[0];
      expect(top1).toMatchObject({ source: 'model-zoo', source_name: 'example-lab/lab-zoo model zoo (imported metafiles)', snapshot_file: 'lab-zoo/configs/percent/metafile.yml', value: 0.8221 });
    });

    it('serves the same imported values after a restart on the same directory', async () => {
      const dir = await temp.make();
      const first = await openCache(dir);
      await first.importMetafiles(lab);
      const before = values(zooRecords(first));
      await first.close();
      const second = await openCache(dir);
      expect(values(zooRecords(second))).toEqual(before);
      expect(second.status().data_count).toBe(BUNDLED_COUNT + 4);
    });

    it('keeps the imported models under a refresh and under a snapshot import', async () => {
      const dir = await temp.make();
      const cache = await openCache(dir, { offline: false, fetchFromHub: countingFetcher(() => HUB) });
      await cache.importMetafiles(lab);
      expect((await cache.refresh().promise).status).toBe('ok');
      expect(zooRecords(cache)).toHaveLength(4);
      expect(cache.current().byId.has('hub/one')).toBe(true);
      await cache.importSnapshot(snapshotOf([hubModel({ id: 'file/one', task: 'text-classification' })], { origin: 'hub', fetched_at: new Date(T0).toISOString() }));
      expect(zooRecords(cache)).toHaveLength(4);
      expect(cache.current().byId.has('file/one')).toBe(true);
    });

    it('replaces a model imported again and keeps the others', async () => {
      const dir = await temp.make();
      const cache = await openCache(dir);
      await cache.importMetafiles(lab);
      const again: MetafileImport = { ...lab, models: lab.models.filter((m) => m.id === 'example-lab/lab-zoo/lab-net-s').map((m) => ({ ...m, tags: ['re-imported'] })) };
      const s = await cache.importMetafiles(again);
      expect(zooRecords(cache)).toHaveLength(4);
      expect(cache.current().byId.get('example-lab/lab-zoo/lab-net-s')!.model_info.tags).toEqual(['re-imported']);
      expect(s.sources.filter((x) => x.name.startsWith('example-lab/lab-zoo'))).toHaveLength(1);
    });

    it('moves a corrupt metafile layer aside, serves the rest and says so in status().recovered', async () => {
      const dir = await temp.make();
      const garbage = Buffer.from('{"format":"ml-benchmark-explorer.snapshot"');
      await writeFile(join(dir, METAFILE_DATASET_FILE_NAME), garbage);
      const cache = await openCache(dir);
      const [notice] = cache.status().recovered;
      expect(notice.file).toBe(join(dir, METAFILE_DATASET_FILE_NAME));
      expect(notice.movedTo).toMatch(/metafile-dataset\.json\.gz\.corrupt-/);
      expect(await readFile(notice.movedTo!)).toEqual(garbage);
      expect(cache.status().data_count).toBe(BUNDLED_COUNT);
      expect((await readdir(dir)).filter((f) => f === DATASET_FILE_NAME)).toEqual([]);
    });

    it('folds the imported models into the exported snapshot', async () => {
      const dir = await temp.make();
      const cache = await openCache(dir, { offline: false, fetchFromHub: countingFetcher(() => HUB) });
      await cache.refresh().promise;
      await cache.importMetafiles(lab);
      const exported = combineLayersForExport(await cache.exportLayers());
      expect(exported.origin).toBe('hub');
      expect(exported.models.map((m) => m.id).sort()).toEqual(['hub/one', ...lab.models.map((m) => m.id)].sort());
      expect(exported.sources.map((s) => s.name)).toContain('example-lab/lab-zoo model zoo (imported metafiles)');
    });
  });
});
