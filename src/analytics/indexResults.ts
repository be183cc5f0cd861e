// Shared first pass of the analytics: selects the results that count and interns their metric keys,
// so each statistic works on small integer ids and flat typed arrays, not on strings per result.
import { benchmarkById } from '../pipeline/benchmarkRegistry.js';
import { measurementKey, UNSPECIFIED_SPLIT, variantKey, variantLabel } from '../pipeline/measurementKey.js';
import type { BenchmarkRecord, Direction, EvaluationResult, Scale } from '../schemas/benchmarkSchemas.js';

/** One measurement (task, benchmark, config, split, metric, setup): what leaderboards, correlations and trends group by. */
export interface MetricKey {
  id: number;
  taskId: number;
  /** Id of the variant (task, benchmark, config, split, setup): results sharing it are "on the same dataset". */
  groupId: number;
  task_type: string;
  /** The measurement key (see pipeline/measurementKey). */
  key: string;
  benchmark: string;
  /** Display name of the benchmark: the registry's, else the first published name seen. */
  dataset_name: string;
  dataset_config: string | undefined;
  dataset_split: string;
  setup: string | undefined;
  /** Display label of the variant: name · config · split · setup. */
  variant: string;
  metric_name: string;
  /** Taken from the first result seen with this key; a registry metric has one type, direction and scale. */
  metric_type: string;
  direction: Direction;
  scale: Scale;
  /** `${variant} / ${metric_name}`: how the key is shown in correlation matrices. */
  label: string;
  /** Selected results with this key; at most one per model, so also the number of models. */
  count: number;
}

/** A benchmark variant within a task. */
export interface DatasetGroup {
  id: number;
  taskId: number;
  task_type: string;
  dataset_name: string;
  variant: string;
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
  /** Count results of test networks (tag `test-model`, e.g. timm's `test_*`); they are ignored otherwise. */
  includeTestModels?: boolean;
}

/** The tag that marks a model as a test network rather than a real one. */
export const TEST_MODEL_TAG = 'test-model';

/** Beyond this many results in one record, duplicate keys are found with a Set instead of a scan. */
const SCAN_LIMIT = 32;

/** The key of a result: the one the parser stamped, else built from its fields (records made by hand). */
export function keyOfResult(result: EvaluationResult): string {
  return (
    result.key ??
    measurementKey({
      task_type: result.task_type,
      benchmark: result.benchmark ?? result.dataset_name,
      dataset_config: result.dataset_config,
      dataset_split: result.dataset_split,
      metric_id: result.metric_id,
      setup: result.setup,
    })
  );
}

/**
 * Selects the results every statistic uses and indexes them by measurement key. A result is selected
 * when its value is finite, its metric has a known direction, it is not synthetic (unless asked for),
 * its model is not a test network (unless asked for), and it is the first of its record with that
 * key (the merge of layers already made keys unique per record; this guards records made by hand).
 * Linear in the number of results.
 */
export function indexResults(records: readonly BenchmarkRecord[], options: SelectionOptions = {}): ResultIndex {
  const includeSynthetic = options.includeSynthetic === true;
  const includeTestModels = options.includeTestModels === true;
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
  const taskIds = new Map<string, number>();
  const keyIds = new Map<string, number>();
  const groupIds = new Map<string, number>();

  let size = 0;
  for (let r = 0; r < records.length; r++) {
    recordStart[r] = size;
    const record = records[r];
    if (!includeTestModels && record.model_info.tags.includes(TEST_MODEL_TAG)) continue;
    const results = record.evaluation_results;
    const seen = results.length > SCAN_LIMIT ? new Set<number>() : undefined;
    for (let p = 0; p < results.length; p++) {
      const result = results[p];
      if (!Number.isFinite(result.value)) continue;
      if (result.direction === 'unknown') continue;
      if (result.source === 'synthetic' && !includeSynthetic) continue;

      const k = keyOfResult(result);
      let keyId = keyIds.get(k);
      if (keyId === undefined) {
        let taskId = taskIds.get(result.task_type);
        if (taskId === undefined) {
          taskId = tasks.length;
          tasks.push(result.task_type);
          taskIds.set(result.task_type, taskId);
        }
        const definition = result.benchmark ? benchmarkById(result.benchmark) : undefined;
        const identity = {
          task_type: result.task_type,
          benchmark: result.benchmark ?? result.dataset_name,
          dataset_config: result.dataset_config,
          // The split the key holds (see parseModelIndex): an unnamed ImageNet-1k split is its validation set.
          dataset_split: result.dataset_split === UNSPECIFIED_SPLIT ? (definition?.onlyLabelledSplit ?? result.dataset_split) : result.dataset_split,
          setup: result.setup,
        };
        const name = definition?.name ?? result.dataset_name;
        // Labelled once every key is known (labelVariants): only what tells variants apart is shown.
        const variant = '';
        const g = variantKey(identity);
        let groupId = groupIds.get(g);
        if (groupId === undefined) {
          groupId = groups.length;
          groups.push({ id: groupId, taskId, task_type: result.task_type, dataset_name: name, variant });
          groupIds.set(g, groupId);
        }
        keyId = keys.length;
        keys.push({
          id: keyId,
          taskId,
          groupId,
          task_type: result.task_type,
          key: k,
          benchmark: identity.benchmark,
          dataset_name: name,
          dataset_config: result.dataset_config,
          dataset_split: identity.dataset_split,
          setup: result.setup,
          variant,
          metric_name: result.metric_name,
          metric_type: result.metric_type,
          direction: result.direction,
          scale: result.scale,
          label: '',
          count: 0,
        });
        keyIds.set(k, keyId);
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
  labelVariants(keys, groups);

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

/**
 * Variant labels: the benchmark's name, plus its config and split where the task has more than one of
 * them for that benchmark ("GLUE · sst2", "LibriSpeech · clean · test" next to "· other"), plus the
 * setup whenever there is one ("BBH · 3-shot, leaderboard-normalized").
 */
function labelVariants(keys: MetricKey[], groups: DatasetGroup[]): void {
  const spread = new Map<string, { configs: Set<string>; splits: Set<string> }>();
  const benchmarkOf = (k: MetricKey) => `${k.task_type}\u0000${k.benchmark.toLowerCase()}`;
  for (const k of keys) {
    let s = spread.get(benchmarkOf(k));
    if (!s) spread.set(benchmarkOf(k), (s = { configs: new Set(), splits: new Set() }));
    s.configs.add((k.dataset_config ?? '').toLowerCase());
    s.splits.add(k.dataset_split.toLowerCase());
  }
  for (const k of keys) {
    const s = spread.get(benchmarkOf(k))!;
    k.variant = variantLabel(k.dataset_name, {
      dataset_config: s.configs.size > 1 ? k.dataset_config : undefined,
      dataset_split: s.splits.size > 1 ? k.dataset_split : UNSPECIFIED_SPLIT,
      setup: k.setup,
    });
    k.label = `${k.variant} / ${k.metric_name}`;
    groups[k.groupId].variant = k.variant;
  }
}

/** Key ids ordered by task, dataset, metric name (code-unit order: deterministic and locale-free). */
export function sortKeysByName(keys: readonly MetricKey[]): number[] {
  const ids = keys.map((k) => k.id);
  return ids.sort((a, b) => compareKeysByName(keys[a], keys[b]));
}

export function compareKeysByName(a: MetricKey, b: MetricKey): number {
  return compareStrings(a.task_type, b.task_type) || compareStrings(a.variant, b.variant) || compareStrings(a.metric_name, b.metric_name) || compareStrings(a.key, b.key);
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
