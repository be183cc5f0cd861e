import { describe, expect, it } from 'vitest';
import { detectFamily, normalizeFamily } from '../../src/pipeline/detectFamily.js';

describe('detectFamily', () => {
  it('uses config.model_type first', () => {
    expect(detectFamily({ id: 'org/my-bert-finetune', config: { model_type: 'qwen2' } })).toEqual({ family: 'qwen', source: 'config' });
  });

  it.each([
    ['LlamaForCausalLM', 'llama'],
    ['Qwen2ForCausalLM', 'qwen'],
    ['GPTNeoXForCausalLM', 'gpt-neox'],
    ['Gemma2ForCausalLM', 'gemma'],
    ['Phi3ForCausalLM', 'phi'],
    ['MixtralForCausalLM', 'mixtral'],
    ['GPT2LMHeadModel', 'gpt2'],
    ['RWForCausalLM', 'falcon'],
  ])('reads the family from architecture %s', (arch, family) => {
    expect(detectFamily({ id: 'org/x', config: { architectures: [arch] } })).toEqual({ family, source: 'config' });
  });

  it.each([
    ['eva02_large_patch14_448', 'eva'],
    ['resnet50', 'resnet'],
    ['tf_efficientnet_b0', 'efficientnet'],
    ['vit_base_patch16_224', 'vit'],
    ['convnextv2_huge', 'convnext'],
  ])('reads timm architecture %s as %s', (architecture, family) => {
    expect(detectFamily({ id: `timm/${architecture}.x`, config: { architecture } })).toEqual({ family, source: 'config' });
  });

  it('uses a family tag when config says nothing', () => {
    expect(detectFamily({ id: 'org/something', tags: ['license:mit', 'whisper', 'pytorch'] })).toEqual({ family: 'whisper', source: 'tags' });
  });

  it.each([
    ['distilbert-base-uncased', 'distilbert'],
    ['FacebookAI/roberta-large', 'roberta'],
    ['google/flan-t5-base', 't5'],
    ['mistralai/Mixtral-8x7B-v0.1', 'mixtral'],
    ['microsoft/phi-2', 'phi'],
    ['openai/whisper-large-v3', 'whisper'],
  ])('falls back to the name for %s', (id, family) => {
    expect(detectFamily({ id })).toEqual({ family, source: 'name' });
  });

  it('says "other" when nothing is known', () => {
    expect(detectFamily({ id: 'org/mystery-model' })).toEqual({ family: 'other', source: 'unknown' });
  });

  it('keeps a new model_type as its own family (open set)', () => {
    expect(detectFamily({ id: 'org/x', config: { model_type: 'brandnewarch' } })).toEqual({ family: 'brandnewarch', source: 'config' });
  });
});

describe('normalizeFamily', () => {
  it('folds version suffixes and separators', () => {
    expect(normalizeFamily('deberta-v2')).toBe('deberta');
    expect(normalizeFamily('qwen2_moe')).toBe('qwen');
    expect(normalizeFamily('xlm_roberta')).toBe('xlm-roberta');
  });
});
