// Link header parsing: the Hub's next-page links, and the shapes RFC 8288 allows around them.
import { describe, expect, it } from 'vitest';
import { nextLinkUrl, parseLinkHeader } from '../../src/hub/parseLinkHeader.js';

const HUB_NEXT =
  '<https://huggingface.co/api/models?pipeline_tag=text-generation&sort=downloads&direction=-1&limit=500&cursor=eyIkb3IiOlt7ImRvd25sb2FkcyI6MzI0NSwiX2lkIjp7IiRndCI6IjY1In19XX0%3D>; rel="next"';

describe('parseLinkHeader', () => {
  it('reads the url and parameters of each link', () => {
    expect(parseLinkHeader('<https://a.example/p?x=1>; rel="next"; title="Next page", <https://a.example/p?x=0>; rel=prev')).toEqual([
      { url: 'https://a.example/p?x=1', params: { rel: 'next', title: 'Next page' } },
      { url: 'https://a.example/p?x=0', params: { rel: 'prev' } },
    ]);
  });

  it('keeps commas and semicolons that are inside the url or a quoted value', () => {
    expect(parseLinkHeader('<https://a.example/p?tags=a,b;c>; rel="next"; title="a, b; c"')).toEqual([
      { url: 'https://a.example/p?tags=a,b;c', params: { rel: 'next', title: 'a, b; c' } },
    ]);
  });

  it('returns nothing for a missing or empty header', () => {
    expect(parseLinkHeader(undefined)).toEqual([]);
    expect(parseLinkHeader('')).toEqual([]);
    expect(parseLinkHeader('garbage without brackets')).toEqual([]);
  });
});

describe('nextLinkUrl', () => {
  it('finds the next link of a Hub listing', () => {
    expect(nextLinkUrl(HUB_NEXT, 'https://huggingface.co/api/models')).toBe(
      'https://huggingface.co/api/models?pipeline_tag=text-generation&sort=downloads&direction=-1&limit=500&cursor=eyIkb3IiOlt7ImRvd25sb2FkcyI6MzI0NSwiX2lkIjp7IiRndCI6IjY1In19XX0%3D',
    );
  });

  it('accepts next among several relation types, in any case', () => {
    expect(nextLinkUrl('<https://a.example/2>; REL="prefetch Next"', 'https://a.example/1')).toBe('https://a.example/2');
  });

  it('resolves a relative link against the fetched url', () => {
    expect(nextLinkUrl('</api/models?cursor=abc>; rel="next"', 'http://127.0.0.1:4000/api/models?limit=5')).toBe('http://127.0.0.1:4000/api/models?cursor=abc');
  });

  it('is undefined when there is no next link', () => {
    expect(nextLinkUrl('<https://a.example/0>; rel="prev"', 'https://a.example/1')).toBeUndefined();
    expect(nextLinkUrl(undefined, 'https://a.example/1')).toBeUndefined();
  });
});
