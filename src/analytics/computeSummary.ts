// The seed-shaped summary: totals, per-task, per-dataset and per-family statistics, and trends.
import type { BenchmarkRecord, DatasetStat, FamilyStat, Summary, TaskStat, TopResult, TrendPoint } from '../schemas/benchmarkSchemas.js';
import { seedTrendsFromIndex } from './computeTrends.js';
import { compareStrings, indexResults, keyOfResult, type MetricKey, type ResultIndex, type SelectionOptions } from './indexResults.js';

export interface SummaryOptions extends SelectionOptions {
  /** ISO time stamped as last_updated (injected: analytics never read the clock). */
  now: string;
  /** How many best models each task lists in top_models / top_results (default 5). */
  topModels?: number;
}

interface Mean {
  sum: number;
  count: number;
}

interface TaskAcc {
  task_type: string;
  models: number;
  /** Last record counted in `models`, so a model is counted once however many results it has. */
  lastRecord: number;
  datasets: number;
  results: number;
  metrics: Map<string, Mean>;
  topKey: MetricKey | undefined;
}

interface FamilyAcc {
  family: string;
  models: number;
  parameterSum: number;
  withParameters: number;
  metrics: Map<string, Mean>;
  tasks: Map<string, number>;
}

/**
 * Summary statistics over the selected results (see `indexResults`: synthetic results only when
 * asked for, one result per model and key). All counts of models count each record once:
 *
 * - total_models: records; total_datasets: distinct benchmarks; total_results: every measurement (countMeasurements).
 * - task_stats (by task name): model_count = models whose model_info.task_type is the task **or**
 *   that have a result in it, so models without results still show up under their own task and
 *   task_stats is never empty for non-empty input; dataset_count, result_count; avg_metrics per
 *   metric_name over every result of the task; top_results = the best `topModels` results (in the
 *   metric's direction, ties by model_id) on the task's most-populated metric key, and top_models
 *   their model ids in the same order.
 * - dataset_stats (by task, then model_count desc): per task × dataset; primary_metric = the
 *   metric_name with the most results there (ties by name); avg/best/worst per metric_name respecting
 *   each metric's direction, plus `overall` for the primary metric (it wins over a metric named "overall").
 * - model_family_stats (by model_count desc): family, models counted once each, avg_parameter_count
 *   over the models with a known parameter_count (left out when there are none), avg_performance per
 *   metric_name, task_distribution = model_info.task_type → models.
 * - trend_data: `computeSeedTrends` (one series per task and metric type).
 *
 * Every number is finite; a statistic that cannot be computed is left out.
 */
export function computeSummary(records: readonly BenchmarkRecord[], options: SummaryOptions): Summary {
  return summaryFromIndex(records, indexResults(records, options), options);
}

