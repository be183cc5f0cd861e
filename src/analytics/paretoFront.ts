// The size/score Pareto front: which models no smaller-or-equal model beats or matches.
import type { Direction } from '../schemas/benchmarkSchemas.js';
import { sortedOrder } from './sortedOrder.js';

export interface SizeScorePoint {
  size: number;
  score: number;
}

/**
 * For each point, whether it is on the Pareto front: no other point has size ≤ and a score at least
 * as good (per `direction`) with at least one of the two strictly better. Exact duplicates do not
 * dominate each other, so they are on or off the front together. O(n log n); [] for no points.
 * Throws on a non-finite size or score.
 */
export function paretoFront(points: readonly SizeScorePoint[], direction: Direction): boolean[] {
  const n = points.length;
  const size = new Float64Array(n);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    size[i] = points[i].size;
    score[i] = points[i].score;
  }
  return paretoFrontOf(size, score, direction);
}

/** `paretoFront` over parallel arrays, for callers that hold many points and no objects. */
export function paretoFrontOf(size: ArrayLike<number>, score: ArrayLike<number>, direction: Direction): boolean[] {
  if (direction !== 'higher' && direction !== 'lower') throw new RangeError(`paretoFront: unknown direction "${String(direction)}"`);
  if (size.length !== score.length) throw new RangeError(`paretoFront: ${size.length} sizes but ${score.length} scores`);
  const n = size.length;
  // Scores flipped for lower-is-better, so the sweep below only has to know "higher wins".
  const sign = direction === 'higher' ? 1 : -1;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(size[i]) || !Number.isFinite(score[i])) throw new RangeError(`paretoFront: point ${i} has a non-finite size or score`);
    s[i] = sign * score[i];
  }

  // Smallest first.
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  sortedOrder(order, n, (i) => size[i], order);

  const onFront = new Array<boolean>(n).fill(false);
  // Best score among strictly smaller points: any of them scoring ≥ ours dominates us.
  let bestSmaller = -Infinity;
  let i = 0;
  while (i < n) {
    const groupSize = size[order[i]];
    let groupBest = -Infinity;
    for (let j = i; j < n && size[order[j]] === groupSize; j++) if (s[order[j]] > groupBest) groupBest = s[order[j]];
    let j = i;
    for (; j < n && size[order[j]] === groupSize; j++) {
      // Within the same size, only a strictly better score dominates.
      const own = s[order[j]];
      onFront[order[j]] = own > bestSmaller && own >= groupBest;
    }
    if (groupBest > bestSmaller) bestSmaller = groupBest;
    i = j;
  }
  return onFront;
}
