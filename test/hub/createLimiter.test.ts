// The in-flight bound: slots are handed over in order and a waiting caller can give up.
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/hub/createLimiter.js';

describe('createLimiter', () => {
  it('hands out at most max slots and passes each released slot to the next caller', async () => {
    const limiter = createLimiter(2);
    const order: string[] = [];
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const c = limiter.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = limiter.acquire().then((release) => {
      order.push('d');
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    a();
    a(); // releasing twice frees one slot only
    const releaseC = await c;
    expect(order).toEqual(['c']);
    b();
    const releaseD = await d;
    expect(order).toEqual(['c', 'd']);
    releaseC();
    releaseD();
    // Both slots are free again.
    (await limiter.acquire())();
    (await limiter.acquire())();
  });

  it('rejects a waiting caller whose signal aborts, without losing the slot', async () => {
    const limiter = createLimiter(1);
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    release();
    const again = await limiter.acquire();
    again();
  });

  it('rejects a max that is not a positive integer', () => {
    expect(() => createLimiter(0)).toThrow(/createLimiter: max/);
  });
});
