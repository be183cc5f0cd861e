// Parameter counts as people type them, read once for the API and the explorer's size filters.
import { describe, expect, it } from 'vitest';
import { parseParameterText } from '../../src/api/parseParameterText.js';

describe('parseParameterText', () => {
  it.each([
    ['7B', 7e9],
    ['350M', 350e6],
    ['1.5b', 1.5e9],
    ['1.5e9', 1.5e9],
    ['7000000000', 7e9],
    ['7,000,000', 7e6],
    ['2T', 2e12],
    ['64k', 64e3],
  ])('reads %s as %d', (text, expected) => {
    expect(parseParameterText(text)).toBe(expected);
  });

  it.each(['', '  ', '7X', 'B7', '-7B', '7 billion', '1e400'])('gives undefined for "%s"', (text) => {
    expect(parseParameterText(text)).toBeUndefined();
  });
});
