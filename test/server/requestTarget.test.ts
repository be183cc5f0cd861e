// A request target read without the URL parser must give the parser's own pathname and query: the
// routes, the Host/Origin guard and the login path all decide from it.
import { describe, expect, it } from 'vitest';
import { requestTarget, type RequestTarget } from '../../src/server/requestTarget.js';

/** What a target reads as, or the parser's error (`//[` names no valid host: both refuse it alike). */
const readWith = (read: (raw: string) => RequestTarget) => (raw: string) => {
  try {
    const target = read(raw);
    return { pathname: target.pathname, search: target.search, params: [...target.searchParams] };
  } catch (error) {
    return { error: String(error) };
  }
};
const asParsed = readWith((raw) => new URL(raw, 'http://localhost'));
const asRead = readWith(requestTarget);

describe('requestTarget', () => {
  it.each([
    '/',
    '/health',
    '/api/benchmarks',
    '/trpc/meta.health,models.list',
    '/app/assets/index-3f2a.js',
    '/openapi.json',
    '/api/models/openai%2Fwhisper-large-v3',
    '/api/models/openai/whisper-large-v3',
    '/health?x=1&x=2',
    '/a/./b',
    '/a/../health',
    '/.well-known/x',
    '/a/b.',
    '//evil.example/health',
    '/\\evil.example/health',
    '/a b',
    '/a"b<c>`{d}',
    '/%2e%2e/health',
    '/é/ü',
    '/a#frag',
    '/a\tb',
    "/a!$&'()*+,;=:@~_-",
  ])('reads %j as the URL parser does', (raw) => {
    expect(asRead(raw)).toEqual(asParsed(raw));
  });

  it('reads 20,000 random targets over URL-special characters as the URL parser does', () => {
    // A fixed-seed generator (mulberry32): the same targets on every run.
    let seed = 0x9e3779b9;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = [...'/abz09.-_~!$&\'()*+,;=:@%2eE?#\\ "<>`{}|^[]\t\né'];
    for (let i = 0; i < 20_000; i++) {
      let raw = '/';
      const length = Math.floor(random() * 12);
      for (let j = 0; j < length; j++) raw += alphabet[Math.floor(random() * alphabet.length)];
      expect(asRead(raw), raw).toEqual(asParsed(raw));
    }
  });

  it('skips the URL parser for a plain path', () => {
    expect(requestTarget('/api/benchmarks')).not.toBeInstanceOf(URL);
    expect(requestTarget('/api/benchmarks?limit=1')).toBeInstanceOf(URL);
  });
});
