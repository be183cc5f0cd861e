// snapshot.export / snapshot.import through createCaller: the current dataset as a portable file,
// and a file imported in its place (validated first; a bad one changes nothing), kept across restarts.
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import { DATASET_FILE_NAME } from '../../src/cache/createDatasetFileStore.js';
import { readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';
import { callerFor, countingFetcher, createTestClock, errorShapeOf, rejectionOf, T0, useTestCaches } from '../support/testCache.js';
import { hubModel, snapshotOf, SST2_MODELS, WER_MODELS } from '../support/testSnapshots.js';

const BUNDLED = snapshotOf(SST2_MODELS, { fetched_at: '2026-08-01T00:00:00.000Z' });
const IMPORTED = snapshotOf(WER_MODELS, { fetched_at: '2026-07-01T00:00:00.000Z', sources: [{ name: 'Colleague export', date: '2026-07-01T00:00:00.000Z', model_count: 4 }] });
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v));

const { temp, open } = useTestCaches('snapshot-router', () => ({ bundled: BUNDLED, offline: true, clock: createTestClock() }));

describe('snapshotRouter', () => {
  it('exports the bundled snapshot when nothing was fetched, and the fetched layer after a refresh', async () => {
    const hub = snapshotOf([hubModel({ id: 'hub/one', task: 'text-classification' })], { origin: 'hub', fetched_at: new Date(T0).toISOString() });
    const cache = await open({ offline: false, fetchFromHub: countingFetcher(() => hub) });
    const caller = callerFor(cache);
    expect(plain(await caller.snapshot.export())).toEqual(plain(BUNDLED));
    await cache.refresh().promise;
    expect(plain(await caller.snapshot.export())).toEqual(plain(hub));
  });

  it('serves an imported snapshot on top of the bundled one, marked source "import", across a restart when one is imported', async () => {
    const dir = await temp.make();
    const cache = await open({ dir });
    const status = await callerFor(cache).snapshot.import(IMPORTED);
    expect(status).toMatchObject({ source: 'import', data_count: 7, has_data: true }); // 3 bundled + 4 imported
    expect(status.sources.map((s) => s.name)).toEqual(['Test fixture', 'Colleague export']);
    // Saved as imported, stamped with when it was imported.
    expect(plain(await readSnapshotFile(join(dir, DATASET_FILE_NAME)))).toEqual({ ...plain(IMPORTED), imported_at: new Date(T0).toISOString() });
    await cache.close();

    const again = await open({ dir });
    expect(again.status()).toMatchObject({ source: 'import', data_count: 7 });
  });

  it('calls an imported file of Hub data an import, across a restart, and lists a repeated source once', async () => {
    const dir = await temp.make();
    const cache = await open({ dir });
    const hubExport = snapshotOf(WER_MODELS, { origin: 'hub', fetched_at: '2026-07-01T00:00:00.000Z', sources: BUNDLED.sources });
    const status = await callerFor(cache).snapshot.import(hubExport);
    expect(status.source).toBe('import');
    expect(status.sources).toEqual(BUNDLED.sources);
    await cache.close();
    expect((await open({ dir })).status().source).toBe('import');
  });

  it('refuses a file that is not a snapshot with BAD_REQUEST naming the field and changes nothing', async () => {
    const cache = await open();
    const before = cache.current();
    const error = await rejectionOf(callerFor(cache).snapshot.import({ ...IMPORTED, format: 'something-else' } as never));
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    // The same words as the CLI's import (parseSnapshot), not a schema dump.
    expect(errorShapeOf(error, 'snapshot.import', 'mutation').detail).toBe('not a snapshot file (format is "something-else", expected "ml-benchmark-explorer.snapshot")');
    expect(cache.current()).toBe(before);
    expect(cache.status().source).toBe('snapshot');
  });

  it('yields the same records when one instance imports another instance’s export', async () => {
    const source = await open();
    await callerFor(source).snapshot.import(IMPORTED);
    const exported = await callerFor(source).snapshot.export();
    const target = await open();
    await callerFor(target).snapshot.import(exported);
    const ids = (c: BenchmarkCache) => c.current().records.map((r) => r.model_info.model_id).sort();
    expect(ids(target)).toEqual(ids(source));
  });
});
