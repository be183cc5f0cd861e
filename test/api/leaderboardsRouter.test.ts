// leaderboards.list and leaderboards.catalog through createCaller: ranking in each metric's
// direction (a small word-error-rate snapshot, since the bundled one has no lower-is-better
// metric), exact lookups, filters and paging on the real bundled snapshot.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import { createTempDirs } from '../support/tempDirs.js';
import { callerFor, errorShapeOf, openTestCache, rejectionOf } from '../support/testCache.js';
import { hubModel, loadBundledSnapshot, snapshotOf, SST2_MODELS, WER_MODELS } from '../support/testSnapshots.js';

const temp = createTempDirs('leaderboards-router');
let bundledCache: BenchmarkCache;
let bundled: ReturnType<typeof callerFor>;
let smallCache: BenchmarkCache;
let small: ReturnType<typeof callerFor>;

// Two more SST-2 models tied at 0.88 with cls/beta: ranks 1, 2, 2, 2 (competition ranking).
const TIED = [
  hubModel({ id: 'cls/delta', task: 'text-classification', downloads: 5, results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.88 }] }),
  hubModel({ id: 'cls/epsilon', task: 'text-classification', downloads: 4, results: [{ dataset: 'sst2', metric: 'acc', value: '88%' }] }),
];

beforeAll(async () => {
  bundledCache = await openTestCache({ dir: await temp.make(), bundled: loadBundledSnapshot, offline: true });
  bundled = callerFor(bundledCache);
  smallCache = await openTestCache({ dir: await temp.make(), bundled: snapshotOf([...WER_MODELS, ...SST2_MODELS, ...TIED]), offline: true });
  small = callerFor(smallCache);
});
afterAll(async () => {
  await bundledCache.close();
  await smallCache.close();
  await temp.cleanup();
});

