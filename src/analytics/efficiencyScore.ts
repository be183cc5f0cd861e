// The efficiency score: how a model does compared with models of its size or smaller.
import type { Direction, Scale } from '../schemas/benchmarkSchemas.js';
import { sortedOrder } from './sortedOrder.js';

/** In words, for the API, the CLI, the CSV export and the UI: one definition, one unit. */
export const EFFICIENCY_DEFINITION =
  'share of the best score reached by any model of its size or smaller on this leaderboard (1 = on the size frontier)';

/** Whether a leaderboard's metric can carry an efficiency score: a known direction and a fixed zero (fraction or points). */
export function efficiencyApplies(direction: Direction, scale: Scale): boolean {
  return direction !== 'unknown' && (scale === 'fraction' || scale === 'points');
}

/**
 * Efficiency per point: its score as a share of the frontier at its size, i.e. of the best score among
 * all points of the same size or smaller (itself included). For higher-is-better metrics that is
 * score ÷ best; for lower-is-better ones (error rates) best ÷ score. So 1 means no model of its size
 * or smaller does better (it is on the size/score frontier), 0.8 means it reaches 80 % of what the
 * best model no larger than it reaches.
 *
 * Why not score ÷ log10(parameters): that ranks almost exactly like the score (Spearman 0.996 on
 * MMLU-Pro). Why not score ÷ parameters: a 7 M-parameter typo wins. This one compares a model only
 * with models that are no larger, and is unitless, so it reads the same everywhere.
 *
 * Defined only where `efficiencyApplies` (a fixed zero makes the ratio meaningful) and for finite,
 * non-negative scores; NaN where undefined (best and score both 0 give 1). O(n log n).
 */
export function efficiencyScores(size: ArrayLike<number>, score: ArrayLike<number>, direction: Direction, scale: Scale): Float64Array {
  if (size.length !== score.length) throw new RangeError(`efficiencyScores: ${size.length} sizes but ${score.length} scores`);
  const n = size.length;
  const out = new Float64Array(n).fill(NaN);
  if (!efficiencyApplies(direction, scale)) return out;
  const order = new Uint32Array(n);
  let usable = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(size[i]) && size[i] > 0 && Number.isFinite(score[i]) && score[i] >= 0) order[usable++] = i;
  }
  const ids = sortedOrder(order, usable, (i) => size[i], order).subarray(0, usable);
  const higher = direction === 'higher';
  let best = higher ? -Infinity : Infinity;
  let i = 0;
  while (i < usable) {
    // Every point of one size sees the best of its whole size group.
    let j = i;
    for (; j < usable && size[ids[j]] === size[ids[i]]; j++) {
      const s = score[ids[j]];
      if (higher ? s > best : s < best) best = s;
    }
    for (let k = i; k < j; k++) {
      const s = score[ids[k]];
      const ratio = higher ? (best === 0 ? 1 : s / best) : s === 0 ? 1 : best / s;
      out[ids[k]] = ratio;
    }
    i = j;
  }
  return out;
}
