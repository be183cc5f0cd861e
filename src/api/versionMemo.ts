// Per-version memo: a dataset version is immutable, so anything derived from it (sorted orders,
// rank lookups, whole answers as objects) is computed once and reused until the version is replaced.
// Serialized answers for HTTP are kept by the response cache (responseCache.ts), not here.
// Bounded (least recently used goes first) so odd query mixes cannot grow memory without end.
const memos = new WeakMap<object, Map<string, unknown>>();

export function memoFor<T>(version: object, key: string, maxEntries: number, compute: () => T): T {
  let m = memos.get(version);
  if (!m) {
    m = new Map();
    memos.set(version, m);
  }
  if (m.has(key)) {
    const v = m.get(key) as T;
    m.delete(key);
    m.set(key, v); // most recently used last
    return v;
  }
  const v = compute();
  m.set(key, v);
  while (m.size > Math.max(1, maxEntries)) m.delete(m.keys().next().value as string);
  return v;
}
