// Counts our own calls per fixed window so the client waits for the next window instead of earning a 429.

export interface RequestBudgetOptions {
  limit: number;
  windowMs: number;
}

export interface RequestBudget {
  /** Takes one request from the current window: 0 when taken, else how long until the next window opens. */
  take(nowMs: number): number;
}

/**
 * A window opens with the first request after the previous one closed; that is at least as strict as
 * the Hub's clock-aligned 5-minute windows, whose boundaries we cannot see.
 */
export function createRequestBudget({ limit, windowMs }: RequestBudgetOptions): RequestBudget {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`createRequestBudget: limit must be a positive integer, got ${limit}`);
  if (!Number.isFinite(windowMs) || windowMs <= 0) throw new RangeError(`createRequestBudget: windowMs must be positive, got ${windowMs}`);
  let windowStart = Number.NEGATIVE_INFINITY;
  let used = 0;
  return {
    take(nowMs) {
      if (nowMs >= windowStart + windowMs) {
        windowStart = nowMs;
        used = 0;
      }
      if (used < limit) {
        used++;
        return 0;
      }
      return windowStart + windowMs - nowMs;
    },
  };
}
