// models.list and models.byId through createCaller (no server) over the real bundled snapshot:
// filters, sorting, paging and totals, ids with slashes, and errors that name the bad field.
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import type { BenchmarkRecord } from '../../src/schemas/benchmarkSchemas.js';
import { matchRank } from '../../src/api/datasetQueries.js';
import { callerFor, errorShapeOf, rejectionOf, useSharedTestCache } from '../support/testCache.js';
import { loadBundledSnapshot } from '../support/testSnapshots.js';

// From data/README.md: 7,948 models in the snapshot: 4,495 Open LLM Leaderboard language models
// (text-generation), 1,267 timm image models and 2,186 model-zoo models (561 mmdetection + 462
// mmpretrain + 617 mmsegmentation + 366 mmpose + 180 mmaction2). Image classification: the 1,267
// timm models and the 447 mmpretrain models whose first task is Image Classification.
const TOTAL = 4495 + 1267 + 2186;
const TEXT_GENERATION = 4495;
const IMAGE_CLASSIFICATION = 1267 + 447;

let cache: BenchmarkCache;
let caller: ReturnType<typeof callerFor>;
let records: readonly BenchmarkRecord[];
useSharedTestCache('models-router', { bundled: loadBundledSnapshot, offline: true }, (c) => {
  cache = c;
  caller = callerFor(cache);
  records = cache.current().records;
});

/** Calls a procedure and returns the error shape the transports would send. */
async function badRequest(call: Promise<unknown>, path: string) {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe('BAD_REQUEST');
  return errorShapeOf(error, path);
}

const count = (keep: (r: BenchmarkRecord) => boolean) => records.filter(keep).length;

