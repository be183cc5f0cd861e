// The default sleep of the client: ends early with an AbortError when its signal aborts.
import { describe, expect, it } from 'vitest';
import { abortableSleep } from '../../src/hub/abortableSleep.js';

describe('abortableSleep', () => {
  it('resolves after a short wait', async () => {
    await expect(abortableSleep(5)).resolves.toBeUndefined();
    await expect(abortableSleep(0)).resolves.toBeUndefined();
  });

  it('rejects with an AbortError when the signal aborts during the wait', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects at once with an already aborted signal, with its reason', async () => {
    const reason = new Error('shutting down');
    await expect(abortableSleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});
