// How long the Hub asks us to wait after a 429: its `RateLimit: "api";r=0;t=<s>` header (got reads a
// standard Retry-After itself and passes it on; this header it does not know).

type HeaderValue = string | readonly string[] | undefined;

/**
 * Milliseconds until the rate-limit window resets, or undefined when the header says nothing usable.
 * IETF draft structured form, `t=` seconds; older drafts use `reset=`.
 */
export function parseRateLimitWait(headers: { ratelimit?: HeaderValue; [name: string]: HeaderValue }): number | undefined {
  const value = typeof headers.ratelimit === 'string' ? headers.ratelimit : headers.ratelimit?.[0];
  if (!value) return undefined;
  const m = /(?:^|[;,\s])(?:t|reset)\s*=\s*(\d+(?:\.\d+)?)/i.exec(value);
  if (!m) return undefined;
  const seconds = Number(m[1]);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}
