import { describe, expect, it } from 'vitest';
import { efficiencyApplies, efficiencyScores } from '../../src/analytics/efficiencyScore.js';

describe('efficiencyScores', () => {
  it('divides each score by the best score of any model of its size or smaller when higher is better', () => {
    // sizes 1, 2, 3, 4 with scores 0.5, 0.4, 0.8, 0.6; frontier at each size: 0.5, 0.5, 0.8, 0.8 (hand-computed).
    const out = efficiencyScores([1, 2, 3, 4], [0.5, 0.4, 0.8, 0.6], 'higher', 'fraction');
    expect([...out]).toEqual([1, 0.4 / 0.5, 1, 0.6 / 0.8]);
  });

  it('divides the best (lowest) error of any model of its size or smaller by its own when lower is better', () => {
    // WER 0.10 at size 1, 0.20 at size 2, 0.05 at size 3: frontier 0.10, 0.10, 0.05 (hand-computed).
    const out = efficiencyScores([1, 2, 3], [0.1, 0.2, 0.05], 'lower', 'fraction');
    expect([...out]).toEqual([1, 0.1 / 0.2, 1]);
  });

  it('lets every model of one size see the best score of that size', () => {
    const out = efficiencyScores([5, 5, 1], [0.9, 0.45, 0.3], 'higher', 'points');
    expect([...out]).toEqual([1, 0.5, 1]);
  });

  it('does not rank like the score: a large model behind a smaller one scores low', () => {
    // The largest model has the best score but not the best efficiency.
    const out = efficiencyScores([1e9, 7e9, 70e9], [0.6, 0.5, 0.7], 'higher', 'fraction');
    expect(out[1]).toBeCloseTo(0.5 / 0.6, 12);
    expect(out[2]).toBe(1);
  });

  it('leaves out unknown sizes, negative scores, raw scales and unknown directions', () => {
    expect([...efficiencyScores([NaN, 2], [0.5, 0.4], 'higher', 'fraction')]).toEqual([NaN, 1]);
    expect([...efficiencyScores([1, 2], [-0.1, 0.4], 'higher', 'fraction')]).toEqual([NaN, 1]);
    expect([...efficiencyScores([1, 2], [3, 4], 'lower', 'raw')]).toEqual([NaN, NaN]);
    expect(efficiencyApplies('unknown', 'fraction')).toBe(false);
    expect(efficiencyApplies('higher', 'points')).toBe(true);
  });

  it('gives 1 when the frontier and the score are both 0', () => {
    expect([...efficiencyScores([1, 2], [0, 0], 'higher', 'fraction')]).toEqual([1, 1]);
    expect([...efficiencyScores([1, 2], [0, 0.1], 'lower', 'fraction')]).toEqual([1, 0]);
  });

  it('fails loudly on arrays of different lengths', () => {
    expect(() => efficiencyScores([1], [1, 2], 'higher', 'fraction')).toThrow(/efficiencyScores/);
  });
});
