// How long to wait after a 429, read from the Hub's RateLimit header or a standard Retry-After.
import { describe, expect, it } from 'vitest';
import { parseRateLimitWait } from '../../src/hub/parseRateLimitWait.js';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');

describe('parseRateLimitWait', () => {
  it('reads t= seconds from the Hub RateLimit header', () => {
    expect(parseRateLimitWait({ ratelimit: '"api";r=0;t=55' }, NOW)).toBe(55_000);
  });

  it('reads reset= from the older draft form', () => {
    expect(parseRateLimitWait({ ratelimit: 'limit=500, remaining=0, reset=12' }, NOW)).toBe(12_000);
  });

  it('prefers RateLimit over Retry-After', () => {
    expect(parseRateLimitWait({ ratelimit: '"api";r=0;t=9', 'retry-after': '120' }, NOW)).toBe(9_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRateLimitWait({ 'retry-after': '3' }, NOW)).toBe(3_000);
    expect(parseRateLimitWait({ 'retry-after': 'Sun, 01 Jun 2025 12:00:30 GMT' }, NOW)).toBe(30_000);
    expect(parseRateLimitWait({ 'retry-after': 'Sun, 01 Jun 2025 11:00:00 GMT' }, NOW)).toBe(0);
  });

  it('is undefined when neither header says anything usable', () => {
    expect(parseRateLimitWait({}, NOW)).toBeUndefined();
    expect(parseRateLimitWait({ ratelimit: '"api";r=0', 'retry-after': 'soon' }, NOW)).toBeUndefined();
  });
});
