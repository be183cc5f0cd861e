// Community Evals entries → evaluation results: the measurement key (benchmark through the registry,
// task config and split from eval.yaml, setup from notes), the scale, the provenance, and bad entries
// counted, never fatal.
import { describe, expect, it } from 'vitest';
import { createInterner } from '../../src/pipeline/enrichModels.js';
import { findPercentTasks, parseEvalResults, type EvalCatalog } from '../../src/pipeline/parseEvalResults.js';
import { createCounters } from '../../src/pipeline/parseModelIndex.js';
import type { BenchmarkInfo } from '../../src/schemas/communityEvalsSchemas.js';

const info = (id: string, tasks: BenchmarkInfo['tasks'], extra: Partial<BenchmarkInfo> = {}): BenchmarkInfo => ({ id, tasks, eval_yaml: 'read', leaderboard_rows: 0, read_at: '2026-09-01T00:00:00.000Z', problems: [], ...extra });
const entry = (dataset: string, task: string, value: unknown, extra: Record<string, unknown> = {}, data: Record<string, unknown> = {}) => ({
  verified: false,
  ...extra,
  data: { dataset: { id: dataset, task_id: task }, value, ...data },
});

function parse(entries: unknown[], benchmarks: BenchmarkInfo[] = []) {
  const counters = createCounters();
  const catalog: EvalCatalog = { benchmarks: new Map(benchmarks.map((b) => [b.id.toLowerCase(), b])), percentTasks: findPercentTasks([entries]) };
  return { results: parseEvalResults(entries, 'text-generation', catalog, counters, createInterner()), counters };
}

describe('parseEvalResults', () => {
  it('maps a benchmark dataset id onto the registry and takes config and split from the task', () => {
    const { results } = parse([entry('idavidrein/GPQA', 'gpqa_diamond', 0.41)], [info('Idavidrein/gpqa', [{ id: 'gpqa_diamond', config: 'gpqa_diamond', split: 'train' }])]);
    expect(results).toEqual([
      expect.objectContaining({ benchmark: 'Idavidrein/gpqa', benchmark_task: 'gpqa_diamond', dataset_config: 'gpqa_diamond', dataset_split: 'train', metric_id: 'accuracy', value: 0.41, key: 'text-generation|idavidrein/gpqa|gpqa_diamond|train|accuracy|' }),
    ]);
  });

  it('keeps two setups apart and one setup once, preferring the verified copy', () => {
    const { results, counters } = parse([
      entry('cais/hle', 'hle', 0.2, {}, { notes: 'tools' }),
      entry('cais/hle', 'hle', 0.1, {}, { notes: 'no-tools' }),
      entry('cais/hle', 'hle', 0.21, { verified: true, filename: '.eval_results/hle.yaml' }, { notes: 'tools' }),
    ]);
    expect(results.map((r) => [r.setup, r.value, r.verified, r.eval_file])).toEqual([
      ['tools', 0.21, true, '.eval_results/hle.yaml'],
      ['no-tools', 0.1, false, undefined],
    ]);
    expect(counters.skipped).toMatchObject({ duplicate_result: 1 });
  });

  it('reads a task that publishes above 1 as percent, keeping the published value', () => {
    const { results } = parse([entry('openai/gsm8k', 'main', 20.9), entry('openai/gsm8k', 'main', 0.5, {}, { notes: 'cot' })]);
    // 20.9 gives the 0–100 scale away, so 0.5 on the same task is 0.5 %, not 50 %.
    expect(results.map((r) => [r.value, r.original_value, r.original_scale])).toEqual([[0.209, 20.9, 'percent'], [0.005, 0.5, 'percent']]);
  });

  it('uses the score on its own scale, lower-better where eval.yaml says so, for a benchmark the registry does not know', () => {
    const { results } = parse([entry('someone/latency', 'p50', 812)], [info('someone/latency', [{ id: 'p50', lower_is_better: true }], { name: 'Latency' })]);
    expect(results[0]).toMatchObject({ metric_id: 'score', scale: 'raw', direction: 'lower', value: 812, dataset_name: 'Latency' });
  });

  it('marks an open pull request’s result as community and keeps the source, date and file', () => {
    const { results } = parse([
      entry('cais/hle', 'hle', 0.3, { pullRequest: 12, filename: '.eval_results/x.yaml' }, { date: '2026-02-10', source: { url: 'https://example.org/log', name: 'log' } }),
    ]);
    expect(results[0]).toMatchObject({ source: 'community-evals', community: true, pull_request: 12, eval_date: '2026-02-10T00:00:00.000Z', eval_file: '.eval_results/x.yaml', source_url: 'https://example.org/log', source_name: 'log' });
  });

  it('skips and counts malformed entries, keeping a result whose source has no url', () => {
    const { results, counters } = parse([
      'junk',
      { data: null },
      entry('cais/hle', '', 0.1),
      entry('cais/hle', 'hle', 'N/A'),
      entry('cais/hle', 'hle', 0.4, {}, { source: { name: 'no url' } }),
    ]);
    expect(results).toHaveLength(1);
    expect(results[0].source_name).toBeUndefined();
    expect(counters.skipped).toEqual({ eval_entry_not_an_object: 1, eval_entry_without_dataset: 1, eval_entry_without_task: 1, non_numeric_value: 1, eval_source_without_url: 1 });
  });
});
