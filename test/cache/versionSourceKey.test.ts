// The sources' hashes that key a saved dataset version: remembered by stat, taken again when a file changes.
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSourceHashes, SOURCE_HASHES_FILE_NAME } from '../../src/cache/versionSourceKey.js';
import { createTempDirs } from '../support/tempDirs.js';

const temp = createTempDirs('source-hashes');
afterAll(() => temp.cleanup());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Replaces the remembered hash of `file`, keeping its stat: only a start that trusts the memory returns it. */
async function forgeRemembered(memory: string, file: string, value: string) {
  const entries = JSON.parse(await readFile(memory, 'utf8'));
  entries[file].sha256 = value;
  await writeFile(memory, JSON.stringify(entries));
}

describe('createSourceHashes', () => {
  it('returns the remembered hash without reading the file when its inode, size and times are unchanged', async () => {
    const dir = await temp.make();
    const file = join(dir, 'hub-dataset.json.gz');
    const memory = join(dir, SOURCE_HASHES_FILE_NAME);
    await writeFile(file, 'first contents');
    const later = () => Date.now() + 10_000; // hashed well after the file's last change
    expect(await createSourceHashes({ file: memory, now: later }).hash(file)).toBe(sha256('first contents'));
    await forgeRemembered(memory, file, 'remembered');
    expect(await createSourceHashes({ file: memory, now: later }).hash(file)).toBe('remembered');
  });

  it('hashes the bytes again when the file was rewritten, even at the same size', async () => {
    const dir = await temp.make();
    const file = join(dir, 'hub-dataset.json.gz');
    const memory = join(dir, SOURCE_HASHES_FILE_NAME);
    await writeFile(file, 'first contents');
    const later = () => Date.now() + 10_000;
    await createSourceHashes({ file: memory, now: later }).hash(file);
    await forgeRemembered(memory, file, 'remembered');
    const before = await stat(file);
    await writeFile(file, 'other contents'); // same length, in place: same inode, new ctime
    expect((await stat(file)).size).toBe(before.size);
    expect(await createSourceHashes({ file: memory, now: later }).hash(file)).toBe(sha256('other contents'));
  });

  it('does not trust a hash taken within the file system clock slack of its last change', async () => {
    const dir = await temp.make();
    const file = join(dir, 'metafile-dataset.json.gz');
    const memory = join(dir, SOURCE_HASHES_FILE_NAME);
    await writeFile(file, 'zoo');
    const { mtimeMs } = await stat(file);
    // Hashed in the same instant the file was written: a write in that tick could keep its times.
    await createSourceHashes({ file: memory, now: () => mtimeMs }).hash(file);
    await forgeRemembered(memory, file, 'remembered');
    expect(await createSourceHashes({ file: memory }).hash(file)).toBe(sha256('zoo'));
  });

  it('answers undefined for a missing file or a folder and hashes again when its memory file is unreadable', async () => {
    const dir = await temp.make();
    const memory = join(dir, SOURCE_HASHES_FILE_NAME);
    const hashes = createSourceHashes({ file: memory });
    expect(await hashes.hash(join(dir, 'missing.json.gz'))).toBeUndefined();
    expect(await hashes.hash(dir)).toBeUndefined();
    const file = join(dir, 'snapshot.json.gz');
    await writeFile(file, 'bundled');
    await writeFile(memory, '{ not json');
    expect(await createSourceHashes({ file: memory }).hash(file)).toBe(sha256('bundled'));
  });
});
