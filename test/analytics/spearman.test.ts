import { describe, expect, it } from 'vitest';
import { spearman } from '../../src/analytics/spearman.js';
import { deepFreeze } from './makeRecord.js';

describe('spearman', () => {
  it('matches scipy.stats.spearmanr when there are no ties', () => {
    // scipy.stats.spearmanr([0.9,0.8,0.75,0.6,0.5,0.3], [0.1,0.25,0.2,0.4,0.45,0.7]).statistic
    expect(spearman([0.9, 0.8, 0.75, 0.6, 0.5, 0.3], [0.1, 0.25, 0.2, 0.4, 0.45, 0.7])).toBeCloseTo(-0.942857142857143, 12);
  });

  it('gives tied values their average rank when both samples have ties', () => {
    // scipy.stats.spearmanr([1,2,2,3,4,5], [3,1,4,1,5,9]).statistic
    expect(spearman(deepFreeze([1, 2, 2, 3, 4, 5]), deepFreeze([3, 1, 4, 1, 5, 9]))).toBeCloseTo(0.6029411764705883, 12);
    // scipy.stats.spearmanr([1,2,3,4,5], [2,4,5,4,5]).statistic
    expect(spearman([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(0.7378647873726218, 12);
  });

  it('returns 1 when the relation is monotonic but not linear', () => {
    // hand-computed: y = x³ keeps the order exactly
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBe(1);
  });

  it('returns undefined when either sample is constant', () => {
    expect(spearman([3, 3, 3], [1, 2, 3])).toBeUndefined();
    expect(spearman([1, 2, 3], [0.1, 0.1, 0.1])).toBeUndefined();
  });

  it('gives the same answer when called again with other lengths in between', () => {
    // Its rank buffers are reused; a longer call in between must not leak into a shorter one.
    const first = spearman([1, 2, 2, 3, 4, 5], [3, 1, 4, 1, 5, 9]);
    spearman(Array.from({ length: 500 }, (_, i) => i), Array.from({ length: 500 }, (_, i) => (i * 7) % 13));
    expect(spearman([1, 2, 2, 3, 4, 5], [3, 1, 4, 1, 5, 9])).toBe(first);
  });

  it('throws naming itself when the input is empty, mismatched, too short or not finite', () => {
    expect(() => spearman([], [])).toThrow(/spearman/);
    expect(() => spearman([1, 2], [1, 2, 3])).toThrow(/spearman: samples differ in length/);
    expect(() => spearman([1], [1])).toThrow(/spearman: expected at least 2 values/);
    expect(() => spearman([1, 2, NaN], [1, 2, 3])).toThrow(/spearman/);
  });
});
