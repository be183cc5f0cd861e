import { describe, expect, it } from 'vitest';
import { pearson } from '../../src/analytics/pearson.js';
import { deepFreeze } from './makeRecord.js';

describe('pearson', () => {
  it('matches numpy.corrcoef when the samples are positively related', () => {
    // numpy.corrcoef([1,2,3,4,5], [2,4,5,4,5])[0,1]
    expect(pearson(deepFreeze([1, 2, 3, 4, 5]), deepFreeze([2, 4, 5, 4, 5]))).toBeCloseTo(0.7745966692414834, 12);
  });

  it('matches numpy.corrcoef when the samples are negatively related', () => {
    // numpy.corrcoef([0.9,0.8,0.75,0.6,0.5,0.3], [0.1,0.25,0.2,0.4,0.45,0.7])[0,1]
    expect(pearson([0.9, 0.8, 0.75, 0.6, 0.5, 0.3], [0.1, 0.25, 0.2, 0.4, 0.45, 0.7])).toBeCloseTo(-0.9853184020982422, 12);
  });

  it('keeps its precision when values are large and close together', () => {
    // numpy.corrcoef([1e9+1, 1e9+2, 1e9+3, 1e9+4], [1, 2, 3, 5])[0,1]
    expect(pearson([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4], [1, 2, 3, 5])).toBeCloseTo(0.9827076298239908, 10);
  });

  it('returns exactly 1 and -1 when the relation is perfectly linear', () => {
    // hand-computed: y = 2x + 1 and y = -x
    expect(pearson([0.1, 0.2, 0.3, 0.7], [1.2, 1.4, 1.6, 2.4])).toBeCloseTo(1, 14);
    expect(pearson([1, 2, 3], [-1, -2, -3])).toBe(-1);
    expect(Math.abs(pearson([0.1, 0.2, 0.3, 0.7], [1.2, 1.4, 1.6, 2.4])!)).toBeLessThanOrEqual(1);
  });

  it('returns undefined when either sample has zero variance', () => {
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeUndefined();
    // A mean of equal values can be off by an ulp; that must not fake a variance.
    expect(pearson([0.1, 0.1, 0.1], [1, 2, 3])).toBeUndefined();
  });

  it('accepts typed arrays when given paired views', () => {
    expect(pearson(new Float64Array([1, 2, 3, 4, 5]), new Float64Array([2, 4, 5, 4, 5]))).toBeCloseTo(0.7745966692414834, 12);
  });

  it('throws naming itself when the input is empty, mismatched, too short or not finite', () => {
    expect(() => pearson([], [])).toThrow(/pearson/);
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(/pearson: samples differ in length/);
    expect(() => pearson([1], [2])).toThrow(/pearson: expected at least 2 values/);
    expect(() => pearson([1, NaN, 3], [1, 2, 3])).toThrow(/pearson: value at index 1/);
    expect(() => pearson([1, 2, 3], [1, Infinity, 3])).toThrow(/pearson/);
  });
});
