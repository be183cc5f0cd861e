import { describe, expect, it } from 'vitest';
import { computeSeedTrends, computeTrends } from '../../src/analytics/computeTrends.js';
import { TrendPointSchema } from '../../src/schemas/benchmarkSchemas.js';
import { HUB_PLACEHOLDER_CREATED_AT } from '../../src/schemas/hubSchemas.js';
import { deepFreeze, makeRecord, result } from './makeRecord.js';

const ASR = { task_type: 'automatic-speech-recognition' };

const records = deepFreeze([
  makeRecord('org/m1', [result('sst2', 'accuracy', 0.8)], { created_at: '2023-01-15T10:00:00.000Z' }),
  makeRecord('org/m2', [result('sst2', 'accuracy', 0.9)], { created_at: '2023-01-31T23:59:59.000Z' }),
  makeRecord('org/m3', [result('sst2', 'accuracy', 0.85)], { created_at: '2023-02-01T00:00:00.000Z' }),
  // 2023-04-01 01:00 at UTC+2 is still March in UTC.
  makeRecord('org/m4', [result('sst2', 'accuracy', 0.7)], { created_at: '2023-04-01T01:00:00+02:00' }),
  makeRecord('org/old', [result('sst2', 'accuracy', 0.1)], { created_at: HUB_PLACEHOLDER_CREATED_AT }),
  makeRecord('org/undated', [result('sst2', 'accuracy', 0.2)]),
  makeRecord('org/garbled', [result('sst2', 'accuracy', 0.3)], { created_at: 'yesterday' }),
  makeRecord('org/w1', [result('librispeech_asr', 'word error rate', 0.1)], { ...ASR, created_at: '2023-01-05T00:00:00.000Z' }),
  makeRecord('org/w2', [result('librispeech_asr', 'word error rate', 0.05)], { ...ASR, created_at: '2023-01-20T00:00:00.000Z' }),
]);

describe('computeTrends', () => {
  it('groups by key and UTC month, sorted by key then date, when models have creation dates', () => {
    const points = computeTrends(records);
    expect(points.map((p) => [p.task_type, p.dataset_name, p.metric_name, p.date, p.model_count])).toEqual([
      ['automatic-speech-recognition', 'librispeech_asr', 'word error rate', '2023-01-01T00:00:00.000Z', 2],
      ['text-classification', 'sst2', 'accuracy', '2023-01-01T00:00:00.000Z', 2],
      ['text-classification', 'sst2', 'accuracy', '2023-02-01T00:00:00.000Z', 1],
      ['text-classification', 'sst2', 'accuracy', '2023-03-01T00:00:00.000Z', 1],
    ]);
    for (const point of points) expect(() => TrendPointSchema.parse(point)).not.toThrow();
  });

  it('averages and takes the best value in the metric’s direction when a month has several models', () => {
    const [wer, accuracy] = computeTrends(records);
    // hand-computed: (0.1 + 0.05) / 2, best = min for wer; (0.8 + 0.9) / 2, best = max for accuracy
    expect(wer.avg_value).toBeCloseTo(0.075, 15);
    expect(wer.best_value).toBe(0.05);
    expect(accuracy.avg_value).toBeCloseTo(0.85, 15);
    expect(accuracy.best_value).toBe(0.9);
  });

  it('skips models when the creation date is the Hub placeholder, missing or unparsable', () => {
    const values = computeTrends(records).flatMap((p) => [p.avg_value, p.best_value]);
    expect(values).not.toContain(0.1);
    expect(values).not.toContain(0.2);
    expect(values).not.toContain(0.3);
    expect(computeTrends([makeRecord('org/x', [result('d', 'accuracy', 1)], { created_at: '2022-03-02T23:29:04Z' })])).toEqual([]);
  });

  it('dates a result by its evaluation date when it has one, else by its model’s creation date', () => {
    const dated = { ...result('sst2', 'accuracy', 0.6), eval_date: '2024-06-30' };
    const points = computeTrends([
      // created in January 2023, evaluated in June 2024: the point is June 2024
      makeRecord('org/e1', [dated], { created_at: '2023-01-15T10:00:00.000Z' }),
      // an evaluation date on an undated (placeholder) model still places the result
      makeRecord('org/e2', [{ ...result('sst2', 'accuracy', 0.4), eval_date: '2024-06-02T12:00:00Z' }], { created_at: HUB_PLACEHOLDER_CREATED_AT }),
      // an unparsable evaluation date falls back to the creation date
      makeRecord('org/e3', [{ ...result('sst2', 'accuracy', 0.9), eval_date: 'soon' }], { created_at: '2023-01-20T00:00:00.000Z' }),
    ]);
    expect(points.map((p) => [p.date, p.model_count, p.avg_value])).toEqual([
      ['2023-01-01T00:00:00.000Z', 1, 0.9],
      // hand-computed: (0.6 + 0.4) / 2
      ['2024-06-01T00:00:00.000Z', 2, 0.5],
    ]);
  });

  it('ignores synthetic results unless asked to include them', () => {
    const synthetic = [makeRecord('org/s', [result('sst2', 'accuracy', 0.5, { source: 'synthetic' })], { created_at: '2024-05-05T00:00:00.000Z' })];
    expect(computeTrends(synthetic)).toEqual([]);
    expect(computeTrends(synthetic, { includeSynthetic: true }).map((p) => p.date)).toEqual(['2024-05-01T00:00:00.000Z']);
  });

  it('returns no points when there are no records', () => {
    expect(computeTrends([])).toEqual([]);
  });
});

