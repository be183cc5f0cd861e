import { describe, expect, it } from 'vitest';
import { rank } from '../../src/analytics/rank.js';
import { deepFreeze } from './makeRecord.js';

describe('rank', () => {
  it('averages the ranks of tied values when there are ties', () => {
    // scipy.stats.rankdata([10,20,20,30])
    expect(rank([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    // scipy.stats.rankdata([3,1,4,1,5,9,2,6,5])
    expect(rank(deepFreeze([3, 1, 4, 1, 5, 9, 2, 6, 5]))).toEqual([4, 1.5, 5, 1.5, 6.5, 9, 3, 8, 6.5]);
  });

  it('gives every value the middle rank when all values are equal', () => {
    // scipy.stats.rankdata([7,7,7])
    expect(rank([7, 7, 7])).toEqual([2, 2, 2]);
  });

  it('ranks in ascending order when values are negative or unsorted', () => {
    // hand-computed
    expect(rank([0.5, -2, 0, -0.25])).toEqual([4, 1, 3, 2]);
  });

  it('returns rank 1 when there is a single value', () => {
    expect(rank([42])).toEqual([1]);
  });

  it('does not mutate its input when ranking', () => {
    const values = [3, 1, 2];
    rank(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('throws naming itself when the input is empty or not finite', () => {
    expect(() => rank([])).toThrow(/rank: expected at least 1 value/);
    expect(() => rank([1, NaN])).toThrow(/rank: value at index 1/);
  });
});
