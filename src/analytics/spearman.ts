// Spearman's rank correlation: Pearson's r of the fractional ranks, so ties get average ranks.
import { assertPairedSamples, isConstant } from './assertSamples.js';
import { pearsonOf } from './pearson.js';
import { rankInto } from './rank.js';

// Rank buffers reused across calls (one call runs at a time): correlations call this for every
// metric pair, and allocating two rank arrays each time was mostly garbage-collection work.
let rankX = new Float64Array(64);
let rankY = new Float64Array(64);

/**
 * Spearman's rho of paired samples x and y, ties ranked by their average rank
 * (matches scipy.stats.spearmanr). Throws on empty, length-mismatched, non-finite or fewer than 2
 * pairs. Returns `undefined` when either sample is constant (rho is undefined; callers skip the pair).
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | undefined {
  const n = assertPairedSamples('spearman', x, y);
  if (isConstant(x) || isConstant(y)) return undefined;
  if (rankX.length < n) {
    rankX = new Float64Array(n);
    rankY = new Float64Array(n);
  }
  rankInto(x, n, rankX);
  rankInto(y, n, rankY);
  return pearsonOf(rankX, rankY, n);
}
