// A request's path and query, read from its target (`req.url`). The URL parser runs only when the
// target is not a plain path: a query, a percent-escape, a dot segment, a leading `//`, a backslash or
// any other character the parser would rewrite all take it; a plain path is its own pathname.
export type RequestTarget = Pick<URL, 'pathname' | 'search' | 'searchParams'>;

/** Characters a URL path keeps as they are (RFC 3986 pchar without `%`), after one leading `/` not followed by another. */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;

export function requestTarget(raw: string): RequestTarget {
  return PLAIN_PATH.test(raw) && !raw.includes('/.') ? new PlainPath(raw) : new URL(raw, 'http://localhost');
}

class PlainPath implements RequestTarget {
  constructor(readonly pathname: string) {}
  get search(): string {
    return '';
  }
  get searchParams(): URLSearchParams {
    return new URLSearchParams();
  }
}
