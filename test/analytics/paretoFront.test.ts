import { describe, expect, it } from 'vitest';
import { paretoFront, paretoFrontOf } from '../../src/analytics/paretoFront.js';
import { deepFreeze } from './makeRecord.js';

describe('paretoFront', () => {
  it('keeps the points no smaller model matches when higher is better', () => {
    // hand-computed: (1e7, 0.80) dominates (1e8, 0.75); (1e9, 0.90) pays for its size with the best score
    const points = deepFreeze([
      { size: 1e6, score: 0.7 },
      { size: 1e7, score: 0.8 },
      { size: 1e8, score: 0.75 },
      { size: 1e9, score: 0.9 },
    ]);
    expect(paretoFront(points, 'higher')).toEqual([true, true, false, true]);
  });

  it('treats the smaller score as better when lower is better', () => {
    // hand-computed: wer 0.10 at 1e8 is beaten by wer 0.08 at 1e7
    const points = [
      { size: 1e6, score: 0.2 },
      { size: 1e7, score: 0.08 },
      { size: 1e8, score: 0.1 },
      { size: 1e9, score: 0.05 },
    ];
    expect(paretoFront(points, 'lower')).toEqual([true, true, false, true]);
  });

  it('keeps both points when they are exact duplicates', () => {
    expect(paretoFront([{ size: 10, score: 0.5 }, { size: 10, score: 0.5 }, { size: 20, score: 0.4 }], 'higher')).toEqual([true, true, false]);
  });

  it('drops the larger model when two sizes score the same', () => {
    expect(paretoFront([{ size: 20, score: 0.5 }, { size: 10, score: 0.5 }], 'higher')).toEqual([false, true]);
  });

  it('drops the weaker model when two models have the same size', () => {
    expect(paretoFront([{ size: 10, score: 0.4 }, { size: 10, score: 0.5 }], 'higher')).toEqual([false, true]);
    expect(paretoFront([{ size: 10, score: 0.4 }, { size: 10, score: 0.5 }], 'lower')).toEqual([true, false]);
  });

  it('returns an empty list when there are no points and true when there is one', () => {
    expect(paretoFront([], 'higher')).toEqual([]);
    expect(paretoFront([{ size: 5, score: 1 }], 'lower')).toEqual([true]);
  });

  it('agrees with a brute-force check when points are random and tied often', () => {
    // Brute force straight from the definition, O(n²), on 300 points with few distinct values.
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const points = Array.from({ length: 300 }, () => ({ size: Math.floor(next() * 20), score: Math.floor(next() * 15) }));
    for (const direction of ['higher', 'lower'] as const) {
      const better = (a: number, b: number): boolean => (direction === 'higher' ? a > b : a < b);
      const expected = points.map(
        (p) =>
          !points.some(
            (q) => q !== p && q.size <= p.size && (better(q.score, p.score) || q.score === p.score) && (q.size < p.size || better(q.score, p.score)),
          ),
      );
      expect(paretoFront(points, direction)).toEqual(expected);
    }
  });

  it('throws naming itself when a point is not finite or the direction is unknown', () => {
    expect(() => paretoFront([{ size: NaN, score: 1 }], 'higher')).toThrow(/paretoFront: point 0/);
    expect(() => paretoFront([{ size: 1, score: 1 }], 'up' as 'higher')).toThrow(/paretoFront: unknown direction/);
  });
});

describe('paretoFrontOf', () => {
  it('matches paretoFront when given parallel arrays', () => {
    expect(paretoFrontOf(new Float64Array([1e6, 1e7, 1e8]), [0.7, 0.8, 0.75], 'higher')).toEqual([true, true, false]);
  });

  it('throws when the arrays differ in length', () => {
    expect(() => paretoFrontOf([1, 2], [1], 'higher')).toThrow(/paretoFront/);
  });
});
