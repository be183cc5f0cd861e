import { describe, expect, it } from 'vitest';
import { computeSummary } from '../../src/analytics/computeSummary.js';
import { SummarySchema } from '../../src/schemas/benchmarkSchemas.js';
import { deepFreeze, makeRecord, result } from './makeRecord.js';

const NOW = '2025-06-01T00:00:00.000Z';
const TC = 'text-classification';
const ASR = 'automatic-speech-recognition';

const records = deepFreeze([
  makeRecord(
    'org/bert-base',
    [
      result('sst2', 'accuracy', 0.92),
      result('sst2', 'F1', 0.91),
      result('imdb', 'accuracy', 0.88),
      // The same measurement listed twice (a card repeats itself): the first listed counts.
      result('sst2', 'accuracy', 0.5),
    ],
    { model_family: 'bert', task_type: TC, parameter_count: 110_000_000, created_at: '2023-01-10T00:00:00.000Z' },
  ),
  makeRecord('org/bert-large', [result('sst2', 'accuracy', 0.94)], { model_family: 'bert', task_type: TC, parameter_count: 340_000_000 }),
  makeRecord('org/bert-tiny', [], { model_family: 'bert', task_type: TC }),
  makeRecord('org/whisper-small', [result('librispeech_asr', 'word error rate', 0.034), result('librispeech_asr', 'character error rate', 0.012)], {
    model_family: 'whisper',
    task_type: ASR,
    parameter_count: 244_000_000,
  }),
  makeRecord('org/whisper-large', [result('librispeech_asr', 'word error rate', 0.027)], {
    model_family: 'whisper',
    task_type: ASR,
    parameter_count: 1_550_000_000,
  }),
  makeRecord('org/wav2vec', [result('librispeech_asr', 'word error rate', 0.05), result('common_voice', 'word error rate', 0.2, { source: 'synthetic' })], {
    model_family: 'wav2vec2',
    task_type: ASR,
  }),
]);

