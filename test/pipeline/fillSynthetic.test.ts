import { describe, expect, it } from 'vitest';
import { fillSynthetic, SYNTHETIC_SOURCE_NAME } from '../../src/pipeline/fillSynthetic.js';
import type { BenchmarkRecord } from '../../src/schemas/benchmarkSchemas.js';

const record = (id: string, task: string, results: BenchmarkRecord['evaluation_results'] = []): BenchmarkRecord => ({
  model_info: { model_id: id, model_name: id, model_family: 'other', family_source: 'unknown', parameter_source: 'unknown', task_type: task, tags: [], hub_url: '' },
  evaluation_results: results,
  evaluated_at: '2026-01-01T00:00:00.000Z',
});

describe('fillSynthetic', () => {
  it('invents values only for models without results, every one marked synthetic', () => {
    const real = record('a/real', 'text-classification', [
      { metric_name: 'accuracy', metric_type: 'accuracy', metric_id: 'accuracy', value: 0.9, direction: 'higher', scale: 'fraction', original_value: 0.9, original_scale: 'fraction', dataset_name: 'imdb', dataset_split: 'test', task_type: 'text-classification', source: 'model-card', verified: false },
    ]);
    const out = fillSynthetic([real, record('a/empty', 'automatic-speech-recognition')], { now: '2026-11-26T00:00:00.000Z' });
    expect(out[0]).toBe(real);
    expect(out[1].evaluation_results.length).toBeGreaterThan(0);
    for (const r of out[1].evaluation_results) {
      expect(r).toMatchObject({ source: 'synthetic', verified: false, source_name: SYNTHETIC_SOURCE_NAME });
    }
    expect(out[1].evaluation_results[0]).toMatchObject({ metric_id: 'wer', direction: 'lower' });
  });

  it('is deterministic for the same seed and differs for another', () => {
    const input = [record('x/1', 'summarization'), record('x/2', 'summarization')];
    const a = fillSynthetic(input, { now: 'n', seed: 7 });
    const b = fillSynthetic(input, { now: 'n', seed: 7 });
    const c = fillSynthetic(input, { now: 'n', seed: 8 });
    expect(a).toEqual(b);
    expect(a[0].evaluation_results[0].value).not.toBe(c[0].evaluation_results[0].value);
  });

  it('leaves tasks it has no template for untouched', () => {
    const r = record('x/mask', 'fill-mask');
    expect(fillSynthetic([r], { now: 'n' })[0]).toBe(r);
  });
});