/** `computeSummary` over an index already built from the same records and options (and its seed trends, when already computed). */
export function summaryFromIndex(
  records: readonly BenchmarkRecord[],
  index: ResultIndex,
  options: Pick<SummaryOptions, 'now' | 'topModels' | 'includeSynthetic'>,
  trendData: TrendPoint[] = seedTrendsFromIndex(records, index),
): Summary {
  const topModels = options.topModels ?? 5;
  if (!Number.isInteger(topModels) || topModels < 0) throw new RangeError(`computeSummary: topModels must be an integer ≥ 0, got ${topModels}`);

  const { keys, groups, tasks, recordStart, resultKey, resultValue, resultRecord } = index;

  // Per key: sum, min and max of its values (its count is key.count).
  const keySum = new Float64Array(keys.length);
  const keyMin = new Float64Array(keys.length).fill(Infinity);
  const keyMax = new Float64Array(keys.length).fill(-Infinity);
  for (let i = 0; i < index.size; i++) {
    const k = resultKey[i];
    const v = resultValue[i];
    keySum[k] += v;
    if (v < keyMin[k]) keyMin[k] = v;
    if (v > keyMax[k]) keyMax[k] = v;
  }

  // Each key's averaging name, made once rather than once per result.
  const labels = keys.map(meanLabel);

  const taskAccs = new Map<string, TaskAcc>();
  const taskAcc = (task_type: string): TaskAcc => {
    let acc = taskAccs.get(task_type);
    if (acc === undefined) {
      acc = { task_type, models: 0, lastRecord: -1, datasets: 0, results: 0, metrics: new Map(), topKey: undefined };
      taskAccs.set(task_type, acc);
    }
    return acc;
  };
  const taskById = tasks.map(taskAcc);
  const familyAccs = new Map<string, FamilyAcc>();
  const groupModels = new Uint32Array(groups.length);
  const groupLastRecord = new Int32Array(groups.length).fill(-1);

  for (let r = 0; r < records.length; r++) {
    const info = records[r].model_info;
    const ownTask = taskAcc(info.task_type);
    if (ownTask.lastRecord !== r) {
      ownTask.models++;
      ownTask.lastRecord = r;
    }

    let family = familyAccs.get(info.model_family);
    if (family === undefined) {
      family = { family: info.model_family, models: 0, parameterSum: 0, withParameters: 0, metrics: new Map(), tasks: new Map() };
      familyAccs.set(info.model_family, family);
    }
    family.models++;
    if (info.parameter_count !== undefined && Number.isFinite(info.parameter_count)) {
      family.parameterSum += info.parameter_count;
      family.withParameters++;
    }
    family.tasks.set(info.task_type, (family.tasks.get(info.task_type) ?? 0) + 1);

    for (let i = recordStart[r]; i < recordStart[r + 1]; i++) {
      const key = keys[resultKey[i]];
      const task = taskById[key.taskId];
      if (task.lastRecord !== r) {
        task.models++;
        task.lastRecord = r;
      }
      task.results++;
      if (groupLastRecord[key.groupId] !== r) {
        groupModels[key.groupId]++;
        groupLastRecord[key.groupId] = r;
      }
      addTo(family.metrics, labels[key.id], resultValue[i], 1);
    }
  }

  // Per-task metric means, dataset counts and most-populated key, from the per-key sums.
  for (const group of groups) taskById[group.taskId].datasets++;
  const groupKeys: MetricKey[][] = groups.map(() => []);
  for (const key of keys) {
    const task = taskById[key.taskId];
    addTo(task.metrics, labels[key.id], keySum[key.id], key.count);
    if (task.topKey === undefined || key.count > task.topKey.count || (key.count === task.topKey.count && key.label < task.topKey.label)) {
      task.topKey = key;
    }
    groupKeys[key.groupId].push(key);
  }

  // top_results: one pass over the results of every task's top key.
  const isTopKey = new Uint8Array(keys.length);
  for (const task of taskById) if (task.topKey) isTopKey[task.topKey.id] = 1;
  const candidates = new Map<number, number[]>();
  for (let i = 0; i < index.size; i++) {
    const k = resultKey[i];
    if (!isTopKey[k]) continue;
    let list = candidates.get(k);
    if (list === undefined) candidates.set(k, (list = []));
    list.push(i);
  }
  const topOf = (key: MetricKey | undefined): TopResult[] => {
    if (key === undefined || topModels === 0) return [];
    const sign = key.direction === 'lower' ? 1 : -1;
    const modelId = (i: number): string => records[resultRecord[i]].model_info.model_id;
    const best = (candidates.get(key.id) ?? []).sort((a, b) => sign * (resultValue[a] - resultValue[b]) || compareStrings(modelId(a), modelId(b)));
    return best.slice(0, topModels).map((i) => ({
      model_id: modelId(i),
      model_name: records[resultRecord[i]].model_info.model_name,
      dataset_name: key.dataset_name,
      metric_name: key.metric_name,
      value: resultValue[i],
    }));
  };

  const task_stats: TaskStat[] = [...taskAccs.values()]
    .sort((a, b) => compareStrings(a.task_type, b.task_type))
    .map((task) => {
      const top = topOf(task.topKey);
      return {
        task_type: task.task_type,
        model_count: task.models,
        dataset_count: task.datasets,
        result_count: task.results,
        avg_metrics: means(task.metrics),
        top_models: top.map((t) => t.model_id),
        top_results: top,
      };
    });

  const dataset_stats: DatasetStat[] = [];
  for (const group of groups) {
    const inGroup = groupKeys[group.id].sort((a, b) => compareStrings(a.metric_name, b.metric_name));
    let primary = inGroup[0];
    for (const key of inGroup) if (key.count > primary.count) primary = key;
    const avg: [string, number][] = [];
    const best: [string, number][] = [];
    const worst: [string, number][] = [];
    const add = (name: string, key: MetricKey): void => {
      const mean = keySum[key.id] / key.count;
      if (Number.isFinite(mean)) avg.push([name, mean]);
      const higher = key.direction === 'higher';
      best.push([name, higher ? keyMax[key.id] : keyMin[key.id]]);
      worst.push([name, higher ? keyMin[key.id] : keyMax[key.id]]);
    };
    for (const key of inGroup) add(key.metric_name, key);
    // Last, so the contract's `overall` wins over a metric that happens to be named "overall".
    add('overall', primary);
    dataset_stats.push({
      // The variant label: one benchmark can have several (configs, splits, setups), each its own row.
      dataset_name: group.variant,
      task_type: group.task_type,
      model_count: groupModels[group.id],
      primary_metric: primary.metric_name,
      direction: primary.direction,
      avg_performance: Object.fromEntries(avg),
      best_performance: Object.fromEntries(best),
      worst_performance: Object.fromEntries(worst),
    });
  }
  dataset_stats.sort(
    (a, b) => compareStrings(a.task_type, b.task_type) || b.model_count - a.model_count || compareStrings(a.dataset_name, b.dataset_name),
  );

  const model_family_stats: FamilyStat[] = [...familyAccs.values()]
    .sort((a, b) => b.models - a.models || compareStrings(a.family, b.family))
    .map((family) => {
      const stat: FamilyStat = {
        family: family.family,
        model_count: family.models,
        models_with_parameters: family.withParameters,
        avg_performance: means(family.metrics),
        task_distribution: Object.fromEntries([...family.tasks].sort(([a], [b]) => compareStrings(a, b))),
      };
      const avgParameters = family.parameterSum / family.withParameters;
      if (family.withParameters > 0 && Number.isFinite(avgParameters)) stat.avg_parameter_count = avgParameters;
      return stat;
    });

  return {
    total_models: records.length,
    total_datasets: new Set(keys.map((k) => k.benchmark.toLowerCase())).size,
    total_results: countMeasurements(records, options.includeSynthetic === true),
    task_stats,
    dataset_stats,
    model_family_stats,
    trend_data: trendData,
    last_updated: options.now,
  };
}

