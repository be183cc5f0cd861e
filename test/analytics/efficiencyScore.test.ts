import { describe, expect, it } from 'vitest';
import { efficiencyScore } from '../../src/analytics/efficiencyScore.js';

describe('efficiencyScore', () => {
  it('divides the value by the decades of parameters when higher is better and the size is known', () => {
    // hand-computed: 0.8 / log10(1e8) = 0.8 / 8
    expect(efficiencyScore(0.8, 1e8, 'higher', 'fraction')).toBeCloseTo(0.1, 15);
    // hand-computed: 30 BLEU / log10(1e9) = 30 / 9
    expect(efficiencyScore(30, 1e9, 'higher', 'points')).toBeCloseTo(30 / 9, 15);
  });

  it('ranks a much larger model above a tiny one when its score is much better', () => {
    // The reason for the logarithm: per parameter, the 5 M model would look 100× better.
    expect(efficiencyScore(0.85, 5e8, 'higher', 'fraction')!).toBeGreaterThan(efficiencyScore(0.3, 5e6, 'higher', 'fraction')!);
  });

  it('returns undefined when lower is better', () => {
    expect(efficiencyScore(0.05, 1e8, 'lower', 'fraction')).toBeUndefined();
  });

  it('returns undefined when the size is unknown or at most 1', () => {
    expect(efficiencyScore(0.8, undefined, 'higher', 'fraction')).toBeUndefined();
    expect(efficiencyScore(0.8, 1, 'higher', 'fraction')).toBeUndefined();
    expect(efficiencyScore(0.8, NaN, 'higher', 'fraction')).toBeUndefined();
  });

  it('returns undefined when the scale is raw or the value is not finite', () => {
    expect(efficiencyScore(0.4, 1e8, 'higher', 'raw')).toBeUndefined();
    expect(efficiencyScore(NaN, 1e8, 'higher', 'fraction')).toBeUndefined();
  });
});
