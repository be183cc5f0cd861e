// 95 % confidence interval of a Pearson correlation by Fisher's z-transformation.

/** The two-sided 95 % quantile of the standard normal distribution, Φ⁻¹(0.975). */
export const Z_95 = 1.959963985;

export interface CorrelationInterval {
  low: number;
  high: number;
}

/**
 * The 95 % confidence interval of Pearson's r over n paired samples: z = atanh(r),
 * se = 1 / √(n − 3), bounds tanh(z ± 1.959963985 · se). It assumes roughly bivariate-normal data
 * and says how far r could move by sampling alone, not whether the pairing is meaningful.
 *
 * Returns `undefined` when n ≤ 3 (the standard error is not defined there). r = ±1 gives the
 * degenerate interval [r, r], never NaN or Infinity; an r a rounding error beyond ±1 counts as ±1.
 * Throws a RangeError when r is not a correlation or n is not a count.
 */
export function fisherInterval(r: number, n: number): CorrelationInterval | undefined {
  if (!Number.isFinite(r) || Math.abs(r) > 1 + 1e-12) throw new RangeError(`fisherInterval: r must be a number in [-1, 1], got ${r}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`fisherInterval: n must be a non-negative integer, got ${n}`);
  if (n <= 3) return undefined;
  const clamped = Math.max(-1, Math.min(1, r));
  if (Math.abs(clamped) === 1) return { low: clamped, high: clamped };
  const z = Math.atanh(clamped);
  const half = Z_95 / Math.sqrt(n - 3);
  return { low: Math.tanh(z - half), high: Math.tanh(z + half) };
}
