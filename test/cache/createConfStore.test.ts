// The headless key-value store over `conf`, on real files in a temp dir: flat keys, persistence
// across instances, and an unreadable state file kept aside instead of lost.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfStore } from '../../src/cache/createConfStore.js';
import { createTempDirs } from '../support/tempDirs.js';

const temp = createTempDirs('conf-store');
afterEach(() => temp.cleanup());

const AT = new Date('2026-09-01T12:34:56.789Z');
const MOVED = 'state.json.corrupt-2026-09-01T12-34-56-789Z'; // AT with ':' and '.' replaced by '-'

describe('createConfStore', () => {
  it('keeps dotted keys flat and reads them back from a new instance when written', async () => {
    const dir = await temp.make();
    const { store, recovered } = createConfStore({ dir });
    expect(recovered).toBeUndefined();
    store.setMany({ 'refresh.lastSuccessAt': '2026-09-01T00:00:00.000Z', 'models.Llama-3.1-8B': { pinned: true } });
    expect(store.path).toBe(join(dir, 'state.json'));
    const onDisk = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'));
    expect(Object.keys(onDisk).sort()).toEqual(['models.Llama-3.1-8B', 'refresh.lastSuccessAt']);

    const again = createConfStore({ dir }).store;
    expect(again.get('refresh.lastSuccessAt')).toBe('2026-09-01T00:00:00.000Z');
    expect(again.get('models.Llama-3.1-8B')).toEqual({ pinned: true });
    again.delete('refresh.lastSuccessAt');
    expect(createConfStore({ dir }).store.get('refresh.lastSuccessAt')).toBeUndefined();
  });

  it('moves a state file that is not valid JSON aside with its bytes and starts empty', async () => {
    const dir = await temp.make();
    const bytes = '{"refresh.lastSuccessAt": "2026-09-01T00:00';
    await writeFile(join(dir, 'state.json'), bytes);
    const { store, recovered } = createConfStore({ dir, now: () => AT });

    expect(recovered).toEqual({ file: join(dir, 'state.json'), movedTo: join(dir, MOVED), reason: expect.any(String), at: AT.toISOString() });
    expect(recovered!.reason.length).toBeGreaterThan(0);
    expect(await readFile(join(dir, MOVED), 'utf8')).toBe(bytes);
    expect(store.get('refresh.lastSuccessAt')).toBeUndefined();
    store.setMany({ a: 1 });
    expect(createConfStore({ dir }).store.get('a')).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['state.json', MOVED]);
  });

  it('moves an empty state file aside when it is empty', async () => {
    const dir = await temp.make();
    await writeFile(join(dir, 'state.json'), '');
    const { recovered } = createConfStore({ dir, now: () => AT });
    expect(recovered?.movedTo).toBe(join(dir, MOVED));
  });

  it.each([
    ['a JSON string', '"refresh.lastSuccessAt"'],
    ['a JSON array', '[1,2]'],
  ])('moves a state file aside when it holds %s instead of an object', async (_what, bytes) => {
    const dir = await temp.make();
    await writeFile(join(dir, 'state.json'), bytes);
    const { store, recovered } = createConfStore({ dir, now: () => AT });
    // Such a file is not a state store: keeping it would mix its characters or items into the keys.
    expect(recovered?.movedTo).toBe(join(dir, MOVED));
    expect(await readFile(join(dir, MOVED), 'utf8')).toBe(bytes);
    store.setMany({ a: 1 });
    expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'))).toEqual({ a: 1 });
  });
});