describe('modelsRouter', () => {
  describe('models.list', () => {
    it('lists the exact name first, then names and ids starting with the search, when sort is match', async () => {
      const page = await caller.models.list({ search: 'llama-3.1-8b', sort: 'match', limit: 500 });
      // Same models as the plain search, in another order.
      const plain = await caller.models.list({ search: 'llama-3.1-8b', limit: 500 });
      expect(page.total).toBe(plain.total);
      expect(page.items.map((r) => r.model_info.model_id).sort()).toEqual(plain.items.map((r) => r.model_info.model_id).sort());
      const ranks = page.items.map((r) => matchRank(r.model_info.model_id, 'llama-3.1-8b'));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(page.items[0].model_info.model_id).toBe('meta-llama/Llama-3.1-8B');
      const resnet = await caller.models.list({ search: 'resnet50', sort: 'match', limit: 3 });
      // timm's and the model zoos' resnet50 variants: the name starts with the search in every one.
      expect(resnet.items.map((r) => r.model_info.model_name).every((name) => name.startsWith('resnet50'))).toBe(true);
    });

    it('reads min_params and max_params written with units as the same counts', async () => {
      const units = await caller.models.list({ min_params: '350M', max_params: '1.5B', limit: 500 } as never);
      const digits = await caller.models.list({ min_params: 350e6, max_params: 1.5e9, limit: 500 });
      expect(units).toEqual(digits);
      expect(units.total).toBe(count((r) => r.model_info.parameter_count !== undefined && r.model_info.parameter_count >= 350e6 && r.model_info.parameter_count <= 1.5e9));
    });

    it('counts every model in total and returns the first 50 when no filter is given', async () => {
      const page = await caller.models.list({});
      expect(page).toMatchObject({ total: TOTAL, limit: 50, offset: 0 });
      expect(page.items).toHaveLength(50);
    });

    it('counts only the models of a task when task_type is given', async () => {
      expect((await caller.models.list({ task_type: 'text-generation', limit: 1 })).total).toBe(TEXT_GENERATION);
      const images = await caller.models.list({ task_type: 'image-classification', limit: 500 });
      expect(images.items).toHaveLength(500);
      expect(images.total).toBe(IMAGE_CLASSIFICATION);
      expect(new Set(images.items.map((r) => r.model_info.task_type))).toEqual(new Set(['image-classification']));
    });

    it('returns pages without gaps or overlaps when offset moves by limit', async () => {
      const input = { task_type: 'image-classification', sort: 'model_id', order: 'asc' } as const;
      const whole = await caller.models.list({ ...input, limit: 300 });
      const pages = [];
      for (let offset = 0; offset < 300; offset += 75) pages.push(...(await caller.models.list({ ...input, limit: 75, offset })).items);
      expect(pages.map((r) => r.model_info.model_id)).toEqual(whole.items.map((r) => r.model_info.model_id));
    });

    it('returns no items but the same total when offset is past the end', async () => {
      const page = await caller.models.list({ task_type: 'image-classification', offset: IMAGE_CLASSIFICATION, limit: 10 });
      expect(page).toMatchObject({ total: IMAGE_CLASSIFICATION, items: [], offset: IMAGE_CLASSIFICATION });
    });

    it('sorts by model id case-insensitively when sort is model_id', async () => {
      const asc = (await caller.models.list({ sort: 'model_id', order: 'asc', limit: 500 })).items.map((r) => r.model_info.model_id.toLowerCase());
      expect(asc).toEqual([...asc].sort());
      const desc = (await caller.models.list({ sort: 'model_id', order: 'desc', limit: 500 })).items.map((r) => r.model_info.model_id.toLowerCase());
      expect(desc).toEqual([...desc].sort().reverse());
    });

    it('puts models of unknown size last in both orders when sorting by parameter_count', async () => {
      for (const order of ['asc', 'desc'] as const) {
        const { items } = await caller.models.list({ sort: 'parameter_count', order, offset: 0, limit: 500 });
        const sizes = items.map((r) => r.model_info.parameter_count).filter((p): p is number => p !== undefined);
        expect(sizes).toEqual([...sizes].sort((a, b) => (order === 'asc' ? a - b : b - a)));
        const tail = await caller.models.list({ sort: 'parameter_count', order, offset: TOTAL - 1, limit: 1 });
        const unknown = count((r) => r.model_info.parameter_count === undefined);
        if (unknown > 0) expect(tail.items[0].model_info.parameter_count).toBeUndefined();
      }
    });

    it('sorts by number of results, most first, when sort is results', async () => {
      const n = (await caller.models.list({ sort: 'results', limit: 500 })).items.map((r) => r.evaluation_results.length);
      expect(n).toEqual([...n].sort((a, b) => b - a));
    });

    it('matches a case-insensitive substring of the id when search is given', async () => {
      const page = await caller.models.list({ search: 'LLAMA-3.1', limit: 500 });
      expect(page.total).toBe(count((r) => r.model_info.model_id.toLowerCase().includes('llama-3.1')));
      expect(page.total).toBeGreaterThan(0);
      expect(page.items.every((r) => r.model_info.model_id.toLowerCase().includes('llama-3.1'))).toBe(true);
    });

    it('combines family, parameter range and dataset filters when all are given', async () => {
      const input = { family: 'llama', min_params: 7e9, max_params: 9e9, dataset_name: 'IFEval', limit: 500 };
      const page = await caller.models.list(input);
      const expected = count(
        (r) =>
          r.model_info.model_family === 'llama' &&
          r.model_info.parameter_count !== undefined &&
          r.model_info.parameter_count >= 7e9 &&
          r.model_info.parameter_count <= 9e9 &&
          r.evaluation_results.some((e) => e.dataset_name === 'IFEval'),
      );
      expect(expected).toBeGreaterThan(0);
      expect(page.total).toBe(expected);
      expect(page.items).toHaveLength(Math.min(expected, 500));
    });

    it('finds no model without results when has_results is false (every bundled model has results)', async () => {
      expect((await caller.models.list({ has_results: false })).total).toBe(0);
      expect((await caller.models.list({ has_results: 'true' as never })).total).toBe(TOTAL);
    });

    it.each([
      ['limit', { limit: -1 }],
      ['limit', { limit: 0 }],
      ['limit', { limit: 501 }],
      ['limit', { limit: 'abc' }],
      ['offset', { offset: -1 }],
      ['sort', { sort: 'popularity' }],
      ['order', { order: 'up' }],
      ['has_results', { has_results: 'maybe' }],
      ['min_params', { min_params: -5 }],
    ])('rejects with BAD_REQUEST whose detail names %s when it is out of range (%j)', async (field, input) => {
      const shape = await badRequest(caller.models.list(input as never), 'models.list');
      expect(shape.detail.startsWith(`${field}: `)).toBe(true);
      expect(shape.data.httpStatus).toBe(400);
    });

    it('rejects an unknown task_type with BAD_REQUEST that lists the known tasks', async () => {
      const shape = await badRequest(caller.models.list({ task_type: 'not-a-task' }), 'models.list');
      // The bundled tasks: the two of the leaderboard and timm, and the model zoos' (data/README.md).
      const tasks = [...new Set(records.map((r) => r.model_info.task_type))].sort();
      expect(tasks).toEqual(expect.arrayContaining(['image-classification', 'keypoint-detection', 'object-detection', 'text-generation', 'video-classification']));
      expect(shape.detail).toBe(`task_type: unknown task "not-a-task"; known tasks: ${tasks.join(', ')}`);
      expect(shape.message).toBe(shape.detail);
    });

    it('rejects min_params above max_params with BAD_REQUEST naming min_params', async () => {
      const shape = await badRequest(caller.models.list({ min_params: 9e9, max_params: 7e9 }), 'models.list');
      expect(shape.detail).toBe('min_params: 9000000000 is larger than max_params 7000000000');
    });
  });

  describe('models.byId', () => {
    it('returns the model with all its results when the id contains a slash and dots', async () => {
      const id = 'meta-llama/Llama-3.1-8B-Instruct';
      const model = await caller.models.byId({ model_id: id });
      const record = records.find((r) => r.model_info.model_id === id)!;
      expect(model.model_info).toEqual(record.model_info);
      expect(model.evaluation_results).toEqual(record.evaluation_results);
      expect(model.evaluation_results).toHaveLength(12); // six leaderboard v2 benchmarks per language model, raw and normalized (data/README.md)
    });

    it('decodes a percent-encoded slash when the id arrives as org%2Fname', async () => {
      const plain = await caller.models.byId({ model_id: 'meta-llama/Llama-3.1-8B-Instruct' });
      expect(await caller.models.byId({ model_id: 'meta-llama%2FLlama-3.1-8B-Instruct' })).toEqual(plain);
    });

    it('finds a model whose id has no organisation when the id has no slash', async () => {
      expect((await caller.models.byId({ model_id: 'gpt2' })).model_info.model_name).toBe('gpt2');
    });

    it('lists each leaderboard rank of the model as it appears in that leaderboard', async () => {
      const id = 'meta-llama/Llama-3.1-8B-Instruct';
      const { ranks } = await caller.models.byId({ model_id: id });
      const catalog = await caller.leaderboards.catalog({});
      expect(ranks).toHaveLength(12);
      for (const r of ranks) {
        const { leaderboards } = await caller.leaderboards.list({ key: r.key, search: id });
        expect(leaderboards[0].entries.map((e) => [e.model_info.model_id, e.rank])).toEqual([[id, r.rank]]);
        const board = catalog.leaderboards.find((l) => l.key === r.key);
        expect(r.total).toBe(board?.total_entries);
        expect(r.rank).toBeGreaterThanOrEqual(1);
        expect(r.rank).toBeLessThanOrEqual(r.total);
      }
    });

    it('rejects an unknown model with NOT_FOUND whose detail names the id', async () => {
      const error = await rejectionOf(caller.models.byId({ model_id: 'nobody/nothing' }));
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe('NOT_FOUND');
      const shape = errorShapeOf(error, 'models.byId');
      expect(shape.detail).toBe('model_id: no model "nobody/nothing" in the current dataset');
      expect(shape.data.httpStatus).toBe(404);
    });

    it('rejects an empty id with BAD_REQUEST naming model_id', async () => {
      const shape = await badRequest(caller.models.byId({ model_id: '  ' }), 'models.byId');
      expect(shape.detail.startsWith('model_id: ')).toBe(true);
    });
  });
});
