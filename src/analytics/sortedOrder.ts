// Index orders by a numeric key without a comparator: the typed array's native sort of the keys, then
// one binary search per item. Several times faster than sorting indexes with a comparator function.

let sorted = new Float64Array(64);
let next = new Uint32Array(64);
let pending = new Uint32Array(64);

/**
 * Writes into `out[0..n)` the items `items[0..n)` ordered by `key(items[i])` ascending, equal keys in
 * their order in `items` (a stable sort, the same order as `items.sort((a, b) => key[a] - key[b])`).
 * Keys must not be NaN; -0 and 0 count as equal. `out` may be `items` itself. Returns `out`.
 */
export function sortedOrder(items: ArrayLike<number>, n: number, key: (item: number) => number, out: Uint32Array): Uint32Array {
  if (sorted.length < n) {
    sorted = new Float64Array(n);
    next = new Uint32Array(n);
    pending = new Uint32Array(n);
  }
  for (let i = 0; i < n; i++) {
    pending[i] = items[i];
    sorted[i] = key(items[i]);
  }
  const view = sorted.subarray(0, n).sort();
  // next[p]: where the next item whose key starts its run at p goes (set at each run's start).
  for (let p = 0; p < n; p++) next[p] = p;
  for (let i = 0; i < n; i++) out[next[firstAtLeast(view, key(pending[i]))]++] = pending[i];
  return out;
}

/** The first position of an ascending array whose value is ≥ v (its length when none is): where v's run starts. */
export function firstAtLeast(ascending: Float64Array, v: number): number {
  let lo = 0;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ascending[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
