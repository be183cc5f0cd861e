// The streaming snapshot reader on real files in a temp dir: records are found by nesting (strings with
// brackets and quotes inside, records split across read pieces), every bad file is refused with the
// first problem in words, and a gzip bomb stops at the size limit without being inflated whole.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotReader, validateSnapshotData } from '../../src/snapshot/createSnapshotReader.js';
import { checkSnapshotFile, readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';
import { SnapshotFileError } from '../../src/snapshot/snapshotErrors.js';
import { serializeSnapshot } from '../../src/snapshot/writeSnapshotFile.js';
import { snapshotOf } from '../support/testSnapshots.js';

const HEAD = '"format":"ml-benchmark-explorer.snapshot","version":1,"origin":"hub","created_at":"2026-01-01","fetched_at":"2026-01-01","tasks":[],"sources":[{"name":"s","models":[{"id":5}]}]';
/** A record whose strings hold every character the scanner must not count: brackets, braces, commas, escaped quotes. */
const record = (id: string) => ({ id, tags: ['a]}",[{', 'b\\"'], cardData: { 'model-index': [{ name: '}{][', results: [] }] } });
const file = (models: unknown[], head = HEAD) => `{${head},"models":[${models.map((m) => JSON.stringify(m)).join(',')}]}`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snapshot-reader-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(text: string | Buffer, options: Parameters<typeof readSnapshotFile>[1] = {}) {
  const path = join(dir, 'in.json');
  await writeFile(path, text);
  return readSnapshotFile(path, { name: 'in.json', ...options });
}

async function problemOf(promise: Promise<unknown>): Promise<SnapshotFileError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SnapshotFileError);
  return error as SnapshotFileError;
}

describe('createSnapshotReader', () => {
  it('reads every record equal to JSON.parse when the text is fed one byte at a time', () => {
    const models = [record('a/one'), record('b/two'), record('c/three')];
    const text = Buffer.from(` \n${file(models)}\n`);
    const reader = createSnapshotReader({ name: 'bytes' });
    for (let i = 0; i < text.length; i++) reader.write(text.subarray(i, i + 1));
    const snapshot = reader.end();
    expect(snapshot.models).toEqual(models);
    // A "models" key inside a source is data, not the records.
    expect(snapshot.sources).toEqual([{ name: 's' }]);
  });

  it('keeps the last "models" as JSON.parse does when the key comes twice', async () => {
    const text = `{${HEAD},"models":[${JSON.stringify(record('first'))}],"models":[${JSON.stringify(record('second'))}]}`;
    expect((await read(text)).models.map((m) => m.id)).toEqual(JSON.parse(text).models.map((m: { id: string }) => m.id));
  });

  it('reads records that come before the format and version', async () => {
    const text = `{"models":[${JSON.stringify(record('early'))}],${HEAD}}`;
    expect((await read(text)).models.map((m) => m.id)).toEqual(['early']);
  });

  it('refuses a file that is not a snapshot when models is reached, without reading its records', async () => {
    // Record 1 is not a Hub record; the format, read first, is what is wrong.
    const e = await problemOf(read(file([record('a'), { id: 5 }], '"format":"other.app","version":1')));
    expect(e.problem).toBe('wrong_format');
    expect(e.detail).toBe('not a snapshot file (format is "other.app", expected "ml-benchmark-explorer.snapshot")');
  });

  it('names the first bad record deep in the file and stops there', async () => {
    const models: unknown[] = Array.from({ length: 2000 }, (_, i) => record(`org/m-${i}`));
    models[1500] = { id: 'org/bad', tags: 'not-a-list' };
    const e = await problemOf(read(file(models)));
    expect(e.problem).toBe('invalid');
    expect(e.detail).toMatch(/^invalid snapshot at models\[1500\]\.tags: /);
  });

  it('reports a bad top-level field before a bad record, as the field comes first in the file', async () => {
    const e = await problemOf(read(file([{ id: '' }], HEAD.replace('"origin":"hub"', '"origin":"elsewhere"'))));
    expect(e.detail).toMatch(/^invalid snapshot at origin: /);
  });

  it.each([
    ['a truncated file', file([record('a'), record('b')]).slice(0, -40), 'not JSON (unexpected end of the JSON text)'],
    ['an empty file', ' \n ', 'not JSON (the file is empty)'],
    ['a record that is not JSON', `{${HEAD},"models":[{"id":"a"},{"id":x}]}`, /^not JSON \(Unexpected token .* in models\[1\], which starts at byte \d+\)$/],
    ['an empty place in models', `{${HEAD},"models":[{"id":"a"},]}`, /^not JSON \(a record is missing in models, at byte \d+\)$/],
    ['text after the JSON', `${file([])} {}`, /^not JSON \(Unexpected non-whitespace character after JSON/],
  ])('refuses %s as not JSON', async (_what, text, detail) => {
    const e = await problemOf(read(text));
    expect(e.problem).toBe('not_json');
    if (typeof detail === 'string') expect(e.detail).toBe(detail);
    else expect(e.detail).toMatch(detail);
  });

  it('refuses JSON nested deeper than maxDepth, naming the record, and reads it without the limit', async () => {
    const deep = `{"id":"deep","cardData":${'['.repeat(1000)}${']'.repeat(1000)}}`;
    const text = `{${HEAD},"models":[{"id":"a"},${deep}]}`;
    const e = await problemOf(read(text, { maxDepth: 64 }));
    expect(e.detail).toMatch(/^invalid snapshot at models\[1\]: JSON nested deeper than 64 levels \(at byte \d+\)$/);
    expect((await read(text)).models.map((m) => m.id)).toEqual(['a', 'deep']);
  });

  it('stops a gzip bomb at the decompressed limit', async () => {
    // 64 MB of spaces inside a string compress to about 64 kB.
    const bomb = gzipSync(Buffer.concat([Buffer.from(`{${HEAD},"models":[{"id":"`), Buffer.alloc(64 * 1024 * 1024, 0x20), Buffer.from('"}]}')]));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const e = await problemOf(read(bomb, { maxBytes: 4 * 1024 * 1024 }));
    expect(e.problem).toBe('too_large');
    expect(e.detail).toBe(`snapshot decompresses to more than ${4 * 1024 * 1024} bytes`);
  });

  it('reads a gzip file written by serializeSnapshot equal to the snapshot', async () => {
    const snapshot = snapshotOf([]);
    const withRecords = { ...snapshot, models: [record('x/1'), record('x/2')] } as typeof snapshot;
    expect(await read(await serializeSnapshot(withRecords, { gzip: true }))).toEqual(withRecords);
  });
});

describe('checkSnapshotFile', () => {
  it('counts the records of a good file and keeps none', async () => {
    const path = join(dir, 'count.json');
    await writeFile(path, file([record('a'), record('b'), record('c')]));
    expect(await checkSnapshotFile(path)).toBe(3);
  });
});

describe('validateSnapshotData', () => {
  it('checks every record of a parsed object and names the bad one', () => {
    const data = JSON.parse(file([record('a'), { id: 'b', likes: 'many' }]));
    expect(() => validateSnapshotData(data, 'upload')).toThrow('upload: invalid snapshot at models[1].likes: ');
  });

  it('takes the records of a snapshot the reader made as they are', async () => {
    const read1 = await read(file([record('a')]));
    const again = validateSnapshotData({ ...read1, origin: 'hub' }, 'again');
    expect(again.models).toBe(read1.models);
  });
});
