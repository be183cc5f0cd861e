// Ranking by the mean of several benchmarks: only models that have every chosen benchmark are ranked,
// because a mean over different subsets compares different things; the others are counted, with why.
import type { Direction, Leaderboard, ModelInfo, Scale } from '../schemas/benchmarkSchemas.js';
import { efficiencyScores } from './efficiencyScore.js';
import { compareStrings } from './indexResults.js';
import { paretoFrontOf } from './paretoFront.js';

export interface MeanEntry {
  rank: number;
  model_info: ModelInfo;
  /** Mean of `values`, on the boards' common scale. */
  mean: number;
  /** One value per chosen leaderboard, in the order given. */
  values: number[];
  efficiency_score?: number;
  on_pareto_front: boolean;
}

export interface MeanRanking {
  direction: Direction;
  scale: Scale;
  /** Models ranked: those with a result on every chosen leaderboard. */
  entries: MeanEntry[];
  /** Models that have some but not all of the chosen leaderboards, left out of the ranking. */
  left_out: number;
  /** Per chosen leaderboard (same order): how many of the left-out models miss it. */
  missing_by_board: number[];
}

export class MeanRankingError extends Error {
  override name = 'MeanRankingError';
}

/**
 * Ranks models by the mean of their values on `boards` (at least one). The boards must share a known
 * direction and a scale with a fixed meaning (fraction or points): a mean of an error rate and an
 * accuracy, or of a fraction and a 0–100 score, is not a number anyone can read, so it is refused
 * with a MeanRankingError saying why. Competition ranks (ties share a rank, the next skips); ties are
 * listed by model id. Efficiency and the Pareto front are computed on the mean, exactly as for one
 * leaderboard, over models with a known, non-suspect size. Linear in the entries, plus a sort.
 */
export function rankByMean(boards: readonly Leaderboard[]): MeanRanking {
  if (boards.length === 0) throw new MeanRankingError('rankByMean: choose at least one leaderboard');
  const direction = boards[0].direction;
  const scale = boards[0].entries[0]?.primary_metric.scale ?? 'fraction';
  for (const b of boards) {
    if (b.direction === 'unknown') throw new MeanRankingError(`"${b.variant} / ${b.metric_name}" has no known direction, so it cannot be averaged`);
    if (b.direction !== direction) throw new MeanRankingError('the chosen leaderboards do not share one direction (higher vs lower is better), so they cannot be averaged');
    const s = b.entries[0]?.primary_metric.scale;
    if (s !== undefined && s !== scale) throw new MeanRankingError('the chosen leaderboards use different scales (0–1 fractions vs 0–100 scores), so they cannot be averaged');
  }
  if (scale === 'raw') throw new MeanRankingError('the chosen leaderboards are on an unbounded scale, so a mean of them is not comparable');

  const n = boards.length;
  const rows = new Map<string, { info: ModelInfo; values: number[]; have: number }>();
  boards.forEach((board, b) => {
    for (const e of board.entries) {
      const id = e.model_info.model_id.toLowerCase();
      let row = rows.get(id);
      if (!row) {
        row = { info: e.model_info, values: new Array<number>(n).fill(NaN), have: 0 };
        rows.set(id, row);
      }
      if (Number.isNaN(row.values[b])) {
        row.values[b] = e.primary_metric.value;
        row.have++;
      }
    }
  });

  const complete: { info: ModelInfo; values: number[]; mean: number }[] = [];
  const missing = new Array<number>(n).fill(0);
  let leftOut = 0;
  for (const row of rows.values()) {
    if (row.have === n) {
      let sum = 0;
      for (const v of row.values) sum += v;
      complete.push({ info: row.info, values: row.values, mean: sum / n });
    } else {
      leftOut++;
      row.values.forEach((v, b) => {
        if (Number.isNaN(v)) missing[b]++;
      });
    }
  }

  const sign = direction === 'higher' ? -1 : 1;
  complete.sort((a, b) => sign * (a.mean - b.mean) || compareStrings(a.info.model_id, b.info.model_id));

  const sizes: number[] = [];
  const scores: number[] = [];
  const sizedAt: number[] = [];
  const entries: MeanEntry[] = complete.map((c, i) => {
    const count = c.info.parameter_count;
    if (count !== undefined && c.info.parameter_suspect === undefined) {
      sizes.push(count);
      scores.push(c.mean);
      sizedAt.push(i);
    }
    return { rank: 0, model_info: c.info, mean: c.mean, values: c.values, on_pareto_front: false };
  });
  entries.forEach((e, i) => {
    e.rank = i > 0 && e.mean === entries[i - 1].mean ? entries[i - 1].rank : i + 1;
  });
  const front = paretoFrontOf(sizes, scores, direction);
  const efficiency = efficiencyScores(sizes, scores, direction, scale);
  sizedAt.forEach((at, s) => {
    entries[at].on_pareto_front = front[s];
    if (!Number.isNaN(efficiency[s])) entries[at].efficiency_score = efficiency[s];
  });
  return { direction, scale, entries, left_out: leftOut, missing_by_board: missing };
}
