// How long the Hub asks us to wait after a 429: `RateLimit: "api";r=0;t=<s>` first, then Retry-After.

type HeaderValue = string | readonly string[] | undefined;

/**
 * Milliseconds until the rate-limit window resets, or undefined when the answer says nothing usable.
 * The Hub's own header (IETF draft structured form, `t=` seconds; older drafts use `reset=`) wins over
 * Retry-After, which may be seconds or an HTTP date.
 */
export function parseRateLimitWait(
  headers: { ratelimit?: HeaderValue; 'retry-after'?: HeaderValue },
  nowMs: number,
): number | undefined {
  const fromRateLimit = readResetSeconds(first(headers.ratelimit));
  if (fromRateLimit !== undefined) return fromRateLimit * 1000;
  const retryAfter = first(headers['retry-after'])?.trim();
  if (!retryAfter) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const at = Date.parse(retryAfter);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

function first(value: HeaderValue): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value[0];
}

function readResetSeconds(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /(?:^|[;,\s])(?:t|reset)\s*=\s*(\d+(?:\.\d+)?)/i.exec(value);
  if (!m) return undefined;
  const seconds = Number(m[1]);
  return Number.isFinite(seconds) ? seconds : undefined;
}
