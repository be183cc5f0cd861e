import { describe, expect, it } from 'vitest';
import { checkParameterCount } from '../../src/pipeline/checkParameterCount.js';

// Cases from the Open LLM Leaderboard v2 export (data/sources/open-llm-leaderboard-v2/huggingface_v2.csv,
// metadata_params_billions), each cited by its model_name.
describe('checkParameterCount', () => {
  it('flags a count that disagrees with the size in the name by more than 2×', () => {
    // ModelCloud/Llama-3.2-1B-Instruct-gptqmodel-4bit-vortex-v1: 5.453 B for a 1B name.
    expect(checkParameterCount({ id: 'ModelCloud/Llama-3.2-1B-Instruct-gptqmodel-4bit-vortex-v1', count: 5_453_000_000, source: 'leaderboard', tags: [] })).toMatch(/1B in its name by 5\.5×/);
    // Within 2× is not flagged: 0-hero/Matter-0.2-7B-DPO, 7.242 B.
    expect(checkParameterCount({ id: '0-hero/Matter-0.2-7B-DPO', count: 7_242_000_000, source: 'leaderboard', tags: [] })).toBeUndefined();
  });

  it('flags packed quantized weights, which count stored values, not parameters', () => {
    // unsloth/phi-4-bnb-4bit: 8.058 B for a 14.7 B model.
    expect(checkParameterCount({ id: 'unsloth/phi-4-bnb-4bit', count: 8_058_000_000, source: 'leaderboard', tags: [] })).toMatch(/packed quantized/);
    // "Awqward" is a name, not AWQ: maldv/Awqward2.5-32B-Instruct, 32.764 B.
    expect(checkParameterCount({ id: 'maldv/Awqward2.5-32B-Instruct', count: 32_764_000_000, source: 'leaderboard', tags: [] })).toBeUndefined();
  });

  it('flags a merge of a causal LM recorded with fewer parameters than any base it could derive from', () => {
    // darkc0de/BuddyGlass_v0.3_Xortron7MethedUpSwitchedUp: a Llama merge recorded as 0.007 B.
    const reason = checkParameterCount({ id: 'darkc0de/BuddyGlass_v0.3_Xortron7MethedUpSwitchedUp', count: 7_000_000, source: 'leaderboard', tags: ['merges-and-moerges'], architecture: 'LlamaForCausalLM' });
    expect(reason).toMatch(/merge or fine-tune of a LlamaForCausalLM model with only 7M/);
    // A tiny model pretrained from scratch is not flagged: cpayne1303/smallcp2024, 0.002 B, pretrained.
    expect(checkParameterCount({ id: 'cpayne1303/smallcp2024', count: 2_000_000, source: 'leaderboard', tags: ['pretrained'], architecture: 'LlamaForCausalLM' })).toBeUndefined();
  });

  it('checks a mixture-of-experts count against its experts instead of multiplying them out', () => {
    // mistralai/Mixtral-8x22B-v0.1: 140.621 B fits 8 experts of 22 B that share layers.
    expect(checkParameterCount({ id: 'mistralai/Mixtral-8x22B-v0.1', count: 140_621_000_000, source: 'leaderboard', tags: [] })).toBeUndefined();
    expect(checkParameterCount({ id: 'org/Tiny-4x7B', count: 1_000_000_000, source: 'leaderboard', tags: [] })).toMatch(/4x7B mixture of experts/);
  });

  it('never flags a count taken from the name itself, or no count', () => {
    expect(checkParameterCount({ id: 'org/x-7b', count: 7e9, source: 'name', tags: [] })).toBeUndefined();
    expect(checkParameterCount({ id: 'org/x-7b', count: undefined, source: 'unknown', tags: [] })).toBeUndefined();
  });
});
