// Score per decade of parameters: how much of a metric a model delivers for its order of magnitude.
import type { Direction, Scale } from '../schemas/benchmarkSchemas.js';

/**
 * value / log10(parameterCount): "score per decade of parameters".
 *
 * Why the logarithm: a linear ratio (value / parameters) makes a 5 M-parameter model look a hundred
 * times more "efficient" than a 500 M one with a far better score, which ranks nothing useful. Per
 * decade, size still costs, but only as much as an order of magnitude does. The number is a rough
 * hint; the honest trade-off view is the Pareto flag (`paretoFront`), which makes no such exchange rate.
 *
 * Defined only for higher-is-better metrics on a bounded scale (fraction or points), where 0 means
 * "nothing achieved", and for a known parameter count > 1 (log10(1) = 0). Lower-is-better metrics
 * (an error divided by size rewards big errors) and raw, unbounded values (no fixed zero; unknown
 * metrics land here) give `undefined`, as does a non-finite value.
 */
export function efficiencyScore(
  value: number,
  parameterCount: number | undefined,
  direction: Direction,
  scale: Scale,
): number | undefined {
  if (direction !== 'higher' || (scale !== 'fraction' && scale !== 'points')) return undefined;
  if (parameterCount === undefined || !Number.isFinite(parameterCount) || parameterCount <= 1) return undefined;
  if (!Number.isFinite(value)) return undefined;
  return value / Math.log10(parameterCount);
}
