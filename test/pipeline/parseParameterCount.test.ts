import { describe, expect, it } from 'vitest';
import { formatParameterCount, parameterCountFromName, parseParameterCount } from '../../src/pipeline/parseParameterCount.js';

describe('parameterCountFromName', () => {
  it.each([
    ['meta-llama/Llama-3.1-8B', 8e9],
    ['EleutherAI/gpt-neo-1.3B', 1.3e9],
    ['facebook/opt-125m', 125e6],
    ['Qwen/Qwen3-30B-A3B', 30e9],
    ['org/model-7b-instruct', 7e9],
    ['gradientai/Llama-3-8B-Instruct-1048k', 8e9],
  ])('reads %s as %d parameters', (id, n) => {
    expect(parameterCountFromName(id)).toBe(n);
  });

  it('reads no count from a mixture-of-experts name: Mixtral 8x22B has ~141 B parameters, not 8 × 22 B', () => {
    expect(parameterCountFromName('mistral-community/Mixtral-8x22B-v0.1')).toBeUndefined();
    expect(parseParameterCount({ id: 'mistral-community/Mixtral-8x22B-v0.1' })).toEqual({ source: 'unknown' });
  });

  it.each([['org/model-apache-2.0'], ['bert-base-uncased'], ['org/model-v0.1'], ['org/long-context-32k'], ['org/4bit-quant'], ['org/model-2024']])(
    'finds no size in %s',
    (id) => {
      expect(parameterCountFromName(id)).toBeUndefined();
    },
  );
});

describe('parseParameterCount', () => {
  it('labels a count declared by a leaderboard or a model zoo with its own source, after the weights’ metadata', () => {
    // Open LLM Leaderboard export, metadata_params_billions 140.621 for mistralai/Mixtral-8x22B-v0.1.
    expect(parseParameterCount({ id: 'mistralai/Mixtral-8x22B-v0.1', declared_parameters: { total: 140_621_000_000, source: 'leaderboard' } })).toEqual({ count: 140_621_000_000, source: 'leaderboard' });
    expect(parseParameterCount({ id: 'x', declared_parameters: { total: 25_600_000, source: 'model-zoo' } })).toEqual({ count: 25_600_000, source: 'model-zoo' });
    expect(parseParameterCount({ id: 'x-7b', safetensors: { total: 7_000_000_000 }, declared_parameters: { total: 1, source: 'leaderboard' } }).source).toBe('safetensors');
  });

  it('prefers safetensors.total over the name', () => {
    expect(parseParameterCount({ id: 'org/x-7b', safetensors: { parameters: { BF16: 7241732096 }, total: 7241732096 } })).toEqual({ count: 7241732096, source: 'safetensors' });
  });

  it('uses gguf.total when there is no safetensors block', () => {
    expect(parseParameterCount({ id: 'org/x-GGUF', gguf: { total: 3821079552 } })).toEqual({ count: 3821079552, source: 'gguf' });
  });

  it('uses a model zoo\'s declared count after the weights\' metadata and before the name', () => {
    const declared = { total: 25_560_000, source: 'model-zoo' };
    expect(parseParameterCount({ id: 'openmmlab/mmpretrain/resnet50_8xb32_in1k', declared_parameters: declared })).toEqual({ count: 25_560_000, source: 'model-zoo' });
    expect(parseParameterCount({ id: 'org/x-7b', safetensors: { total: 7e9 }, declared_parameters: declared })).toEqual({ count: 7e9, source: 'safetensors' });
    expect(parseParameterCount({ id: 'org/x-7b', declared_parameters: declared })).toEqual({ count: 25_560_000, source: 'model-zoo' });
    // A count declared by another kind of publisher is not a model zoo's.
    expect(parseParameterCount({ id: 'org/x-7b', declared_parameters: { total: 5, source: 'leaderboard' } }).source).not.toBe('model-zoo');
    expect(parseParameterCount({ id: 'org/x', declared_parameters: { total: -1, source: 'model-zoo' } })).toEqual({ source: 'unknown' });
  });

  it('falls back to the name, and says so', () => {
    expect(parseParameterCount({ id: 'org/x-13b' })).toEqual({ count: 13e9, source: 'name' });
  });

  it('says unknown rather than guessing', () => {
    expect(parseParameterCount({ id: 'distilbert-base-uncased', safetensors: { total: 0 } })).toEqual({ source: 'unknown' });
  });
});

describe('formatParameterCount', () => {
  it.each([
    [7241732096, '7.24B'],
    [305080000, '305M'],
    [66955010, '67M'],
    [1500, '1.5K'],
    [999, '999'],
  ])('formats %d as %s', (n, s) => {
    expect(formatParameterCount(n)).toBe(s);
  });
});
