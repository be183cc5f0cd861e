// The per-window request budget: counts calls, then says how long until the next window opens.
import { describe, expect, it } from 'vitest';
import { createRequestBudget } from '../../src/hub/createRequestBudget.js';

describe('createRequestBudget', () => {
  it('gives out limit requests per window, then the time left in the window', () => {
    const budget = createRequestBudget({ limit: 2, windowMs: 1_000 });
    expect(budget.take(100)).toBe(0);
    expect(budget.take(400)).toBe(0);
    expect(budget.take(600)).toBe(500);
    expect(budget.take(1_099)).toBe(1);
    expect(budget.take(1_100)).toBe(0);
  });

  it('opens a fresh window with the first request after a quiet spell', () => {
    const budget = createRequestBudget({ limit: 1, windowMs: 1_000 });
    expect(budget.take(0)).toBe(0);
    expect(budget.take(5_000)).toBe(0);
    expect(budget.take(5_500)).toBe(500);
  });

  it('rejects a limit or window that cannot work', () => {
    expect(() => createRequestBudget({ limit: 0, windowMs: 1 })).toThrow(/createRequestBudget: limit/);
    expect(() => createRequestBudget({ limit: 1.5, windowMs: 1 })).toThrow(/createRequestBudget: limit/);
    expect(() => createRequestBudget({ limit: 1, windowMs: 0 })).toThrow(/createRequestBudget: windowMs/);
  });
});
