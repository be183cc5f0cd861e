import { describe, expect, it } from 'vitest';
import { fisherInterval } from '../../src/analytics/fisherInterval.js';

// Expected bounds from python3 (math only, independent of this code):
//   python3 -c "import math; f=lambda r,n: (math.tanh(math.atanh(r)-1.959963985/math.sqrt(n-3)), math.tanh(math.atanh(r)+1.959963985/math.sqrt(n-3))); print(f(0.5,50), f(-0.3,20), f(0.9327610989039362,11), f(0,4))"
describe('fisherInterval', () => {
  it.each([
    [0.5, 50, 0.257487860705642, 0.6832563021345832],
    [-0.3, 20, -0.6554991793587206, 0.1643376267886625],
    // arc × mmlu of test/analytics/computeCorrelations.test.ts (numpy r over 11 models)
    [0.9327610989039362, 11, 0.7557692943450525, 0.9827487829410052],
    [0, 4, -0.9610870825957601, 0.9610870825957601],
  ])('matches python when r = %d over n = %d models', (r, n, low, high) => {
    const ci = fisherInterval(r, n)!;
    expect(ci.low).toBeCloseTo(low, 12);
    expect(ci.high).toBeCloseTo(high, 12);
  });

  it('is asymmetric around r and narrows as n grows', () => {
    const small = fisherInterval(0.8, 10)!;
    const large = fisherInterval(0.8, 1000)!;
    expect(0.8 - small.low).toBeGreaterThan(small.high - 0.8);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    expect(large.low).toBeLessThan(0.8);
    expect(large.high).toBeGreaterThan(0.8);
  });

  it.each([0, 1, 2, 3])('returns undefined when n = %d (no standard error at n ≤ 3)', (n) => {
    expect(fisherInterval(0.5, n)).toBeUndefined();
  });

  it('returns the degenerate interval without NaN or Infinity when r is ±1', () => {
    expect(fisherInterval(1, 25)).toEqual({ low: 1, high: 1 });
    expect(fisherInterval(-1, 25)).toEqual({ low: -1, high: -1 });
    // A rounding error past 1 (a sum of squares can land there) counts as 1.
    expect(fisherInterval(1 + 2e-16, 25)).toEqual({ low: 1, high: 1 });
  });

  it('throws naming itself when r is not a correlation or n is not a count', () => {
    expect(() => fisherInterval(1.5, 10)).toThrow(/fisherInterval: r/);
    expect(() => fisherInterval(Number.NaN, 10)).toThrow(/fisherInterval: r/);
    expect(() => fisherInterval(0.5, 10.5)).toThrow(/fisherInterval: n/);
    expect(() => fisherInterval(0.5, -1)).toThrow(/fisherInterval: n/);
  });
});
