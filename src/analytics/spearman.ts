// Spearman's rank correlation: Pearson's r of the fractional ranks, so ties get average ranks.
import { assertPairedSamples, isConstant } from './assertSamples.js';
import { pearson } from './pearson.js';
import { rank } from './rank.js';

/**
 * Spearman's rho of paired samples x and y, ties ranked by their average rank
 * (matches scipy.stats.spearmanr). Throws on empty, length-mismatched, non-finite or fewer than 2
 * pairs. Returns `undefined` when either sample is constant (rho is undefined; callers skip the pair).
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | undefined {
  assertPairedSamples('spearman', x, y);
  if (isConstant(x) || isConstant(y)) return undefined;
  return pearson(rank(x), rank(y));
}
