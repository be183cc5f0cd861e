import { describe, expect, it } from 'vitest';
import { computeAnalytics } from '../../src/analytics/computeAnalytics.js';
import { computeCorrelations } from '../../src/analytics/computeCorrelations.js';
import { computeLeaderboards } from '../../src/analytics/computeLeaderboards.js';
import { computeSummary } from '../../src/analytics/computeSummary.js';
import { computeTrends } from '../../src/analytics/computeTrends.js';
import { CorrelationMatrixSchema, CorrelationPairSchema, LeaderboardSchema, SummarySchema } from '../../src/schemas/benchmarkSchemas.js';
import { deepFreeze, makeRecord, result } from './makeRecord.js';

const NOW = '2025-06-01T00:00:00.000Z';

// Twenty text-generation models on three benchmarks (one with a synthetic gap filler), two ASR models.
const records = deepFreeze([
  ...Array.from({ length: 20 }, (_, i) =>
    makeRecord(
      `org/llm-${String(i).padStart(2, '0')}`,
      [
        result('arc', 'accuracy', 0.3 + i * 0.02),
        result('hellaswag', 'normalized accuracy', 0.5 + ((i * 7) % 20) * 0.01),
        result('mmlu', 'accuracy', i % 3 === 0 ? 0.4 : 0.25 + i * 0.015, { source: i % 5 === 0 ? 'synthetic' : 'model-card' }),
      ],
      {
        task_type: 'text-generation',
        model_family: i % 2 ? 'llama' : 'mistral',
        parameter_count: i % 4 === 0 ? undefined : (i + 1) * 1e8,
        created_at: `2024-0${1 + (i % 6)}-1${i % 10}T00:00:00.000Z`,
      },
    ),
  ),
  makeRecord('org/whisper-a', [result('librispeech_asr', 'word error rate', 0.03)], { task_type: 'automatic-speech-recognition', model_family: 'whisper' }),
  makeRecord('org/whisper-b', [result('librispeech_asr', 'word error rate', 0.04)], { task_type: 'automatic-speech-recognition', model_family: 'whisper' }),
]);

describe('computeAnalytics', () => {
  it('returns what each statistic returns on its own when given the same options', () => {
    for (const includeSynthetic of [false, true]) {
      const analytics = computeAnalytics(records, { now: NOW, includeSynthetic, minPairs: 5 });
      const { matrices, pairs } = computeCorrelations(records, { includeSynthetic, minPairs: 5 });
      expect(analytics.summary).toEqual(computeSummary(records, { now: NOW, includeSynthetic }));
      expect(analytics.correlations).toEqual(matrices);
      expect(analytics.correlationPairs).toEqual(pairs);
      expect(analytics.leaderboards).toEqual(computeLeaderboards(records, { now: NOW, includeSynthetic }));
      expect(analytics.trends).toEqual(computeTrends(records, { includeSynthetic }));
    }
  });

  it('produces outputs that satisfy the wire schemas when run on mixed tasks', () => {
    const analytics = computeAnalytics(records, { now: NOW, minPairs: 5 });
    expect(() => SummarySchema.parse(analytics.summary)).not.toThrow();
    expect(analytics.correlations.length).toBeGreaterThan(0);
    for (const matrix of analytics.correlations) expect(() => CorrelationMatrixSchema.parse(matrix)).not.toThrow();
    for (const pair of analytics.correlationPairs) expect(() => CorrelationPairSchema.parse(pair)).not.toThrow();
    expect(analytics.leaderboards).toHaveLength(4);
    for (const board of analytics.leaderboards) expect(() => LeaderboardSchema.parse(board)).not.toThrow();
  });

  it('counts synthetic results only when asked to include them', () => {
    const without = computeAnalytics(records, { now: NOW });
    const withSynthetic = computeAnalytics(records, { now: NOW, includeSynthetic: true });
    // hand-computed: mmlu is synthetic for i = 0, 5, 10, 15
    expect(withSynthetic.summary.total_results - without.summary.total_results).toBe(4);
    const mmlu = (a: typeof without) => a.leaderboards.find((b) => b.dataset_name === 'mmlu')!.total_entries;
    expect([mmlu(without), mmlu(withSynthetic)]).toEqual([16, 20]);
  });

  it('leaves its frozen input exactly as it was when computing everything', () => {
    const before = JSON.stringify(records);
    computeAnalytics(records, { now: NOW, includeSynthetic: true, minPairs: 2 });
    expect(JSON.stringify(records)).toBe(before);
  });
});
