// Trends: per task × dataset × metric and month of model creation, how many models and how good they were.
import type { BenchmarkRecord, TrendPoint } from '../schemas/benchmarkSchemas.js';
import { HUB_PLACEHOLDER_CREATED_AT } from '../schemas/hubSchemas.js';
import { compareKeysByName, indexResults, sortKeysByName, type ResultIndex, type SelectionOptions } from './indexResults.js';

const PLACEHOLDER_TIME = Date.parse(HUB_PLACEHOLDER_CREATED_AT);

interface Bucket {
  key: number;
  month: number;
  count: number;
  sum: number;
  best: number;
}

/**
 * One point per task_type × dataset_name × metric_name × month of the result's date: its evaluation
 * date (`eval_date`, published with Community Evals results) where there is one, else the model's
 * `model_info.created_at` (`date` = first day of that month, `YYYY-MM-01T00:00:00.000Z`, UTC):
 * model_count, avg_value and best_value (max for higher-is-better, min for lower-is-better). Results
 * with no, unparsable or placeholder dates are left out: the Hub stamps 2022-03-02T23:29:04Z on every
 * old repo, which would pile them all into one fake month. All keys are kept, even with a single month;
 * points are sorted by task, dataset, metric, then date.
 */
export function computeTrends(records: readonly BenchmarkRecord[], options: SelectionOptions = {}): TrendPoint[] {
  return trendsFromIndex(records, indexResults(records, options));
}

/**
 * The seed-shaped trend_data: at most one point per date × task_type × metric_type, so a client that
 * keys a chart by date and task (after picking a metric) draws one series. Per task and metric type
 * it keeps the points of one benchmark and metric only: the one with the most dated models (the
 * sum of its points' model_count), ties to more results in all, then to the first by dataset and
 * metric name. Every point it keeps is also in `computeTrends`.
 */
export function computeSeedTrends(records: readonly BenchmarkRecord[], options: SelectionOptions = {}): TrendPoint[] {
  return seedTrendsFromIndex(records, indexResults(records, options));
}

/** `computeTrends` over an index already built from the same records and options. */
export function trendsFromIndex(records: readonly BenchmarkRecord[], index: ResultIndex): TrendPoint[] {
  return keyedTrends(records, index).points;
}

/** `computeSeedTrends` over an index already built from the same records and options, or over its `keyedTrends`. */
export function seedTrendsFromIndex(records: readonly BenchmarkRecord[], index: ResultIndex, keyed = keyedTrends(records, index)): TrendPoint[] {
  const { keys } = index;
  const { points, pointKey } = keyed;
  const dated = new Float64Array(keys.length);
  for (let i = 0; i < points.length; i++) dated[pointKey[i]] += points[i].model_count;

  // task id × metric_type → the key whose series is kept.
  const chosen = new Map<string, number>();
  for (const key of keys) {
    if (dated[key.id] === 0) continue;
    const series = `${key.taskId}\u0000${key.metric_type}`;
    const current = chosen.get(series);
    if (current === undefined) {
      chosen.set(series, key.id);
      continue;
    }
    const other = keys[current];
    const better = dated[key.id] - dated[current] || key.count - other.count || compareKeysByName(other, key);
    if (better > 0) chosen.set(series, key.id);
  }
  const keep = new Uint8Array(keys.length);
  for (const k of chosen.values()) keep[k] = 1;
  return points.filter((_, i) => keep[pointKey[i]] === 1);
}

/** Every trend point, sorted, with the key id each belongs to (`pointKey[i]` for `points[i]`). */
export function keyedTrends(records: readonly BenchmarkRecord[], index: ResultIndex): { points: TrendPoint[]; pointKey: number[] } {
  const { keys, recordStart, resultKey, resultValue, resultPosition } = index;

  // Months first, so bucket ids can be key × span + month offset: small integers, cheap Map keys.
  // A result's own evaluation date wins over its model's creation date.
  const monthOfResult = new Int32Array(index.size).fill(-1);
  let minMonth = Infinity;
  let maxMonth = -Infinity;
  for (let r = 0; r < records.length; r++) {
    if (recordStart[r] === recordStart[r + 1]) continue;
    const created = monthOf(records[r].model_info.created_at);
    const results = records[r].evaluation_results;
    for (let i = recordStart[r]; i < recordStart[r + 1]; i++) {
      const evalDate = results[resultPosition[i]]?.eval_date;
      const month = (evalDate === undefined ? undefined : monthOf(evalDate)) ?? created;
      if (month === undefined) continue;
      monthOfResult[i] = month;
      if (month < minMonth) minMonth = month;
      if (month > maxMonth) maxMonth = month;
    }
  }
  const span = maxMonth - minMonth + 1;

  const buckets = new Map<number, Bucket>();
  for (let r = 0; r < records.length; r++) {
    for (let i = recordStart[r]; i < recordStart[r + 1]; i++) {
      const month = monthOfResult[i];
      if (month < 0) continue;
      const k = resultKey[i];
      const v = resultValue[i];
      const id = k * span + (month - minMonth);
      const bucket = buckets.get(id);
      if (bucket === undefined) {
        buckets.set(id, { key: k, month, count: 1, sum: v, best: v });
        continue;
      }
      bucket.count++;
      bucket.sum += v;
      if (keys[k].direction === 'lower' ? v < bucket.best : v > bucket.best) bucket.best = v;
    }
  }

  const nameRank = new Uint32Array(keys.length);
  sortKeysByName(keys).forEach((k, i) => (nameRank[k] = i));
  const sorted = [...buckets.values()].sort((a, b) => nameRank[a.key] - nameRank[b.key] || a.month - b.month);
  const points: TrendPoint[] = [];
  const pointKey: number[] = [];
  for (const b of sorted) {
    const avg = b.sum / b.count;
    // A sum of huge raw values can overflow; such a point is left out rather than reported as Infinity.
    if (!Number.isFinite(avg)) continue;
    const key = keys[b.key];
    points.push({
      task_type: key.task_type,
      dataset_name: key.dataset_name,
      metric_name: key.metric_name,
      key: key.key,
      variant: key.variant,
      metric_type: key.metric_type,
      date: monthStart(b.month),
      model_count: b.count,
      avg_value: avg,
      best_value: b.best,
    });
    pointKey.push(b.key);
  }
  return { points, pointKey };
}

/** Months since year 0 (UTC) of an ISO date, or undefined when missing, unparsable, out of range or the Hub's placeholder. */
function monthOf(createdAt: string | undefined): number | undefined {
  if (!createdAt) return undefined;
  const t = Date.parse(createdAt);
  if (!Number.isFinite(t) || t === PLACEHOLDER_TIME) return undefined;
  const d = new Date(t);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) return undefined;
  return year * 12 + d.getUTCMonth();
}

function monthStart(month: number): string {
  const year = Math.floor(month / 12);
  return `${String(year).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}-01T00:00:00.000Z`;
}
