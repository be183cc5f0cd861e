import { describe, expect, it } from 'vitest';
import { createInterner } from '../../src/pipeline/enrichModels.js';
import { createCounters, parseModelIndex } from '../../src/pipeline/parseModelIndex.js';

const parse = (modelIndex: unknown) => {
  const counters = createCounters();
  const results = parseModelIndex(modelIndex, 'text-classification', { source: 'model-card' }, counters, createInterner());
  return { results, counters };
};

describe('parseModelIndex', () => {
  it('reads every entry, result and metric with dataset, split, verified and source', () => {
    const { results } = parse([
      {
        name: 'a',
        results: [
          {
            task: { type: 'text-classification' },
            dataset: { name: 'GLUE SST2', type: 'glue', config: 'sst2', split: 'validation' },
            metrics: [
              { type: 'accuracy', value: 0.93, verified: true },
              { type: 'f1', value: '91.2%' },
            ],
            source: { name: 'Self-reported', url: 'https://example.org/eval' },
          },
        ],
      },
      { name: 'b', results: [{ task: { type: 'text-classification' }, dataset: { type: 'imdb' }, metrics: [{ type: 'acc', value: '88.0 ± 0.4' }] }] },
    ]);
    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({
      metric_id: 'accuracy', metric_name: 'accuracy', value: 0.93, dataset_name: 'GLUE SST2', dataset_type: 'glue', dataset_config: 'sst2',
      dataset_split: 'validation', verified: true, source: 'model-card', source_name: 'Self-reported', source_url: 'https://example.org/eval',
    });
    expect(results[1]).toMatchObject({ metric_id: 'f1', value: 0.912, original_value: 91.2, original_scale: 'percent', verified: false });
    expect(results[2]).toMatchObject({ dataset_name: 'imdb', dataset_split: 'unspecified', value: 0.88, original_value: 88 });
  });

  it('skips malformed parts with counted reasons instead of failing the model', () => {
    const { results, counters } = parse([
      'junk',
      { name: 'no results' },
      { results: [null, { dataset: {}, metrics: [{ type: 'acc', value: 1 }] }, { dataset: { name: 'd' }, metrics: [] }] },
      { results: [{ dataset: { name: 'd' }, metrics: [{ value: 1 }, 7, { type: 'acc', value: 'NaN' }, { type: 'acc', value: 500 }, { type: 'acc', value: 0.5 }, { type: 'acc', value: 0.6 }] }] },
    ]);
    expect(results.map((r) => r.value)).toEqual([0.5]);
    expect(counters.skipped).toEqual({
      entry_not_an_object: 1, no_results: 1, result_not_an_object: 1, no_dataset: 1, no_metrics: 1,
      no_metric_type: 1, metric_not_an_object: 1, non_numeric_value: 1, out_of_range: 1, duplicate_result: 1,
    });
  });

  it('counts a model-index that is not a list', () => {
    expect(parse({ nested: { deeper: [] } }).counters.skipped).toEqual({ model_index_not_a_list: 1 });
  });

  it('passes unknown metrics through and counts them', () => {
    const { results, counters } = parse([{ results: [{ dataset: { name: 'd' }, metrics: [{ type: 'spice', value: 0.2 }] }] }]);
    expect(results[0]).toMatchObject({ metric_id: 'spice', metric_type: 'spice', direction: 'higher' });
    expect(Object.fromEntries(counters.unknownMetrics)).toEqual({ spice: 1 });
  });

  it('marks lower-is-better metrics', () => {
    const { results } = parse([{ results: [{ dataset: { name: 'librispeech_asr', split: 'test.clean' }, metrics: [{ type: 'wer', value: 3.4 }] }] }]);
    expect(results[0]).toMatchObject({ metric_name: 'word error rate', direction: 'lower', value: 0.034, original_scale: 'percent' });
  });

  it('bounds a hostile card with thousands of metrics', () => {
    const metrics = Array.from({ length: 3000 }, (_, i) => ({ type: `m${i}`, value: i }));
    const { results, counters } = parse([{ results: [{ dataset: { name: 'd' }, metrics }] }]);
    expect(results).toHaveLength(2000);
    expect(counters.skipped.too_many_results).toBe(1000);
  });
});

