// Shared first pass of the analytics: selects the results that count and interns their metric keys,
// so each statistic works on small integer ids and flat typed arrays, not on strings per result.
import type { BenchmarkRecord, Direction, Scale } from '../schemas/benchmarkSchemas.js';

/** A metric on a dataset within a task: what leaderboards, correlations and trends group by. */
export interface MetricKey {
  id: number;
  taskId: number;
  /** Id of the (task, dataset) pair: results sharing it are "on the same dataset". */
  groupId: number;
  task_type: string;
  dataset_name: string;
  metric_name: string;
  /** Taken from the first result seen with this key; a registry metric has one type, direction and scale. */
  metric_type: string;
  direction: Direction;
  scale: Scale;
  /** `${dataset_name} / ${metric_name}`: how the key is shown in correlation matrices. */
  label: string;
  /** Selected results with this key; at most one per model, so also the number of models. */
  count: number;
}

/** A dataset within a task. */
export interface DatasetGroup {
  id: number;
  taskId: number;
  task_type: string;
  dataset_name: string;
}

export interface ResultIndex {
  /** Task names by task id (tasks of selected results only). */
  tasks: string[];
  groups: DatasetGroup[];
  keys: MetricKey[];
  /** Number of selected results; the typed arrays below are exactly this long. */
  size: number;
  /** Selected results of record r are the indexes recordStart[r] ≤ i < recordStart[r + 1]. */
  recordStart: Uint32Array;
  resultKey: Uint32Array;
  resultValue: Float64Array;
  /** Owning record of each selected result. */
  resultRecord: Uint32Array;
  /** Position of each selected result in its record's evaluation_results. */
  resultPosition: Uint32Array;
}

export interface SelectionOptions {
  /** Count results with source "synthetic" (invented on request); they are ignored otherwise. */
  includeSynthetic?: boolean;
}

/** Beyond this many results in one record, duplicate keys are found with a Set instead of a scan. */
const SCAN_LIMIT = 32;

/**
 * Selects the results every statistic uses and indexes them. A result is selected when its value is
 * finite, it is not synthetic (unless asked for), and it is the first of its record with that key:
 * a model with several results for one dataset and metric (two splits, say) is represented by the
 * first one listed, so it counts once per key everywhere. Linear in the number of results.
 */
export function indexResults(records: readonly BenchmarkRecord[], options: SelectionOptions = {}): ResultIndex {
  const includeSynthetic = options.includeSynthetic === true;
  let capacity = 0;
  for (const record of records) capacity += record.evaluation_results.length;

  const recordStart = new Uint32Array(records.length + 1);
  const resultKey = new Uint32Array(capacity);
  const resultValue = new Float64Array(capacity);
  const resultRecord = new Uint32Array(capacity);
  const resultPosition = new Uint32Array(capacity);

  const tasks: string[] = [];
  const groups: DatasetGroup[] = [];
  const keys: MetricKey[] = [];
  // task → dataset → { groupId, metric → keyId }: nested maps avoid building a key string per result.
  const taskIds = new Map<string, number>();
  const byTask: Map<string, { groupId: number; metrics: Map<string, number> }>[] = [];

  let size = 0;
  for (let r = 0; r < records.length; r++) {
    recordStart[r] = size;
    const results = records[r].evaluation_results;
    const seen = results.length > SCAN_LIMIT ? new Set<number>() : undefined;
    for (let p = 0; p < results.length; p++) {
      const result = results[p];
      if (!Number.isFinite(result.value)) continue;
      if (result.source === 'synthetic' && !includeSynthetic) continue;

      let taskId = taskIds.get(result.task_type);
      if (taskId === undefined) {
        taskId = tasks.length;
        tasks.push(result.task_type);
        taskIds.set(result.task_type, taskId);
        byTask.push(new Map());
      }
      const datasets = byTask[taskId];
      let dataset = datasets.get(result.dataset_name);
      if (dataset === undefined) {
        dataset = { groupId: groups.length, metrics: new Map() };
        groups.push({ id: groups.length, taskId, task_type: result.task_type, dataset_name: result.dataset_name });
        datasets.set(result.dataset_name, dataset);
      }
      let keyId = dataset.metrics.get(result.metric_name);
      if (keyId === undefined) {
        keyId = keys.length;
        keys.push({
          id: keyId,
          taskId,
          groupId: dataset.groupId,
          task_type: result.task_type,
          dataset_name: result.dataset_name,
          metric_name: result.metric_name,
          metric_type: result.metric_type,
          direction: result.direction,
          scale: result.scale,
          label: `${result.dataset_name} / ${result.metric_name}`,
          count: 0,
        });
        dataset.metrics.set(result.metric_name, keyId);
      }

      if (seen) {
        if (seen.has(keyId)) continue;
        seen.add(keyId);
      } else {
        let duplicate = false;
        for (let j = recordStart[r]; j < size; j++) {
          if (resultKey[j] === keyId) {
            duplicate = true;
            break;
          }
        }
        if (duplicate) continue;
      }

      resultKey[size] = keyId;
      resultValue[size] = result.value;
      resultRecord[size] = r;
      resultPosition[size] = p;
      keys[keyId].count++;
      size++;
    }
  }
  recordStart[records.length] = size;

  return {
    tasks,
    groups,
    keys,
    size,
    recordStart,
    resultKey: resultKey.subarray(0, size),
    resultValue: resultValue.subarray(0, size),
    resultRecord: resultRecord.subarray(0, size),
    resultPosition: resultPosition.subarray(0, size),
  };
}

/** Key ids ordered by task, dataset, metric name (code-unit order: deterministic and locale-free). */
export function sortKeysByName(keys: readonly MetricKey[]): number[] {
  const ids = keys.map((k) => k.id);
  return ids.sort((a, b) => compareKeysByName(keys[a], keys[b]));
}

export function compareKeysByName(a: MetricKey, b: MetricKey): number {
  return compareStrings(a.task_type, b.task_type) || compareStrings(a.dataset_name, b.dataset_name) || compareStrings(a.metric_name, b.metric_name);
}

/** Plain code-unit comparison: same order on every machine, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Selected result indexes grouped by key: the results of key k are order[keyStart[k]] … order[keyStart[k + 1] - 1],
 * in record order. A counting sort, so linear.
 */
export function groupResultsByKey(index: ResultIndex): { keyStart: Uint32Array; order: Uint32Array } {
  const keyStart = new Uint32Array(index.keys.length + 1);
  for (let k = 0; k < index.keys.length; k++) keyStart[k + 1] = keyStart[k] + index.keys[k].count;
  const cursor = keyStart.slice(0, index.keys.length);
  const order = new Uint32Array(index.size);
  for (let i = 0; i < index.size; i++) order[cursor[index.resultKey[i]]++] = i;
  return { keyStart, order };
}

/**
 * Position of each record when ordered by model_id: tied results are listed by model_id, and
 * comparing these integers inside sorts is much cheaper than comparing the strings every time.
 */
export function rankByModelId(records: readonly BenchmarkRecord[]): Uint32Array {
  const order = Array.from({ length: records.length }, (_, i) => i).sort((a, b) =>
    compareStrings(records[a].model_info.model_id, records[b].model_info.model_id),
  );
  const rankOf = new Uint32Array(records.length);
  for (let i = 0; i < order.length; i++) rankOf[order[i]] = i;
  return rankOf;
}
