// Pearson's product-moment correlation of two paired samples.
import { assertPairedSamples, isConstant } from './assertSamples.js';

/**
 * Pearson's r of paired samples x and y (same index = same model).
 * Throws on empty, length-mismatched, non-finite or fewer than 2 pairs.
 * Returns `undefined` when either sample has zero variance: r is undefined there, and callers skip
 * the pair rather than report a made-up 0 or a NaN.
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | undefined {
  const n = assertPairedSamples('pearson', x, y);
  if (isConstant(x) || isConstant(y)) return undefined;
  return pearsonOf(x, y, n);
}

/** Pearson's r of x[0..n) and y[0..n), unchecked: callers have validated the samples and ruled out constant ones. */
export function pearsonOf(x: ArrayLike<number>, y: ArrayLike<number>, n: number): number | undefined {
  // Two passes (mean first, then centred sums) instead of the one-pass formula: it does not lose
  // all precision when values are large and close together.
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i];
    meanY += y[i];
  }
  meanX /= n;
  meanY /= n;

  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - meanX;
    const dy = y[i] - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // One sqrt of the product is exact for identical samples (r = 1, not 0.9999999999999998); the
  // product can underflow or overflow for extreme values, and then each factor gets its own sqrt.
  const product = sxx * syy;
  const r = sxy / (product > 0 && Number.isFinite(product) ? Math.sqrt(product) : Math.sqrt(sxx) * Math.sqrt(syy));
  if (!Number.isFinite(r)) return undefined;
  // Rounding can push |r| a hair past 1.
  return r > 1 ? 1 : r < -1 ? -1 : r;
}
