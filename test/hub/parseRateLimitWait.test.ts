// How long to wait after a 429, read from the Hub's RateLimit header (Retry-After is got's to read:
// see "honours Retry-After when the RateLimit header is missing" in createHubClient.test.ts).
import { describe, expect, it } from 'vitest';
import { parseRateLimitWait } from '../../src/hub/parseRateLimitWait.js';

describe('parseRateLimitWait', () => {
  it('reads t= seconds from the Hub RateLimit header', () => {
    expect(parseRateLimitWait({ ratelimit: '"api";r=0;t=55' })).toBe(55_000);
  });

  it('reads reset= from the older draft form', () => {
    expect(parseRateLimitWait({ ratelimit: 'limit=500, remaining=0, reset=12' })).toBe(12_000);
  });

  it('reads the first of repeated headers', () => {
    expect(parseRateLimitWait({ ratelimit: ['"api";r=0;t=9', '"api";r=0;t=120'] })).toBe(9_000);
  });

  it('is undefined when the header says nothing usable', () => {
    expect(parseRateLimitWait({})).toBeUndefined();
    expect(parseRateLimitWait({ ratelimit: '"api";r=0' })).toBeUndefined();
  });
});
