// The request budget: no span of windowMs (plus a latency margin), wherever it starts, holds more than limit sends.
import { describe, expect, it } from 'vitest';
import { createRequestBudget } from '../../src/hub/createRequestBudget.js';

describe('createRequestBudget', () => {
  it('gives out limit requests, then the wait until the oldest send leaves the window', () => {
    // windowMs 1,000 → margin 1 % = 10 ms (hand-computed: min(2,000, 1,000 × 0.01)).
    const budget = createRequestBudget({ limit: 2, windowMs: 1_000 });
    expect(budget.take(100)).toBe(0);
    expect(budget.take(400)).toBe(0);
    expect(budget.take(600)).toBe(510); // the send at 100 leaves the window at 1,110
    expect(budget.take(1_109)).toBe(1);
    expect(budget.take(1_110)).toBe(0);
    expect(budget.take(1_200)).toBe(210); // now the send at 400 is the oldest: free at 1,410
  });

  it('never lets a sliding window hold more than the limit, unlike windows that open on the first send', () => {
    const limit = 10;
    const windowMs = 300_000;
    const budget = createRequestBudget({ limit, windowMs });
    const sends: number[] = [];
    let now = 0;
    // Bursty traffic: try to send every 7 s for an hour, waiting whenever the budget says so.
    while (now < 3_600_000) {
      const wait = budget.take(now);
      if (wait === 0) sends.push(now);
      now += wait > 0 ? wait : 7_000;
    }
    const busiest = Math.max(...sends.map((t) => sends.filter((u) => u >= t && u < t + windowMs).length));
    expect(busiest).toBeLessThanOrEqual(limit);
    expect(sends.length).toBeGreaterThan(limit * 10); // it does keep sending
  });

  it('caps the latency margin at 2 s for long windows', () => {
    const budget = createRequestBudget({ limit: 1, windowMs: 300_000 });
    expect(budget.take(0)).toBe(0);
    expect(budget.take(0)).toBe(302_000);
  });

  it('rejects a limit or window that cannot work', () => {
    expect(() => createRequestBudget({ limit: 0, windowMs: 1 })).toThrow(/createRequestBudget: limit/);
    expect(() => createRequestBudget({ limit: 1.5, windowMs: 1 })).toThrow(/createRequestBudget: limit/);
    expect(() => createRequestBudget({ limit: 1, windowMs: 0 })).toThrow(/createRequestBudget: windowMs/);
  });
});
