import { describe, expect, it } from 'vitest';
import { parseMetricValue, readNumber, showsPercentScale } from '../../src/pipeline/parseMetricValue.js';

describe('readNumber', () => {
  it.each([
    [0.853, 0.853, false],
    ['85.3%', 85.3, true],
    ['20.0 ± 1.2', 20, false],
    ['20.0 +/- 1.2', 20, false],
    [' 1,014.45 ', 1014.45, false],
    ['-3.5', -3.5, false],
    ['1e-3', 0.001, false],
    ['0.480%', 0.48, true],
  ])('reads %j as %d (percent: %s)', (raw, n, percent) => {
    expect(readNumber(raw)).toEqual({ n, percent });
  });

  it.each([['NaN'], ['abc'], [''], ['12 apples'], [null], [{}], [[1]], [true]])('refuses %j', (raw) => {
    expect(readNumber(raw)).toBeUndefined();
  });
});

describe('parseMetricValue', () => {
  it('keeps a 0–1 accuracy as a fraction', () => {
    expect(parseMetricValue(0.91, 'fraction')).toEqual({ ok: true, value: 0.91, original: 0.91, originalScale: 'fraction' });
  });

  it('converts a 0–100 accuracy to a fraction and records the original scale', () => {
    // 98.014 / 100 in floating point is 0.9801399999999999; the stored value is rounded to 12 digits.
    expect(parseMetricValue(98.014, 'fraction')).toEqual({ ok: true, value: 0.98014, original: 98.014, originalScale: 'percent' });
  });

  it('treats an explicit percent sign as percent even below 1', () => {
    expect(parseMetricValue('0.480%', 'fraction')).toMatchObject({ ok: true, value: 0.0048, originalScale: 'percent' });
  });

  it('refuses fractions outside 0–100 as out of range', () => {
    expect(parseMetricValue(250, 'fraction')).toEqual({ ok: false, reason: 'out_of_range' });
    expect(parseMetricValue(-0.1, 'fraction')).toEqual({ ok: false, reason: 'out_of_range' });
  });

  it('leaves BLEU on its 0–100 points scale', () => {
    expect(parseMetricValue(27.3, 'points')).toMatchObject({ ok: true, value: 27.3, originalScale: 'points' });
  });

  it('accepts any finite raw value within bounds and refuses huge ones', () => {
    expect(parseMetricValue(12.7, 'raw')).toMatchObject({ ok: true, value: 12.7 });
    expect(parseMetricValue(1e300, 'raw')).toEqual({ ok: false, reason: 'out_of_range' });
  });

  it('reports non-numeric and non-finite values with distinct reasons', () => {
    expect(parseMetricValue('n/a', 'fraction')).toEqual({ ok: false, reason: 'non_numeric_value' });
    expect(parseMetricValue(Number.POSITIVE_INFINITY, 'raw')).toEqual({ ok: false, reason: 'non_finite_value' });
    expect(parseMetricValue('1e400', 'raw')).toEqual({ ok: false, reason: 'non_finite_value' });
  });
});

describe('showsPercentScale', () => {
  // The bounds by hand: above 1 and at most 100, a bare number only.
  it.each([
    [85.3, true],
    ['41.2 ± 0.3', true],
    [100, true],
    [1, false],
    [0.853, false],
    [100.5, false],
    ['85.3%', false],
    ['n/a', false],
  ])('says %s → %s when read as a published value', (raw, expected) => {
    expect(showsPercentScale(raw)).toBe(expected);
  });
});