describe('leaderboardsRouter', () => {
  describe('leaderboards.list', () => {
    it('ranks ascending when the metric is lower-is-better (word error rate)', async () => {
      const { total, leaderboards } = await small.leaderboards.list({ task_type: 'automatic-speech-recognition' });
      expect(total).toBe(1);
      const [board] = leaderboards;
      // librispeech_asr is LibriSpeech in the benchmark registry (openslr/librispeech_asr).
      expect(board).toMatchObject({ dataset_name: 'LibriSpeech', benchmark: 'openslr/librispeech_asr', metric_name: 'word error rate', metric_type: 'wer', direction: 'lower', total_entries: 3 });
      // Values from WER_MODELS: 0.031, "8.4" read as a percent → 0.084, 0.12.
      expect(board.entries.map((e) => [e.rank, e.model_info.model_id, e.primary_metric.value])).toEqual([
        [1, 'asr/small', 0.031],
        [2, 'asr/medium', 0.084],
        [3, 'asr/large', 0.12],
      ]);
      expect(board.entries[1].primary_metric).toMatchObject({ original_value: 8.4, original_scale: 'percent', scale: 'fraction' });
      // Efficiency for lower-is-better: the best WER of any model no larger ÷ its own (sizes 244M, 769M, 1.55B; hand-computed).
      expect(board.entries.map((e) => e.efficiency_score)).toEqual([1, 0.031 / 0.084, 0.031 / 0.12]);
    });

    it('picks the smallest value as best when the dataset’s metric is lower-is-better', async () => {
      const summary = await small.analytics.summary({});
      const stat = summary.dataset_stats.find((d) => d.dataset_name === 'LibriSpeech')!;
      expect(stat).toMatchObject({ direction: 'lower', primary_metric: 'word error rate' });
      expect(stat.best_performance.overall).toBe(0.031);
      expect(stat.worst_performance.overall).toBe(0.12);
      // (0.031 + 0.084 + 0.12) / 3, hand-computed
      expect(stat.avg_performance.overall).toBeCloseTo(0.235 / 3, 12);
    });

    it('ranks descending and gives tied values the same rank when the metric is higher-is-better', async () => {
      const { leaderboards } = await small.leaderboards.list({ task_type: 'text-classification', dataset_name: 'sst2', metric_name: 'accuracy' });
      const [board] = leaderboards;
      expect(board.direction).toBe('higher');
      expect(board.entries.map((e) => [e.rank, e.primary_metric.value])).toEqual([
        [1, 0.91],
        [2, 0.88],
        [2, 0.88],
        [2, 0.88],
      ]);
      // cls/alpha (110M, 0.91) is the best of any model its size or smaller: 1; cls/beta (66M, 0.88) likewise.
      expect(board.entries[0].efficiency_score).toBe(1);
      expect(board.entries.find((e) => e.model_info.model_id === 'cls/beta')!.efficiency_score).toBe(1);
    });

    it('answers one leaderboard when task, dataset and metric are all given', async () => {
      // IFEval has two leaderboards: the raw score and the leaderboard's normalized score; the variant label names one.
      const both = await bundled.leaderboards.list({ task_type: 'text-generation', dataset_name: 'IFEval', metric_name: 'strict accuracy', limit: 1 });
      expect(both.leaderboards.map((l) => l.variant)).toEqual(['IFEval · 0-shot', 'IFEval · 0-shot, leaderboard-normalized']);
      const { total, leaderboards } = await bundled.leaderboards.list({ task_type: 'text-generation', dataset_name: 'IFEval · 0-shot', metric_name: 'strict accuracy', limit: 5 });
      expect(total).toBe(1);
      expect(leaderboards[0].entries.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5]);
      expect(leaderboards[0].total_entries).toBe(4495); // every language model has an IFEval score (data/README.md)
    });

    it('orders every bundled leaderboard in its direction with ranks from 1', async () => {
      const catalog = await bundled.leaderboards.catalog({});
      const { total, leaderboards } = await bundled.leaderboards.list({ limit: 200 });
      expect(total).toBe(catalog.leaderboards.length);
      for (const board of leaderboards) {
        const values = board.entries.map((e) => e.primary_metric.value);
        expect(values).toEqual([...values].sort((a, b) => (board.direction === 'higher' ? b - a : a - b)));
        expect(board.entries[0].rank).toBe(1);
        const entry = catalog.leaderboards.find((c) => c.key === board.key);
        expect(board.total_entries).toBe(entry?.total_entries);
      }
    });

    it('returns the entries of a page when offset and limit are given', async () => {
      const input = { task_type: 'image-classification', dataset_name: 'ImageNet-1k', metric_name: 'top-1 accuracy' };
      const first = (await bundled.leaderboards.list({ ...input, limit: 30 })).leaderboards[0].entries;
      const page = (await bundled.leaderboards.list({ ...input, offset: 10, limit: 10 })).leaderboards[0].entries;
      expect(page).toEqual(first.slice(10, 20));
    });

    it('keeps each model’s overall rank and counts only matching entries when filtered by family and size', async () => {
      const input = { task_type: 'text-generation', dataset_name: 'IFEval', metric_name: 'strict accuracy' };
      const all = (await bundled.leaderboards.list({ ...input, limit: 100_000 })).leaderboards[0].entries;
      const filtered = (await bundled.leaderboards.list({ ...input, family: 'llama', max_params: 8e9, limit: 100_000 })).leaderboards[0];
      const expected = all.filter((e) => e.model_info.model_family === 'llama' && e.model_info.parameter_count !== undefined && e.model_info.parameter_count <= 8e9);
      expect(expected.length).toBeGreaterThan(0);
      expect(filtered.total_entries).toBe(expected.length);
      expect(filtered.entries.map((e) => [e.model_info.model_id, e.rank])).toEqual(expected.map((e) => [e.model_info.model_id, e.rank]));
    });

    it('rejects with NOT_FOUND naming the metric and listing the known ones when no such leaderboard exists', async () => {
      const error = await rejectionOf(bundled.leaderboards.list({ task_type: 'text-generation', dataset_name: 'IFEval', metric_name: 'BLEU' }));
      expect((error as TRPCError).code).toBe('NOT_FOUND');
      // IFEval has strict and loose accuracy in the bundled export's columns.
      expect(errorShapeOf(error, 'leaderboards.list').detail).toMatch(/^metric_name: unknown metric "BLEU" for dataset_name "IFEval"; known metrics: "[^"]+"/);
      expect(errorShapeOf(error, 'leaderboards.list').detail).toContain('"strict accuracy"');
    });

    it.each([
      ['limit', { limit: -1 }],
      ['limit', { limit: 100_001 }],
      ['offset', { offset: 'x' }],
      ['max_params', { max_params: -1 }],
    ])('rejects with BAD_REQUEST whose detail names %s when it is invalid (%j)', async (field, input) => {
      const error = await rejectionOf(bundled.leaderboards.list(input as never));
      expect((error as TRPCError).code).toBe('BAD_REQUEST');
      expect(errorShapeOf(error, 'leaderboards.list').detail.startsWith(`${field}: `)).toBe(true);
    });

    it('rejects an unknown task_type with BAD_REQUEST naming task_type', async () => {
      const error = await rejectionOf(bundled.leaderboards.list({ task_type: 'automatic-speech-recognition' }));
      expect((error as TRPCError).code).toBe('BAD_REQUEST');
      expect(errorShapeOf(error, 'leaderboards.list').detail).toMatch(/^task_type: unknown task "automatic-speech-recognition"/);
    });
  });

  describe('leaderboards.catalog', () => {
    it('lists every leaderboard with its direction and the tasks when asked', async () => {
      const catalog = await small.leaderboards.catalog({});
      expect(catalog.tasks).toEqual(['automatic-speech-recognition', 'text-classification']);
      expect(catalog.leaderboards).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ task_type: 'automatic-speech-recognition', dataset_name: 'LibriSpeech', metric_name: 'word error rate', metric_type: 'wer', direction: 'lower', scale: 'fraction', total_entries: 3, key: 'automatic-speech-recognition|openslr/librispeech_asr||test|wer|' }),
          expect.objectContaining({ task_type: 'text-classification', dataset_name: 'sst2', metric_name: 'accuracy', metric_type: 'accuracy', direction: 'higher', scale: 'fraction', total_entries: 4 }),
        ]),
      );
    });
  });

  describe('leaderboards.mean', () => {
    it('ranks by the mean of the six leaderboard-normalized scores exactly like the export’s own average', async () => {
      const catalog = await bundled.leaderboards.catalog({});
      const keys = catalog.leaderboards.filter((l) => l.task_type === 'text-generation' && l.setup?.endsWith('leaderboard-normalized')).map((l) => l.key);
      expect(keys).toHaveLength(6);
      const out = await bundled.leaderboards.mean({ keys, limit: 3 });
      expect(out).toMatchObject({ direction: 'higher', scale: 'points', ranked: 4495, left_out: 0 });
      // The export's model_average_score of MaziyarPanahi/calme-3.2-instruct-78b is 52.0813839787917, the highest of the export.
      expect(out.entries[0].model_info.model_id).toBe('MaziyarPanahi/calme-3.2-instruct-78b');
      expect(Math.abs(out.entries[0].mean - 52.0813839787917)).toBeLessThanOrEqual(0.01);
      expect(out.efficiency_definition).toMatch(/size or smaller/);
    });

    it('answers 400 naming keys when the chosen leaderboards cannot be averaged, 404 for an unknown key', async () => {
      const catalog = await bundled.leaderboards.catalog({});
      const ifeval = catalog.leaderboards.filter((l) => l.benchmark === 'google/IFEval').map((l) => l.key);
      await expect(bundled.leaderboards.mean({ keys: ifeval })).rejects.toThrow(/keys: .*scales/);
      await expect(bundled.leaderboards.mean({ keys: ['no|such|key'] })).rejects.toThrow(/keys: no leaderboard/);
    });
  });

  describe('leaderboards.values', () => {
    it('answers one leaderboard as ids and values in rank order, the same as its full entries, when asked by key', async () => {
      const key = 'automatic-speech-recognition|openslr/librispeech_asr||test|wer|';
      const out = await small.leaderboards.values({ key });
      // Hand-ordered in WER_MODELS: 0.031, 0.084 ("8.4" read as a percent), 0.12.
      expect(out).toMatchObject({ key, direction: 'lower', scale: 'fraction', total_entries: 3, model_ids: ['asr/small', 'asr/medium', 'asr/large'], values: [0.031, 0.084, 0.12] });
      expect(out.sources[out.source_of[0]]).toBe('snapshot');
      expect(out.verified).toEqual([]);
      const full = (await small.leaderboards.list({ key, limit: 100 })).leaderboards[0];
      expect(out.model_ids).toEqual(full.entries.map((e) => e.model_info.model_id));
      expect(out.values).toEqual(full.entries.map((e) => e.primary_metric.value));
    });

    it('is a small fraction of the full leaderboard’s size on the bundled data', async () => {
      const catalog = await bundled.leaderboards.catalog({});
      const key = catalog.leaderboards.find((l) => l.task_type === 'text-generation' && l.total_entries > 4000)!.key;
      const slim = JSON.stringify(await bundled.leaderboards.values({ key }));
      const full = JSON.stringify(await bundled.leaderboards.list({ key, limit: 100_000 }));
      expect(slim.length * 10).toBeLessThan(full.length);
    });

    it('rejects an unknown key with NOT_FOUND naming key', async () => {
      await expect(small.leaderboards.values({ key: 'no|such|key' })).rejects.toThrow(/key: no leaderboard/);
    });
  });
});