describe('computeSeedTrends', () => {
  const TG = { task_type: 'text-generation' };
  const month = (m: number) => ({ ...TG, created_at: `2024-0${m}-15T00:00:00.000Z` });
  // bbh normalized accuracy: 3 dated models; mmlu accuracy: 2 dated (+ 3 undated); math exact match: 1 dated.
  const llm = deepFreeze([
    makeRecord('org/a', [result('bbh', 'normalized accuracy', 0.4), result('mmlu', 'accuracy', 0.5), result('math', 'exact match', 0.1)], month(1)),
    makeRecord('org/b', [result('bbh', 'normalized accuracy', 0.5), result('mmlu', 'accuracy', 0.6)], month(1)),
    makeRecord('org/c', [result('bbh', 'normalized accuracy', 0.6)], month(2)),
    makeRecord('org/u1', [result('mmlu', 'accuracy', 0.3)], TG),
    makeRecord('org/u2', [result('mmlu', 'accuracy', 0.3)], TG),
    makeRecord('org/u3', [result('mmlu', 'accuracy', 0.3)], TG),
    makeRecord('org/w1', [result('librispeech_asr', 'word error rate', 0.1), result('librispeech_asr', 'character error rate', 0.04)], { ...ASR, created_at: '2024-01-02T00:00:00.000Z' }),
  ]);

  it('keeps the benchmark with the most dated models per task and metric type when several share a type', () => {
    const points = computeSeedTrends(llm);
    // hand-counted: bbh 3 dated models > mmlu 2 (its 3 undated ones do not count); math is the only exact match.
    expect(points.map((p) => [p.task_type, p.dataset_name, p.metric_name, p.metric_type, p.date, p.model_count])).toEqual([
      ['automatic-speech-recognition', 'librispeech_asr', 'character error rate', 'cer', '2024-01-01T00:00:00.000Z', 1],
      ['automatic-speech-recognition', 'librispeech_asr', 'word error rate', 'wer', '2024-01-01T00:00:00.000Z', 1],
      ['text-generation', 'bbh', 'normalized accuracy', 'accuracy', '2024-01-01T00:00:00.000Z', 2],
      ['text-generation', 'bbh', 'normalized accuracy', 'accuracy', '2024-02-01T00:00:00.000Z', 1],
      ['text-generation', 'math', 'exact match', 'exact_match', '2024-01-01T00:00:00.000Z', 1],
    ]);
  });

  it('sends at most one point per date, task and metric type, each one also in computeTrends, when benchmarks compete', () => {
    const seed = computeSeedTrends(llm);
    const keys = seed.map((p) => `${p.date}|${p.task_type}|${p.metric_type}`);
    expect(new Set(keys).size).toBe(keys.length);
    const all = computeTrends(llm);
    expect(all.length).toBeGreaterThan(seed.length);
    for (const p of seed) expect(all).toContainEqual(p);
  });

  it('breaks a tie on dated models by results in all, then by dataset and metric name', () => {
    const tied = [
      makeRecord('org/x', [result('zeta', 'accuracy', 0.5), result('alpha', 'accuracy', 0.6)], month(3)),
      makeRecord('org/y', [result('zeta', 'accuracy', 0.4)], TG),
    ];
    expect(computeSeedTrends(tied).map((p) => p.dataset_name)).toEqual(['zeta']);
    expect(computeSeedTrends(tied.slice(0, 1)).map((p) => p.dataset_name)).toEqual(['alpha']);
  });

  it('returns no points when no model is dated', () => {
    expect(computeSeedTrends([makeRecord('org/u', [result('d', 'accuracy', 0.5)])])).toEqual([]);
  });
});