/**
 * Every measurement in the data, once per model and key (the count status, CLI and UI show too):
 * unlike the statistics, it includes results that are not ranked (a metric of unknown direction,
 * a test network), and leaves out synthetic ones unless they are switched on.
 */
function countMeasurements(records: readonly BenchmarkRecord[], includeSynthetic: boolean): number {
  let n = 0;
  for (const r of records) {
    const seen = new Set<string>();
    for (const result of r.evaluation_results) {
      if (!Number.isFinite(result.value) || (result.source === 'synthetic' && !includeSynthetic)) continue;
      const k = keyOfResult(result);
      if (seen.has(k)) continue;
      seen.add(k);
      n++;
    }
  }
  return n;
}

/**
 * The name a metric's values are averaged under across benchmarks: its metric name, with a
 * leaderboard's normalized scores kept apart (they are on 0–100 where the raw ones are fractions).
 */
function meanLabel(key: MetricKey): string {
  return key.setup?.includes('leaderboard-normalized') ? `${key.metric_name} (leaderboard-normalized)` : key.metric_name;
}

function addTo(map: Map<string, Mean>, name: string, sum: number, count: number): void {
  const mean = map.get(name);
  if (mean === undefined) map.set(name, { sum, count });
  else {
    mean.sum += sum;
    mean.count += count;
  }
}

/** name → mean, sorted by name; means that overflowed are left out. fromEntries keeps a name like "__proto__" an ordinary key. */
function means(map: Map<string, Mean>): Record<string, number> {
  const entries: [string, number][] = [];
  for (const [name, { sum, count }] of map) {
    const mean = sum / count;
    if (Number.isFinite(mean)) entries.push([name, mean]);
  }
  return Object.fromEntries(entries.sort(([a], [b]) => compareStrings(a, b)));
}
