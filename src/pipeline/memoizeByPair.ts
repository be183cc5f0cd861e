// Registry lookups by a (type, name) pair as written in cards: the same few spellings recur across
// thousands of models, so each pair is worked out once. Bounded: past `max` entries it starts over.

/** `lookup` memoized on its two arguments (undefined results included), at most `max` entries kept. */
export function memoizeByPair<T>(lookup: (a: string | undefined, b: string | undefined) => T, max = 50_000): (a: string | undefined, b: string | undefined) => T {
  const cache = new Map<string, { value: T }>();
  return (a, b) => {
    const key = `${a ?? ''}\u0000${b ?? ''}`;
    const hit = cache.get(key);
    if (hit) return hit.value;
    if (cache.size >= max) cache.clear();
    const value = lookup(a, b);
    cache.set(key, { value });
    return value;
  };
}
