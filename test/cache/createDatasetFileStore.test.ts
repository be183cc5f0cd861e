// The fetched dataset's own file, on real files in a temp dir: atomic save, read back, the previous
// copy as a fallback, and unreadable files moved aside with their bytes.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatasetFileStore, DATASET_FILE_NAME } from '../../src/cache/createDatasetFileStore.js';
import { createTempDirs } from '../support/tempDirs.js';
import { snapshotOf, SST2_MODELS, WER_MODELS } from '../support/testSnapshots.js';

const temp = createTempDirs('dataset-file');
afterEach(() => temp.cleanup());

const AT = new Date('2026-09-01T12:34:56.789Z');
const SUFFIX = '.corrupt-2026-09-01T12-34-56-789Z';
const FIRST = snapshotOf(WER_MODELS, { origin: 'hub', fetched_at: '2026-09-01T00:00:00.000Z' });
const SECOND = snapshotOf(SST2_MODELS, { origin: 'hub', fetched_at: '2026-09-02T00:00:00.000Z' });

describe('createDatasetFileStore', () => {
  it('loads nothing and reports nothing when no file was saved yet', async () => {
    const files = createDatasetFileStore({ dir: await temp.make() });
    expect(await files.load()).toEqual({ snapshot: undefined, recovered: [] });
  });

  it('reads back what it saved and leaves only the dataset file behind when saving twice', async () => {
    const dir = await temp.make();
    const files = createDatasetFileStore({ dir });
    await files.save(FIRST);
    await files.save(SECOND);
    expect(await readdir(dir)).toEqual([DATASET_FILE_NAME]);
    const { snapshot, recovered } = await files.load();
    expect(recovered).toEqual([]);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(JSON.parse(JSON.stringify(SECOND)));
  });

  it('moves a corrupt file aside with its bytes and falls back to the previous copy when one exists', async () => {
    const dir = await temp.make();
    const files = createDatasetFileStore({ dir, now: () => AT });
    await files.save(FIRST);
    const file = join(dir, DATASET_FILE_NAME);
    // A crash between "copy to .previous" and "remove .previous" leaves both; then the main file breaks.
    await writeFile(`${file}.previous`, await readFile(file));
    await writeFile(file, 'garbage');

    const { snapshot, recovered } = await files.load();
    expect(snapshot?.fetched_at).toBe(FIRST.fetched_at);
    expect(recovered).toEqual([{ file, movedTo: `${file}${SUFFIX}`, reason: expect.stringContaining(file), at: AT.toISOString() }]);
    expect(await readFile(`${file}${SUFFIX}`, 'utf8')).toBe('garbage');
  });
});
