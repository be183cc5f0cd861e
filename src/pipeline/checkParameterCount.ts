// Sanity checks on a parameter count: a count that disagrees with what the name or the repo says by
// more than ~2× is flagged suspect, with the reason. Suspect counts stay visible; analytics leave them
// out of the Pareto front, efficiency and size-filter edges.
import type { ParameterSource } from './parseParameterCount.js';
import { formatParameterCount, sizeFromName } from './parseParameterCount.js';

/** Beyond this ratio either way, a count and the size in the name disagree. */
export const SIZE_DISAGREEMENT = 2;

/** Repos whose weights are packed (several parameters per stored value): their stored counts under-count. */
const PACKED_QUANTIZED = /(?:^|[-_.])(?:bnb[-_.]?4bit|4bit|4-bit|int4|nf4|gptq|awq|exl2)(?:[-_.]|$)/i;
const PACKED_TAGS = new Set(['4-bit', '4bit', 'gptq', 'awq', 'bitsandbytes', 'exl2']);

/** Tags that say a model derives from another one (fine-tune, merge, adapter). */
const DERIVED_TAGS = new Set(['merge', 'merges-and-moerges', 'fine-tuned', 'chat', 'adapter']);
/** Below this, a derived causal language model is smaller than any base it could derive from. */
const DERIVED_LM_FLOOR = 10e6;

export function checkParameterCount(input: {
  id: string;
  count: number | undefined;
  source: ParameterSource;
  tags: readonly string[];
  architecture?: string;
}): string | undefined {
  const { id, count, source } = input;
  if (count === undefined || source === 'unknown' || source === 'name') return undefined;
  const shown = formatParameterCount(count);
  const name = id.includes('/') ? id.slice(id.indexOf('/') + 1) : id;

  const inName = sizeFromName(id);
  if (inName.count !== undefined) {
    const ratio = count / inName.count;
    if (ratio > SIZE_DISAGREEMENT || ratio < 1 / SIZE_DISAGREEMENT) {
      return `the count (${shown}) disagrees with the ${formatParameterCount(inName.count)} in its name by ${ratio > 1 ? ratio.toFixed(1) : (1 / ratio).toFixed(1)}×`;
    }
  }
  if (inName.experts) {
    // A mixture of n experts of size s holds more than one expert and fewer than n whole models.
    const { n, size } = inName.experts;
    if (count < size / SIZE_DISAGREEMENT || count > n * size * 1.1) {
      return `the count (${shown}) does not fit the ${n}x${formatParameterCount(size)} mixture of experts in its name`;
    }
  }
  if ((source === 'safetensors' || source === 'leaderboard') && (PACKED_QUANTIZED.test(name) || input.tags.some((t) => PACKED_TAGS.has(t.toLowerCase())))) {
    return `packed quantized weights (4-bit/GPTQ/AWQ): the count (${shown}) is of stored values, not of the model's parameters`;
  }
  if (count < DERIVED_LM_FLOOR && /ForCausalLM$/.test(input.architecture ?? '') && input.tags.some((t) => DERIVED_TAGS.has(t))) {
    return `a merge or fine-tune of a ${input.architecture} model with only ${shown} parameters: smaller than any base it could derive from`;
  }
  return undefined;
}
