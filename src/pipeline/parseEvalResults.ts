// Reads a model's Hub Community Evals (`evalResults`, and leaderboard rows stored in the same shape:
// `{filename, verified, pullRequest?, data{dataset{id, task_id}, value, date?, source?, notes?}}`)
// into evaluation results. A result is a measurement of (benchmark dataset, task, setup from `notes`):
// the benchmark goes through the registry, so GPQA from Community Evals and GPQA from a model-index
// are one benchmark; the task's config and split come from the benchmark's eval.yaml where it was read.
// Entries are user-written: a bad one is skipped and counted, never fatal.
import type { EvaluationResult } from '../schemas/benchmarkSchemas.js';
import type { BenchmarkInfo } from '../schemas/communityEvalsSchemas.js';
import { resolveBenchmark } from './benchmarkRegistry.js';
import { buildResult, keyOfMeasurement, type Measurement } from './buildResult.js';
import { toIsoDate } from './enrichModels.js';
import { formatSetup, UNSPECIFIED_SPLIT } from './measurementKey.js';
import { preference } from './mergeResults.js';
import { lookupMetric, type MetricDefinition } from './metricRegistry.js';
import { parseMetricValue, showsPercentScale } from './parseMetricValue.js';
import { obj, text, type ParseCounters } from './parseModelIndex.js';

export type EvalSkipReason =
  | 'eval_entry_not_an_object'
  | 'eval_entry_without_dataset'
  | 'eval_entry_without_task'
  | 'eval_source_without_url'
  | 'non_numeric_value'
  | 'non_finite_value'
  | 'out_of_range'
  | 'duplicate_result';

export interface EvalCatalog {
  /** Benchmarks read from the Hub, by lower-case dataset id. */
  benchmarks: ReadonlyMap<string, BenchmarkInfo>;
  /** `benchmark|task` (lower case) whose published values run above 1: a 0–100 scale for that task. */
  percentTasks: ReadonlySet<string>;
}

/** A Community Evals score without a registry metric: the benchmark's own scale, as published. */
function scoreMetric(direction: 'higher' | 'lower'): MetricDefinition {
  return { id: 'score', type: 'score', name: 'score', direction, scale: 'raw', aliases: [] };
}

const taskKey = (benchmark: string, task: string) => `${benchmark.toLowerCase()}|${task.toLowerCase()}`;

function entryParts(raw: unknown): { dataset: string; task: string; value: unknown } | undefined {
  const data = obj(obj(raw)?.data);
  const dataset = obj(data?.dataset);
  const id = text(dataset?.id);
  const task = text(dataset?.task_id);
  return id && task ? { dataset: id, task, value: data!.value } : undefined;
}

/** The benchmark tasks that publish on 0–100: a value above 1 among all entries of the layer gives it away. */
export function findPercentTasks(entriesByModel: Iterable<readonly unknown[] | undefined>): Set<string> {
  const out = new Set<string>();
  for (const entries of entriesByModel) {
    for (const e of entries ?? []) {
      const p = entryParts(e);
      if (p && showsPercentScale(p.value)) out.add(taskKey(p.dataset, p.task));
    }
  }
  return out;
}

export function parseEvalResults(
  entries: readonly unknown[] | undefined,
  taskType: string,
  catalog: EvalCatalog,
  counters: ParseCounters,
  intern: (s: string) => string,
): EvaluationResult[] {
  if (!entries || entries.length === 0) return [];
  const skip = (reason: EvalSkipReason) => {
    const c = counters.skipped as Record<string, number>;
    c[reason] = (c[reason] ?? 0) + 1;
  };
  const byKey = new Map<string, EvaluationResult>();
  for (const raw of entries) {
    const entry = obj(raw);
    if (!entry) { skip('eval_entry_not_an_object'); continue; }
    const data = obj(entry.data);
    const dataset = obj(data?.dataset);
    const datasetId = text(dataset?.id);
    if (!data || !datasetId) { skip('eval_entry_without_dataset'); continue; }
    const taskId = text(dataset?.task_id);
    if (!taskId) { skip('eval_entry_without_task'); continue; }

    const benchmark = resolveBenchmark(datasetId, undefined);
    const info = catalog.benchmarks.get(datasetId.toLowerCase()) ?? catalog.benchmarks.get(benchmark.id.toLowerCase());
    const task = info?.tasks.find((t) => t.id.toLowerCase() === taskId.toLowerCase());
    const lower = task?.lower_is_better ?? info?.lower_is_better;
    let def = benchmark.definition?.evalMetric ? lookupMetric(benchmark.definition.evalMetric) : undefined;
    if (def && lower !== undefined && (def.direction === 'lower') !== lower) def = undefined;
    def ??= scoreMetric(lower ? 'lower' : 'higher');

    const parsed = parseMetricValue(data.value, def.scale, catalog.percentTasks.has(taskKey(datasetId, taskId)));
    if (!parsed.ok) { skip(parsed.reason); continue; }
    const notes = text(data.notes)?.slice(0, 80);
    const measurement: Measurement = {
      taskType,
      benchmark,
      datasetName: info?.name ?? benchmark.name ?? datasetId,
      datasetType: datasetId,
      datasetConfig: task?.config ?? taskId,
      split: task?.split ?? UNSPECIFIED_SPLIT,
      def,
      setup: formatSetup({ notes: notes ? [notes] : [] }),
    };
    const key = keyOfMeasurement(measurement);
    const r = buildResult(measurement, key, def.scale, parsed, { source: 'community-evals', verified: entry.verified === true }, intern);
    r.benchmark_task = intern(taskId);
    if (notes) r.notes = intern(notes);
    const source = obj(data.source);
    if (source) {
      const url = text(source.url);
      if (url) {
        r.source_url = url;
        const name = text(source.name);
        if (name) r.source_name = intern(name);
      } else skip('eval_source_without_url');
    }
    const pr = typeof entry.pullRequest === 'number' ? entry.pullRequest : obj(entry.pullRequest)?.num;
    if (typeof pr === 'number' && Number.isInteger(pr) && pr > 0) {
      r.community = true;
      r.pull_request = pr;
    }
    const date = toIsoDate(data.date);
    if (date) r.eval_date = date;
    const file = text(entry.filename);
    if (file) r.eval_file = intern(file);

    // The model's own entry and its leaderboard row are one result; a richer or verified copy wins.
    const held = byKey.get(key);
    if (held) {
      skip('duplicate_result');
      const better = preference(r) > preference(held) || (preference(r) === preference(held) && !held.eval_date && r.eval_date !== undefined);
      if (!better) continue;
    }
    byKey.set(key, r);
  }
  return [...byKey.values()];
}