describe('computeSummary', () => {
  it('counts models, distinct datasets and selected results when given records', () => {
    const summary = computeSummary(records, { now: NOW });
    // hand-computed: 6 records; sst2, imdb, librispeech_asr; 3 + 1 + 0 + 2 + 1 + 1 results (duplicate and synthetic left out)
    expect([summary.total_models, summary.total_datasets, summary.total_results]).toEqual([6, 3, 8]);
    expect(summary.last_updated).toBe(NOW);
  });

  it('counts models without results under their own task when computing task stats', () => {
    const tc = computeSummary(records, { now: NOW }).task_stats.find((t) => t.task_type === TC)!;
    expect(tc.model_count).toBe(3);
    expect(tc.dataset_count).toBe(2);
    expect(tc.result_count).toBe(4);
    // hand-computed: accuracy (0.92 + 0.88 + 0.94) / 3, F1 0.91
    expect(tc.avg_metrics.accuracy).toBeCloseTo(0.9133333333333333, 14);
    expect(tc.avg_metrics.F1).toBe(0.91);
  });

  it('lists the best results first on the most-populated key when lower is better', () => {
    const summary = computeSummary(records, { now: NOW });
    const asr = summary.task_stats.find((t) => t.task_type === ASR)!;
    expect(asr.top_results.map((m) => [m.model_id, m.value])).toEqual([
      ['org/whisper-large', 0.027],
      ['org/whisper-small', 0.034],
      ['org/wav2vec', 0.05],
    ]);
    expect(asr.top_results[0]).toEqual({ model_id: 'org/whisper-large', model_name: 'whisper-large', dataset_name: 'librispeech_asr', metric_name: 'word error rate', value: 0.027 });
    expect(asr.top_models).toEqual(['org/whisper-large', 'org/whisper-small', 'org/wav2vec']);
    const tc = summary.task_stats.find((t) => t.task_type === TC)!;
    expect(tc.top_models).toEqual(['org/bert-large', 'org/bert-base']);
    const one = computeSummary(records, { now: NOW, topModels: 1 }).task_stats;
    expect(one.every((t) => t.top_models.length <= 1 && t.top_results.length === t.top_models.length)).toBe(true);
  });

  it('takes best as the minimum and worst as the maximum when lower is better', () => {
    const librispeech = computeSummary(records, { now: NOW }).dataset_stats.find((d) => d.dataset_name === 'librispeech_asr')!;
    expect(librispeech.primary_metric).toBe('word error rate');
    expect(librispeech.direction).toBe('lower');
    expect(librispeech.model_count).toBe(3);
    // hand-computed: (0.034 + 0.027 + 0.05) / 3
    expect(librispeech.avg_performance['word error rate']).toBeCloseTo(0.037, 15);
    expect(librispeech.avg_performance.overall).toBe(librispeech.avg_performance['word error rate']);
    expect(librispeech.best_performance).toEqual({ 'character error rate': 0.012, 'word error rate': 0.027, overall: 0.027 });
    expect(librispeech.worst_performance).toEqual({ 'character error rate': 0.012, 'word error rate': 0.05, overall: 0.05 });
  });

  it('picks the metric with the most results as primary when a dataset has several', () => {
    const sst2 = computeSummary(records, { now: NOW }).dataset_stats.find((d) => d.dataset_name === 'sst2')!;
    expect(sst2.primary_metric).toBe('accuracy');
    expect(sst2.direction).toBe('higher');
    expect(sst2.model_count).toBe(2);
    expect(sst2.best_performance).toEqual({ F1: 0.91, accuracy: 0.94, overall: 0.94 });
    expect(sst2.worst_performance).toEqual({ F1: 0.91, accuracy: 0.92, overall: 0.92 });
    expect(sst2.avg_performance.overall).toBeCloseTo(0.93, 15);
  });

  it('sorts dataset stats by task, then by model count descending', () => {
    const order = computeSummary(records, { now: NOW }).dataset_stats.map((d) => `${d.task_type}:${d.dataset_name}`);
    expect(order).toEqual([`${ASR}:librispeech_asr`, `${TC}:sst2`, `${TC}:imdb`]);
  });

  it('counts each model once per family when models have many results', () => {
    const families = computeSummary(records, { now: NOW }).model_family_stats;
    expect(families.map((f) => [f.family, f.model_count])).toEqual([
      ['bert', 3],
      ['whisper', 2],
      ['wav2vec2', 1],
    ]);
    const bert = families[0];
    // hand-computed: (110 M + 340 M) / 2; bert-tiny has no size
    expect(bert.avg_parameter_count).toBe(225_000_000);
    expect(bert.models_with_parameters).toBe(2);
    expect(bert.task_distribution).toEqual({ [TC]: 3 });
    expect(bert.avg_performance.accuracy).toBeCloseTo(0.9133333333333333, 14);
  });

  it('leaves avg_parameter_count out when no model of the family has a size', () => {
    const wav2vec = computeSummary(records, { now: NOW }).model_family_stats.find((f) => f.family === 'wav2vec2')!;
    expect(wav2vec).not.toHaveProperty('avg_parameter_count');
    expect(wav2vec.models_with_parameters).toBe(0);
  });

  it('ignores synthetic results unless asked to include them', () => {
    const withSynthetic = computeSummary(records, { now: NOW, includeSynthetic: true });
    expect([withSynthetic.total_datasets, withSynthetic.total_results]).toEqual([4, 9]);
    expect(withSynthetic.task_stats.find((t) => t.task_type === ASR)!.dataset_count).toBe(2);
    expect(computeSummary(records, { now: NOW }).dataset_stats.some((d) => d.dataset_name === 'common_voice')).toBe(false);
  });

  it('includes one trend series per task and metric type when computing the summary', () => {
    // Only bert-base is dated: imdb and sst2 accuracy tie on dated models; sst2 has more results in all (2 vs 1).
    expect(computeSummary(records, { now: NOW }).trend_data.map((p) => [p.dataset_name, p.metric_name, p.metric_type, p.date])).toEqual([
      ['sst2', 'F1', 'f1', '2023-01-01T00:00:00.000Z'],
      ['sst2', 'accuracy', 'accuracy', '2023-01-01T00:00:00.000Z'],
    ]);
  });

  it('keeps task and family stats non-empty when no record has results', () => {
    const summary = computeSummary([makeRecord('org/lonely', [], { model_family: 'solo', task_type: 'translation' })], { now: NOW });
    expect(summary.task_stats).toEqual([{ task_type: 'translation', model_count: 1, dataset_count: 0, result_count: 0, avg_metrics: {}, top_models: [], top_results: [] }]);
    expect(summary.model_family_stats).toHaveLength(1);
    expect(summary.dataset_stats).toEqual([]);
    expect(() => SummarySchema.parse(summary)).not.toThrow();
  });

  it('produces a schema-valid summary with only finite numbers without mutating frozen input', () => {
    const before = JSON.stringify(records);
    const summary = computeSummary(records, { now: NOW });
    expect(() => SummarySchema.parse(summary)).not.toThrow();
    const numbers: number[] = [];
    JSON.stringify(summary, (_key, value) => (typeof value === 'number' && numbers.push(value), value));
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every(Number.isFinite)).toBe(true);
    expect(JSON.stringify(summary)).not.toContain('null');
    expect(JSON.stringify(records)).toBe(before);
  });

  it('throws naming itself when topModels is invalid', () => {
    expect(() => computeSummary(records, { now: NOW, topModels: -1 })).toThrow(/computeSummary: topModels/);
  });
});