describe('parseModelIndex scale inference', () => {
  it('reads the Open LLM Leaderboard’s own card results as its normalized 0–100 scores, a setup of their own', () => {
    const source = { name: 'Open LLM Leaderboard', url: 'https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard?query=org/m' };
    const { results } = parse([
      {
        results: [
          { dataset: { name: 'IFEval (0-Shot)', type: 'HuggingFaceH4/ifeval', args: { num_few_shot: 0 } }, metrics: [{ type: 'strict_acc', value: 33.03 }], source },
          { dataset: { name: 'MATH Lvl 5 (4-Shot)', type: 'hendrycks/competition_math', args: { num_few_shot: 4 } }, metrics: [{ type: 'exact_match', value: 0.6 }], source },
          { dataset: { name: 'other' }, metrics: [{ type: 'acc', value: 0.6 }], source: { name: 'Self-reported' } },
        ],
      },
    ]);
    // 0.6 on MATH Level 5 is 0.6 points of the leaderboard's normalized score; the other source's 0.6 is a 60 % accuracy.
    expect(results.map((r) => [r.benchmark, r.setup ?? '', r.value, r.scale])).toEqual([
      ['google/IFEval', '0-shot, leaderboard-normalized', 33.03, 'points'],
      ['lighteval/MATH-Hard', '4-shot, leaderboard-normalized', 0.6, 'points'],
      ['other', '', 0.6, 'fraction'],
    ]);
  });

  it('infers the 0–100 scale per metric, not per card: a WER of 12.5 leaves an accuracy of 0.97 alone', () => {
    const { results } = parse([
      {
        results: [
          { dataset: { name: 'ls', type: 'librispeech_asr', config: 'clean', split: 'test' }, metrics: [{ type: 'wer', value: 12.5 }, { type: 'accuracy', value: 0.97 }] },
          { dataset: { name: 'x' }, metrics: [{ type: 'wer', value: 0.9 }] },
        ],
      },
    ]);
    expect(results.map((r) => [r.metric_id, r.value])).toEqual([
      ['wer', 0.125],
      ['accuracy', 0.97],
      ['wer', 0.009],
    ]);
  });

  it('keys configs, splits and setups apart and names one benchmark however it is spelled', () => {
    const { results, counters } = parse([
      {
        results: [
          { dataset: { name: 'glue', type: 'glue', config: 'sst2', split: 'validation' }, metrics: [{ type: 'accuracy', value: 0.93 }] },
          { dataset: { name: 'glue', type: 'glue', config: 'cola', split: 'validation' }, metrics: [{ type: 'accuracy', value: 0.55 }] },
          { dataset: { name: 'LibriSpeech (clean)', type: 'librispeech_asr', config: 'clean', split: 'test' }, metrics: [{ type: 'wer', value: 0.03 }] },
          { dataset: { name: 'LibriSpeech (other)', type: 'librispeech_asr', config: 'other', split: 'test' }, metrics: [{ type: 'wer', value: 0.07 }] },
          { dataset: { name: 'IFEval' }, metrics: [{ type: 'strict_acc', value: 0.5 }] },
          { dataset: { name: 'IFEval (0-Shot)', type: 'HuggingFaceH4/ifeval' }, metrics: [{ type: 'strict_acc', value: 0.6 }] },
        ],
      },
    ]);
    expect(results.map((r) => r.key)).toEqual([
      'text-classification|nyu-mll/glue|sst2|validation|accuracy|',
      'text-classification|nyu-mll/glue|cola|validation|accuracy|',
      'text-classification|openslr/librispeech_asr|clean|test|wer|',
      'text-classification|openslr/librispeech_asr|other|test|wer|',
      'text-classification|google/ifeval|||strict_acc|',
      'text-classification|google/ifeval|||strict_acc|0-shot',
    ]);
    // "IFEval" and "IFEval (0-Shot)" name one benchmark; the second announces its shots, so it is its own setup.
    expect(counters.skipped).toEqual({});
  });

  it('counts a repeated measurement once when a card lists it twice under two spellings', () => {
    const { results, counters } = parse([
      {
        results: [
          { dataset: { name: 'IFEval', type: 'google/IFEval', args: { num_few_shot: 0 } }, metrics: [{ type: 'strict_acc', value: 0.5 }] },
          { dataset: { name: 'IFEval (0-Shot)', type: 'HuggingFaceH4/ifeval' }, metrics: [{ type: 'strict_acc', value: 0.5 }] },
        ],
      },
    ]);
    expect(results).toHaveLength(1);
    expect(counters.skipped).toEqual({ duplicate_result: 1 });
  });
});
