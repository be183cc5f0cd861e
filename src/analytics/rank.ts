// Fractional ranking: tied values share the average of the ranks they span.
import { assertSample } from './assertSamples.js';
import { firstAtLeast } from './sortedOrder.js';

/**
 * 1-based fractional ranks of `values` in ascending order, ties averaged
 * (same as scipy.stats.rankdata(method='average')): [10, 20, 20, 30] → [1, 2.5, 2.5, 4].
 * Throws on an empty or non-finite sample; a single value gets rank 1.
 */
export function rank(values: ArrayLike<number>): number[] {
  const n = assertSample('rank', values, 1);
  const out = new Float64Array(n);
  rankInto(values, n, out);
  return Array.from(out);
}

// Scratch reused across calls (JavaScript runs one call at a time): correlations rank millions of
// short samples, and fresh buffers for each made garbage collection a large share of the time.
let sorted = new Float64Array(64);
let rankAt = new Float64Array(64);

/**
 * Writes the fractional ranks of values[0..n) into out[0..n). Unchecked: callers have validated
 * the sample (finite values, n ≥ 1). A native numeric sort and one binary search per value beat
 * sorting indexes with a comparator several times over.
 */
export function rankInto(values: ArrayLike<number>, n: number, out: Float64Array): void {
  if (sorted.length < n) {
    sorted = new Float64Array(n);
    rankAt = new Float64Array(n);
  }
  for (let i = 0; i < n; i++) sorted[i] = values[i];
  const view = sorted.subarray(0, n).sort();

  // For each run of equal values starting at `start`, its shared rank is the mean of start+1..end.
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && view[end] === view[start]) end++;
    rankAt[start] = (start + 1 + end) / 2;
    start = end;
  }

  // The first position holding values[i] starts its run.
  for (let i = 0; i < n; i++) out[i] = rankAt[firstAtLeast(view, values[i])];
}
