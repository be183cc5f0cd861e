// Answers kept on disk with their version: real files in temp dirs, small answers (the size limit is
// lowered so the bytes stay readable), every guard tried by changing the file the way damage would.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { answerPath, createAnswerFileStore, gunzipAnswer, MIN_STORED_ANSWER_BYTES } from '../../src/cache/createAnswerFileStore.js';
import { encodeResponse } from '../../src/api/responseCache.js';
import { createTempDirs } from '../support/tempDirs.js';

const temp = createTempDirs('answer-files');
afterAll(() => temp.cleanup());

const KEY = 'benchmarks.get?{"force_refresh":false,"include_synthetic":false}';
const answerOf = (n: number) => encodeResponse({ data: Array.from({ length: n }, (_, i) => ({ id: `model-${i}`, score: i / 7 })) });

async function storeIn(options: { minBytes?: number; code?: string; readOnlyDirs?: string[] } = {}) {
  const dir = path.join(await temp.make(), 'answers');
  const warnings: string[] = [];
  const store = createAnswerFileStore({ dir, readOnlyDirs: options.readOnlyDirs, code: () => options.code ?? 'code-1', minBytes: options.minBytes ?? 1, log: (_l, m) => warnings.push(m) });
  return { dir, store, warnings };
}

describe('createAnswerFileStore', () => {
  it('reads back the identity bytes and the ETag it kept when version, code and key are the same', async () => {
    const { store, dir } = await storeIn();
    const answer = answerOf(500);
    store.keep('v1', KEY, answer);
    await store.flush();
    const loaded = await store.load('v1', KEY);
    expect(loaded.state).toBe('loaded');
    if (loaded.state !== 'loaded') return;
    expect(loaded.file).toBe(answerPath(dir, 'v1', KEY));
    expect(loaded.answer.etag).toBe(answer.etag);
    expect(loaded.answer.identityBytes).toBe(answer.identity.length);
    expect(Buffer.compare(gunzipAnswer(loaded.answer), Buffer.from(answer.identity))).toBe(0);
    // The gzip a client gets is the one written (and the one the answer was given for its gzip clients).
    expect(Buffer.compare(loaded.answer.gzip, Buffer.from(await answer.gzip!))).toBe(0);
    expect(Buffer.compare(gunzipSync(loaded.answer.gzip), Buffer.from(answer.identity))).toBe(0);
  });

  it('ignores an answer of another version, other code or another query', async () => {
    const { store, dir } = await storeIn();
    store.keep('v1', KEY, answerOf(50));
    await store.flush();
    expect((await store.load('v2', KEY)).state).toBe('missing');
    const other = createAnswerFileStore({ dir, code: () => 'code-2', minBytes: 1 });
    expect(await other.load('v1', KEY)).toEqual({ state: 'stale', reason: 'made by other code' });
    // The same file name for another key can only come from a hash collision or a copied file: still not served.
    const file = answerPath(dir, 'v1', KEY);
    const bytes = await readFile(file);
    await writeFile(answerPath(dir, 'v1', 'models.list?{}'), bytes);
    expect(await store.load('v1', 'models.list?{}')).toEqual({ state: 'stale', reason: 'made for another query' });
  });

  it.each([
    ['one byte of the gzip changed', (b: Buffer) => { b[b.length - 20] ^= 0xff; return b; }, 'checksum mismatch'],
    ['the ETag in its header changed', (b: Buffer) => Buffer.from(b.toString('latin1').replace(/"etag":"\\"./, '"etag":"\\"#'), 'latin1'), 'checksum mismatch'],
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 100), 'truncated'],
    ['not an answer file', () => Buffer.from('{"hello":1}\n'), 'not an answer file'],
  ])('reports an answer file that was %s, serves nothing and writes a good one over it', async (_what, damage, reason) => {
    const { store, dir, warnings } = await storeIn();
    const answer = answerOf(300);
    store.keep('v1', KEY, answer);
    await store.flush();
    const file = answerPath(dir, 'v1', KEY);
    await writeFile(file, damage(await readFile(file)));
    const loaded = await store.load('v1', KEY);
    expect(loaded.state).toBe('corrupt');
    if (loaded.state === 'corrupt') expect(loaded.reason).toContain(reason);
    expect(warnings.join('\n')).toContain(file);
    store.keep('v1', KEY, answer);
    await store.flush();
    expect((await store.load('v1', KEY)).state).toBe('loaded');
  });

  it('keeps no answer smaller than its limit (1 MB by default)', async () => {
    expect(MIN_STORED_ANSWER_BYTES).toBe(1024 * 1024);
    const small = answerOf(10);
    const { store, dir } = await storeIn({ minBytes: small.identity.length + 1 });
    store.keep('v1', KEY, small);
    await store.flush();
    expect(existsSync(dir)).toBe(false);
    expect((await store.load('v1', KEY)).state).toBe('missing');
  });

  it('keeps at most maxPerVersion answers of one version', async () => {
    const dir = path.join(await temp.make(), 'answers');
    const store = createAnswerFileStore({ dir, code: () => 'c', minBytes: 1, maxPerVersion: 2 });
    for (const k of ['a', 'b', 'c']) store.keep('v1', k, answerOf(5));
    await store.flush();
    expect((await readdir(path.dirname(answerPath(dir, 'v1', 'a')))).length).toBe(2);
    expect((await store.load('v1', 'c')).state).toBe('missing');
  });

  it('removes the answers of every other version when told which one stays', async () => {
    const { store, dir } = await storeIn();
    store.keep('old', KEY, answerOf(5));
    store.keep('new', KEY, answerOf(6));
    await store.keepOnly('new');
    expect((await store.load('old', KEY)).state).toBe('missing');
    expect((await store.load('new', KEY)).state).toBe('loaded');
    expect(await readdir(dir)).toEqual([path.basename(path.dirname(answerPath(dir, 'new', KEY)))]);
  });

  it('reads a read-only directory after its own and never writes to it or changes it', async () => {
    const prebuilt = path.join(await temp.make(), 'answers');
    const writer = createAnswerFileStore({ dir: prebuilt, code: () => 'code-1', minBytes: 1 });
    writer.keep('v1', KEY, answerOf(40));
    await writer.flush();
    const file = answerPath(prebuilt, 'v1', KEY);
    await writeFile(file, Buffer.concat([await readFile(file), Buffer.from('x')]));
    const damaged = await readFile(file);
    await chmod(file, 0o444);
    const { store, dir } = await storeIn({ readOnlyDirs: [prebuilt] });
    expect((await store.load('v1', KEY)).state).toBe('corrupt');
    expect(Buffer.compare(await readFile(file), damaged)).toBe(0);
    await mkdir(dir, { recursive: true });
    await store.keepOnly('v2');
    expect(existsSync(file)).toBe(true);
    // A good one there is read; its own directory is asked first.
    await chmod(file, 0o644);
    writer.keep('v1', KEY, answerOf(40));
    await writer.flush();
    expect(await store.load('v1', KEY)).toMatchObject({ state: 'loaded', file });
  });
});
