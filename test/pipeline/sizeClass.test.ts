import { describe, expect, it } from 'vitest';
import { SIZE_CLASS_BANDS, sizeClass } from '../../src/pipeline/sizeClass.js';
import { SizeClassSchema } from '../../src/schemas/benchmarkSchemas.js';

describe('sizeClass', () => {
  // Parameter counts from the models' own safetensors metadata or papers (rounded where noted).
  it.each([
    ['ViT-Ti/16 (5.7 M)', 5_717_416, 'tiny'],
    ['MobileNetV3-Large (5.5 M)', 5_483_032, 'tiny'],
    ['ResNet-18 (11.7 M)', 11_689_512, 'tiny'],
    ['ViT-S/16 (22 M)', 22_050_664, 'small'],
    ['ResNet-50 (25.6 M)', 25_557_032, 'small'],
    ['T5-small (60.5 M)', 60_506_624, 'small'],
    ['DistilBERT-base (67 M)', 66_955_010, 'small'],
    ['ViT-B/16 (86.6 M)', 86_567_656, 'base'],
    ['BERT-base (110 M)', 109_482_240, 'base'],
    ['T5-base (223 M)', 222_903_552, 'base'],
    ['ViT-L/16 (304 M)', 304_326_632, 'large'],
    ['BERT-large (335 M)', 335_141_888, 'large'],
    ['Qwen2.5-0.5B (494 M)', 494_032_768, 'large'],
    ['T5-large (738 M)', 737_668_096, 'large'],
    ['Llama-3.2-1B (1.24 B)', 1_235_814_400, 'xl'],
    ['T5-3B (2.85 B)', 2_851_598_336, 'xl'],
    ['Mistral-7B (7.24 B)', 7_241_732_096, 'xl'],
    ['T5-11B (11.3 B)', 11_307_321_344, 'xxl'],
    ['Llama-3.1-70B (70.6 B)', 70_553_706_496, 'xxl'],
  ])('puts %s in %s', (_name, n, expected) => {
    expect(sizeClass(n)).toBe(expected);
  });

  it('starts each band at its lower bound when the count sits exactly on a boundary', () => {
    const names = SIZE_CLASS_BANDS.map(([name]) => name);
    for (let i = 0; i < SIZE_CLASS_BANDS.length - 1; i++) {
      const bound = SIZE_CLASS_BANDS[i][1];
      expect(sizeClass(bound - 1)).toBe(names[i]);
      expect(sizeClass(bound)).toBe(names[i + 1]);
    }
  });

  it('names only the six classes of the contract, smallest first, when listing the bands', () => {
    expect(SIZE_CLASS_BANDS.map(([name]) => name)).toEqual(SizeClassSchema.options);
    const bounds = SIZE_CLASS_BANDS.map(([, below]) => below);
    expect([...bounds].sort((a, b) => a - b)).toEqual(bounds);
  });

  it.each([[0], [-5], [Number.NaN], [Infinity]])('throws when the count is %s', (n) => {
    expect(() => sizeClass(n)).toThrow(/sizeClass/);
  });
});
