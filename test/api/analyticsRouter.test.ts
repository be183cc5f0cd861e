// analytics.summary / correlations / trends through createCaller over a small hand-made snapshot
// whose correlations and monthly trends are known exactly.
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import { callerFor, errorShapeOf, rejectionOf, useSharedTestCache } from '../support/testCache.js';
import { hubModel, snapshotOf, SST2_MODELS } from '../support/testSnapshots.js';

// Twelve language models (the default minimum for a correlation is 10 paired models), created one
// per month from 2025-01 to 2025-12, with three scores that move in lockstep:
//   arc   = 0.30 + 0.05·i   (rises)
//   mmlu  = 0.20 + 0.04·i   (rises: Pearson +1 with arc, an exact linear relation)
//   truth = 0.90 − 0.05·i   (falls: Pearson −1 with both)
const LLMS = Array.from({ length: 12 }, (_, i) =>
  hubModel({
    id: `llm/model-${i}`,
    task: 'text-generation',
    createdAt: `2025-${String(i + 1).padStart(2, '0')}-15T00:00:00.000Z`,
    results: [
      { dataset: 'arc', metric: 'acc_norm', value: Number((0.3 + 0.05 * i).toFixed(4)) },
      { dataset: 'mmlu', metric: 'acc', value: Number((0.2 + 0.04 * i).toFixed(4)) },
      { dataset: 'truthfulqa', metric: 'mc2', value: Number((0.9 - 0.05 * i).toFixed(4)) },
    ],
  }),
);

let cache: BenchmarkCache;
let caller: ReturnType<typeof callerFor>;
useSharedTestCache('analytics-router', { bundled: snapshotOf([...LLMS, ...SST2_MODELS]), offline: true }, (c) => {
  cache = c;
  caller = callerFor(cache);
});

describe('analyticsRouter', () => {
  describe('analytics.correlations', () => {
    it('returns a complete ±1 matrix with paired counts when three scores move in lockstep', async () => {
      const { correlations, pairs, min_pairs } = await caller.analytics.correlations({ task_type: 'text-generation' });
      expect(min_pairs).toBe(10);
      expect(correlations).toHaveLength(1);
      const [m] = correlations;
      expect(m.method).toBe('pearson');
      // mmlu is MMLU in the benchmark registry (cais/mmlu); arc and truthfulqa are typed with ids it does not list.
      expect([...m.metrics].sort()).toEqual(['MMLU / accuracy', 'arc / normalized accuracy', 'truthfulqa / MC2 accuracy']);
      const sign = (label: string) => (label.startsWith('truthfulqa') ? -1 : 1);
      m.metrics.forEach((a, i) =>
        m.metrics.forEach((b, j) => {
          expect(m.correlation_matrix[i][j]).toBeCloseTo(sign(a) * sign(b), 10);
          expect(m.n_matrix[i][j]).toBe(12);
        }),
      );
      expect(pairs).toHaveLength(3); // 3 metrics → 3 pairs
      for (const p of pairs) expect(Math.abs(p.spearman)).toBeCloseTo(1, 10);
    });

    it('returns no matrix for a task with fewer than 10 paired models', async () => {
      const { correlations, pairs } = await caller.analytics.correlations({ task_type: 'text-classification' });
      expect(correlations).toEqual([]);
      expect(pairs).toEqual([]);
    });

    it('rejects an unknown task_type with BAD_REQUEST naming task_type', async () => {
      const error = await rejectionOf(caller.analytics.correlations({ task_type: 'translation' }));
      expect((error as TRPCError).code).toBe('BAD_REQUEST');
      expect(errorShapeOf(error, 'analytics.correlations').detail).toMatch(/^task_type: unknown task "translation"/);
    });
  });

  describe('analytics.trends', () => {
    it('returns one point per month of creation when filtered to one dataset and metric', async () => {
      const { trend_data } = await caller.analytics.trends({ task_type: 'text-generation', dataset_name: 'arc', metric_name: 'normalized accuracy' });
      expect(trend_data).toHaveLength(12);
      expect(trend_data[0]).toEqual({
        task_type: 'text-generation', dataset_name: 'arc', metric_name: 'normalized accuracy', metric_type: 'accuracy', key: 'text-generation|arc||test|acc_norm|', variant: 'arc',
        date: '2025-01-01T00:00:00.000Z', model_count: 1, avg_value: 0.3, best_value: 0.3,
      });
      expect(trend_data[11]).toMatchObject({ date: '2025-12-01T00:00:00.000Z', avg_value: 0.85 }); // 0.30 + 0.05·11
    });

    it('returns nothing when the metric name is not the readable name', async () => {
      expect((await caller.analytics.trends({ dataset_name: 'arc', metric_name: 'acc_norm' })).trend_data).toEqual([]);
    });
  });

  describe('analytics.summary', () => {
    it('keeps one accuracy series in trend_data while /api/trends keeps all three when three benchmarks share the metric type', async () => {
      const { trend_data: all } = await caller.analytics.trends({ task_type: 'text-generation' });
      // 3 benchmarks × 12 months, all of metric type accuracy
      expect(all).toHaveLength(36);
      const { trend_data } = await caller.analytics.summary({});
      // arc, MMLU and truthfulqa tie (12 dated models, 12 results each): the first by name in code-unit order (MMLU) wins.
      expect(new Set(trend_data.map((p) => `${p.dataset_name} / ${p.metric_name}`))).toEqual(new Set(['MMLU / accuracy']));
      expect(trend_data).toHaveLength(12);
      expect(trend_data).toEqual(all.filter((p) => p.dataset_name === 'MMLU'));
    });


    it('counts models, datasets and results of every task when asked', async () => {
      const summary = await caller.analytics.summary({});
      // 12 language models + 3 text-classification models; datasets arc, mmlu, truthfulqa, sst2;
      // results 12 × 3 + 2 (cls/gamma has none).
      expect(summary).toMatchObject({ total_models: 15, total_datasets: 4, total_results: 38 });
      expect(summary.task_stats.map((t) => [t.task_type, t.model_count, t.result_count]).sort()).toEqual([
        ['text-classification', 3, 2],
        ['text-generation', 12, 36],
      ]);
    });
  });
});
