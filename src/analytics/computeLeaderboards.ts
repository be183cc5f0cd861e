// Leaderboards: every model's result on one task × dataset × metric, ranked in the metric's direction,
// with its other metrics on that dataset, its efficiency score and whether it is on the size/score Pareto front.
import { boardIdentity, type BenchmarkRecord, type EvaluationResult, type Leaderboard, type LeaderboardEntry } from '../schemas/benchmarkSchemas.js';
import { efficiencyScores } from './efficiencyScore.js';
import { compareStrings, groupResultsByKey, indexResults, rankByModelId, type ResultIndex, type SelectionOptions } from './indexResults.js';
import { paretoFrontOf } from './paretoFront.js';
import { sortedOrder } from './sortedOrder.js';

export interface LeaderboardOptions extends SelectionOptions {
  /** ISO time stamped as last_updated (injected: analytics never read the clock). */
  now: string;
}

/** The lookup key of one leaderboard; JSON keeps it unambiguous whatever the names contain. */
export function leaderboardKey(task: string, dataset: string, metric: string): string {
  return JSON.stringify([task, dataset, metric]);
}

/** Shared by every entry without secondary metrics, instead of one empty array each. Frozen: outputs are read-only. */
const NO_SECONDARY = Object.freeze([]) as unknown as EvaluationResult[];

/**
 * One leaderboard per task_type × dataset_name × metric_name, with all entries, best first
 * (descending for higher-is-better, ascending for lower-is-better such as wer or perplexity).
 * Ties share a rank and the next rank skips ("1224"); tied entries are listed by model_id.
 * secondary_metrics are the model's other results on the same task and dataset. `model_info` and
 * the results are the record's own objects, not copies, to keep memory flat; treat them as read-only.
 * The Pareto flag compares score and parameter_count among the entries with a known size; entries
 * without one are never on the front. Leaderboards are sorted by task, then by entry count (desc),
 * then dataset and metric name. O(r log r) in the number of results.
 */
export function computeLeaderboards(records: readonly BenchmarkRecord[], options: LeaderboardOptions): Leaderboard[] {
  return leaderboardsFromIndex(records, indexResults(records, options), options);
}

/** `computeLeaderboards` over an index already built from the same records and options. */
export function leaderboardsFromIndex(records: readonly BenchmarkRecord[], index: ResultIndex, options: { now: string }): Leaderboard[] {
  const { keys, recordStart, resultKey, resultValue, resultRecord, resultPosition } = index;
  const { keyStart } = groupResultsByKey(index);
  const modelRank = rankByModelId(records);
  // Each key's results in model_id order (a counting sort over the records in that order), so a stable
  // sort by value alone lists ties by model_id.
  const byName = new Uint32Array(records.length);
  for (let r = 0; r < records.length; r++) byName[modelRank[r]] = r;
  const cursor = keyStart.slice(0, keys.length);
  const order = new Uint32Array(index.size);
  for (let n = 0; n < records.length; n++) {
    const r = byName[n];
    for (let i = recordStart[r]; i < recordStart[r + 1]; i++) order[cursor[resultKey[i]]++] = i;
  }
  let ranked = new Uint32Array(64);

  // Everything the entry loop needs, gathered in one sequential sweep: the loop then visits records in
  // rank order, and reading scattered objects there (cache misses) was most of its cost.
  const infoOf = records.map((record) => record.model_info);
  // Sizes that take part in the front and in efficiency: known and not flagged suspect.
  const parametersOf = new Float64Array(records.length);
  for (let r = 0; r < records.length; r++) {
    const count = infoOf[r].parameter_count;
    parametersOf[r] = count !== undefined && Number.isFinite(count) && infoOf[r].parameter_suspect === undefined ? count : NaN;
  }
  const resultOf: EvaluationResult[] = new Array(index.size);
  const groupOf = new Uint32Array(index.size);
  for (let i = 0; i < index.size; i++) {
    resultOf[i] = records[resultRecord[i]].evaluation_results[resultPosition[i]];
    groupOf[i] = keys[resultKey[i]].groupId;
  }

  // Scratch for the Pareto sweep, reused across leaderboards.
  const sizes = new Float64Array(records.length);
  const scores = new Float64Array(records.length);
  const sizedAt = new Uint32Array(records.length);

  const boards: Leaderboard[] = [];
  for (const key of keys) {
    const sign = key.direction === 'lower' ? 1 : -1;
    const count = keyStart[key.id + 1] - keyStart[key.id];
    if (ranked.length < count) ranked = new Uint32Array(count);
    // Best first, ties by model_id.
    const ids = sortedOrder(order.subarray(keyStart[key.id], keyStart[key.id + 1]), count, (i) => sign * resultValue[i], ranked).subarray(0, count);

    const entries: LeaderboardEntry[] = new Array(ids.length);
    let sized = 0;
    let rank = 1;
    for (let e = 0; e < ids.length; e++) {
      const i = ids[e];
      if (e > 0 && resultValue[i] !== resultValue[ids[e - 1]]) rank = e + 1;
      const r = resultRecord[i];

      // The model's other selected results on the same task and dataset (a record holds few results).
      let secondary = NO_SECONDARY;
      for (let j = recordStart[r]; j < recordStart[r + 1]; j++) {
        if (j !== i && groupOf[j] === key.groupId) {
          if (secondary === NO_SECONDARY) secondary = [];
          secondary.push(resultOf[j]);
        }
      }
      entries[e] = { rank, model_info: infoOf[r], primary_metric: resultOf[i], secondary_metrics: secondary, on_pareto_front: false };

      // NaN (unknown or suspect size) is the only value not equal to itself.
      const parameters = parametersOf[r];
      if (parameters === parameters) {
        sizes[sized] = parameters;
        scores[sized] = resultValue[i];
        sizedAt[sized++] = e;
      }
    }

    const front = paretoFrontOf(sizes.subarray(0, sized), scores.subarray(0, sized), key.direction);
    const efficiency = efficiencyScores(sizes.subarray(0, sized), scores.subarray(0, sized), key.direction, key.scale);
    for (let s = 0; s < sized; s++) {
      const entry = entries[sizedAt[s]];
      entry.on_pareto_front = front[s];
      if (efficiency[s] === efficiency[s]) entry.efficiency_score = efficiency[s];
    }

    boards.push({
      ...boardIdentity(key),
      metric_type: key.metric_type,
      direction: key.direction,
      total_entries: entries.length,
      entries,
      last_updated: options.now,
    });
  }

  return boards.sort(
    (a, b) =>
      compareStrings(a.task_type, b.task_type) ||
      b.total_entries - a.total_entries ||
      compareStrings(a.variant, b.variant) ||
      compareStrings(a.metric_name, b.metric_name) ||
      compareStrings(a.key, b.key),
  );
}
