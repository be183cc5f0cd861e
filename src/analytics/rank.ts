// Fractional ranking: tied values share the average of the ranks they span.
import { assertSample } from './assertSamples.js';

/**
 * 1-based fractional ranks of `values` in ascending order, ties averaged
 * (same as scipy.stats.rankdata(method='average')): [10, 20, 20, 30] → [1, 2.5, 2.5, 4].
 * Throws on an empty or non-finite sample; a single value gets rank 1.
 */
export function rank(values: ArrayLike<number>): number[] {
  const n = assertSample('rank', values, 1);
  // Native numeric sort of a copy plus binary searches: several times faster than sorting indexes
  // with a comparator, and correlations rank millions of values.
  const sorted = Float64Array.from(values).sort();
  const ranks = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // Values equal to v sit at positions first..last-1 (0-based): ranks first+1..last, averaged.
    const first = lowerBound(sorted, v);
    const last = upperBound(sorted, v, first);
    ranks[i] = (first + 1 + last) / 2;
  }
  return ranks;
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, v: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
