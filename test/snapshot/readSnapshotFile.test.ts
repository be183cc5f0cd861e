// Round trips through writeSnapshotFile / readSnapshotFile in a temp dir, and every way a file can
// be bad: each must surface as a SnapshotFileError that names the file and the problem.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotFile } from '../../src/schemas/snapshotSchemas.js';
import { parseSnapshot, readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';
import { SnapshotFileError, type SnapshotFileProblem } from '../../src/snapshot/snapshotErrors.js';
import { serializeSnapshot, writeSnapshotFile } from '../../src/snapshot/writeSnapshotFile.js';

const fixture: SnapshotFile = Object.freeze({
  format: 'ml-benchmark-explorer.snapshot',
  version: 1,
  origin: 'bundled',
  created_at: '2025-03-21T00:00:00.000Z',
  fetched_at: '2025-03-21T00:00:00.000Z',
  tasks: ['text-generation'],
  sources: [{ name: 'Example source', file: 'sources/example.csv', license: 'MIT', date: '2025-03-21T00:00:00.000Z', model_count: 2 }],
  partial: false,
  failed_tasks: [],
  models: [
    {
      id: 'org/model-a',
      pipeline_tag: 'text-generation',
      tags: ['text-generation'],
      likes: 3,
      safetensors: { total: 7_000_000_000 },
      cardData: { 'model-index': [{ name: 'org/model-a', results: [{ task: { type: 'text-generation' }, dataset: { name: 'BBH', type: 'SaylorTwift/bbh' }, metrics: [{ type: 'acc_norm', value: 0.5 }] }] }] },
    },
    { id: 'org/model-b', pipeline_tag: 'text-generation', sha: 'abc123' },
  ],
}) as SnapshotFile;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snapshot-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectProblem(promise: Promise<unknown>, problem: SnapshotFileProblem, text: string | RegExp, file: string) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SnapshotFileError);
  const e = err as SnapshotFileError;
  expect(e.problem).toBe(problem);
  expect(e.file).toBe(file);
  expect(e.message.startsWith(`${file}: `)).toBe(true);
  if (typeof text === 'string') expect(e.detail).toBe(text);
  else expect(e.detail).toMatch(text);
}

