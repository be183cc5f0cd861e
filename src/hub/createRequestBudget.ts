// Counts our own calls so the client waits instead of earning a 429: no span of `windowMs`,
// wherever it starts, holds more than `limit` requests (so neither can the Hub's fixed windows).

export interface RequestBudgetOptions {
  limit: number;
  windowMs: number;
}

export interface RequestBudget {
  /** Takes one request now: 0 when taken, else how long until one may be sent. */
  take(nowMs: number): number;
}

/**
 * A sliding log of the last `limit` send times (a ring buffer): a request may go when the oldest of
 * them is at least `windowMs` (plus a margin for latency) old. A window opening at the first request would allow up to twice the
 * limit across the boundary of the Hub's clock-aligned windows, whose boundaries we cannot see.
 */
export function createRequestBudget({ limit, windowMs }: RequestBudgetOptions): RequestBudget {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`createRequestBudget: limit must be a positive integer, got ${limit}`);
  if (!Number.isFinite(windowMs) || windowMs <= 0) throw new RangeError(`createRequestBudget: windowMs must be positive, got ${windowMs}`);
  // The Hub counts a request when it arrives, a little after we send it: keep a small margin.
  const margin = Math.min(2000, windowMs * 0.01);
  const sent = new Array<number>(limit).fill(Number.NEGATIVE_INFINITY);
  let oldest = 0;
  return {
    take(nowMs) {
      const wait = sent[oldest] + windowMs + margin - nowMs;
      if (wait > 0) return wait;
      sent[oldest] = nowMs;
      oldest = (oldest + 1) % limit;
      return 0;
    },
  };
}
