// The size class of a model (the seed contract's `model_size`): one of six named bands of the
// parameter count, shared by vision models and language models.
import type { SizeClass } from '../schemas/benchmarkSchemas.js';

/**
 * Upper bounds (exclusive) of each band, smallest first; `xxl` has none. The bands follow the names
 * families give their own sizes: ViT-Ti, BERT-tiny, MobileNet and EfficientNet-B0 are tiny (< 20 M);
 * ViT-S, DeiT-S, ResNet-50 and T5-small small (20–70 M); BERT-base, ViT-B, RoBERTa-base and T5-base
 * base (70–250 M); BERT-large, ViT-L/H and T5-large large (250 M – 1 B); T5-3B and 1–9 B language
 * models xl (1–10 B); T5-11B and language models from 10 B on xxl.
 */
export const SIZE_CLASS_BANDS: readonly (readonly [SizeClass, number])[] = [
  ['tiny', 20e6],
  ['small', 70e6],
  ['base', 250e6],
  ['large', 1e9],
  ['xl', 10e9],
  ['xxl', Infinity],
];

/** The size class of a parameter count; throws on a count that is not a positive finite number. */
export function sizeClass(parameterCount: number): SizeClass {
  if (!(parameterCount > 0) || !Number.isFinite(parameterCount)) {
    throw new RangeError(`sizeClass: parameter count must be a positive finite number, got ${parameterCount}`);
  }
  for (const [name, below] of SIZE_CLASS_BANDS) if (parameterCount < below) return name;
  return 'xxl';
}