describe('writeSnapshotFile', () => {
  it('writes gzip that reads back equal when the path ends in .gz', async () => {
    const path = join(dir, 'snap.json.gz');
    await writeSnapshotFile(path, fixture);
    const bytes = await readFile(path);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(await readSnapshotFile(path)).toEqual(fixture);
  });

  it('writes plain JSON that reads back equal when the path does not end in .gz', async () => {
    const path = join(dir, 'snap.json');
    await writeSnapshotFile(path, fixture);
    const text = await readFile(path, 'utf8');
    expect(JSON.parse(text)).toEqual(fixture);
    expect(await readSnapshotFile(path)).toEqual(fixture);
  });

  it('follows the gzip option over the extension, and the reader detects gzip by its magic bytes', async () => {
    const gz = join(dir, 'compressed.json');
    const plain = join(dir, 'plain.json.gz');
    await writeSnapshotFile(gz, fixture, { gzip: true });
    await writeSnapshotFile(plain, fixture, { gzip: false });
    expect((await readFile(gz))[0]).toBe(0x1f);
    expect((await readFile(plain, 'utf8'))[0]).toBe('{');
    expect(await readSnapshotFile(gz)).toEqual(fixture);
    expect(await readSnapshotFile(plain)).toEqual(fixture);
  });

  it('keeps the key order it is given, so output is reproducible', async () => {
    const text = (await serializeSnapshot(fixture, { gzip: false })).toString('utf8');
    expect(text).toBe(JSON.stringify(fixture));
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(fixture));
  });

  it('writes identical bytes when called twice with the same snapshot', async () => {
    const a = join(dir, 'a.json.gz');
    const b = join(dir, 'b.json.gz');
    await writeSnapshotFile(a, fixture);
    await writeSnapshotFile(b, fixture);
    expect((await readFile(a)).equals(await readFile(b))).toBe(true);
  });

  it('replaces an existing file and leaves no temp files behind', async () => {
    const path = join(dir, 'snap.json.gz');
    await writeFile(path, 'old contents');
    await writeSnapshotFile(path, fixture);
    expect(await readSnapshotFile(path)).toEqual(fixture);
    expect(await readdir(dir)).toEqual(['snap.json.gz']);
  });

  it('leaves the target untouched and no temp files when serialization fails', async () => {
    const path = join(dir, 'snap.json.gz');
    await writeSnapshotFile(path, fixture);
    const before = await readFile(path);
    // BigInt passes the schema (Hub records are open objects) but JSON.stringify throws on it.
    const bad = { ...fixture, models: [{ id: 'org/x', extra: 10n }] } as unknown as SnapshotFile;
    await expectProblem(writeSnapshotFile(path, bad), 'not_serializable', /^cannot serialize snapshot \(.*BigInt/, path);
    expect((await readFile(path)).equals(before)).toBe(true);
    expect(await readdir(dir)).toEqual(['snap.json.gz']);
  });

  it('refuses to write a snapshot it could not read back, naming the first problem', async () => {
    const path = join(dir, 'snap.json');
    const bad = { ...fixture, models: [{ id: '' }] } as unknown as SnapshotFile;
    await expectProblem(writeSnapshotFile(path, bad), 'invalid', /^refusing to write an invalid snapshot \(models\[0\]\.id: /, path);
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects and leaves nothing behind when the directory does not exist', async () => {
    await expect(writeSnapshotFile(join(dir, 'missing', 'snap.json'), fixture)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('readSnapshotFile', () => {
  const write = async (name: string, data: string | Buffer) => {
    const path = join(dir, name);
    await writeFile(path, data);
    return path;
  };

  it('throws unreadable when the file does not exist', async () => {
    const path = join(dir, 'nope.json.gz');
    await expectProblem(readSnapshotFile(path), 'unreadable', 'cannot read snapshot (file not found)', path);
  });

  it('throws not_gzip when gzip data is corrupt', async () => {
    const path = await write('corrupt.json.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02]));
    await expectProblem(readSnapshotFile(path), 'not_gzip', /^corrupt gzip data \(/, path);
  });

  it('throws not_gzip when a gzip file is truncated', async () => {
    const whole = await serializeSnapshot(fixture, { gzip: true });
    const path = await write('truncated.json.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    await expectProblem(readSnapshotFile(path), 'not_gzip', 'corrupt gzip data (unexpected end of file)', path);
  });

  it('throws not_json when a plain file is truncated', async () => {
    const text = JSON.stringify(fixture);
    const path = await write('truncated.json', text.slice(0, 100));
    await expectProblem(readSnapshotFile(path), 'not_json', /^not JSON \(/, path);
  });

  it('throws not_json when the content is not JSON, compressed or not', async () => {
    const plain = await write('text.json', 'hello, world');
    const gz = await write('text.json.gz', gzipSync('hello, world'));
    await expectProblem(readSnapshotFile(plain), 'not_json', /^not JSON \(/, plain);
    await expectProblem(readSnapshotFile(gz), 'not_json', /^not JSON \(/, gz);
  });

  it('throws not_json naming an empty file', async () => {
    const path = await write('empty.json', '');
    await expectProblem(readSnapshotFile(path), 'not_json', 'not JSON (the file is empty)', path);
  });

  it('throws wrong_format when format is missing', async () => {
    const { format: _format, ...rest } = fixture;
    const path = await write('noformat.json', JSON.stringify(rest));
    await expectProblem(readSnapshotFile(path), 'wrong_format', 'not a snapshot file (format is missing)', path);
  });

  it('throws wrong_format when format names another file type', async () => {
    const path = await write('other.json', JSON.stringify({ ...fixture, format: 'something-else' }));
    await expectProblem(
      readSnapshotFile(path),
      'wrong_format',
      'not a snapshot file (format is "something-else", expected "ml-benchmark-explorer.snapshot")',
      path,
    );
  });

  it('throws wrong_format when the top level is not an object', async () => {
    const path = await write('array.json', '[1,2,3]');
    await expectProblem(readSnapshotFile(path), 'wrong_format', 'not a snapshot file (top level is an array, expected an object)', path);
  });

  it('throws unsupported_version when the version is newer', async () => {
    const path = await write('v2.json.gz', gzipSync(JSON.stringify({ ...fixture, version: 2 })));
    await expectProblem(readSnapshotFile(path), 'unsupported_version', 'snapshot version 2 is not supported (this app reads version 1)', path);
  });

  it('throws unsupported_version when the version is missing', async () => {
    const { version: _version, ...rest } = fixture;
    const path = await write('nover.json', JSON.stringify(rest));
    await expectProblem(readSnapshotFile(path), 'unsupported_version', 'snapshot version is missing', path);
  });

  it('throws invalid naming the path of the first schema problem', async () => {
    const models = [fixture.models[0], { ...fixture.models[1], tags: 'not-a-list' }];
    const path = await write('badmodel.json', JSON.stringify({ ...fixture, models }));
    await expectProblem(readSnapshotFile(path), 'invalid', /^invalid snapshot at models\[1\]\.tags: /, path);
  });

  it('throws invalid when a required field is missing', async () => {
    const { models: _models, ...rest } = fixture;
    const path = await write('nomodels.json', JSON.stringify(rest));
    await expectProblem(readSnapshotFile(path), 'invalid', /^invalid snapshot at models: /, path);
  });

  it('throws too_large when the data decompresses past maxBytes', async () => {
    const path = await write('bomb.json.gz', gzipSync(Buffer.alloc(1_000_000, 0x20)));
    await expectProblem(readSnapshotFile(path, { maxBytes: 10_000 }), 'too_large', 'snapshot decompresses to more than 10000 bytes', path);
  });

  it('throws too_large without reading a plain file past maxBytes', async () => {
    const path = await write('big.json', Buffer.alloc(20_000, 0x20));
    await expectProblem(readSnapshotFile(path, { maxBytes: 10_000 }), 'too_large', 'snapshot is larger than 10000 bytes', path);
  });

  it('fills the defaults for partial and failed_tasks when a file leaves them out', async () => {
    const { partial: _p, failed_tasks: _f, ...rest } = fixture;
    const path = await write('defaults.json', JSON.stringify(rest));
    const read = await readSnapshotFile(path);
    expect(read.partial).toBe(false);
    expect(read.failed_tasks).toEqual([]);
  });
});

describe('parseSnapshot', () => {
  it('parses a string, a Buffer and a Uint8Array alike', async () => {
    const gz = await serializeSnapshot(fixture, { gzip: true });
    expect(parseSnapshot(JSON.stringify(fixture), 'upload.json')).toEqual(fixture);
    expect(parseSnapshot(gz, 'upload.json.gz')).toEqual(fixture);
    expect(parseSnapshot(new Uint8Array(gz), 'upload.json.gz')).toEqual(fixture);
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(parseSnapshot(`\uFEFF${JSON.stringify(fixture)}`, 'bom.json')).toEqual(fixture);
  });

  it('names the given input in its errors', () => {
    expect(() => parseSnapshot('{}', 'import from browser')).toThrow('import from browser: not a snapshot file (format is missing)');
  });
});
