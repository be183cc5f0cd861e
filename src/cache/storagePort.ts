// The storage port: the small key-value state the cache keeps (timestamps, last outcome, settings).
// The headless server and the desktop app's core (in its worker) implement it with conf, tests in memory;
// the core never knows which.
export interface KeyValueStore {
  get<T = unknown>(key: string): T | undefined;
  /** Writes several keys in one go: one file write, not one fsync per key. */
  setMany(entries: Record<string, unknown>): void;
  delete(key: string): void;
  /** Where the state lives, for status messages. */
  readonly path: string;
}

export type { RecoveryNotice } from './cacheSchemas.js';

export function createMemoryStore(initial: Record<string, unknown> = {}): KeyValueStore {
  const data = new Map(Object.entries(initial));
  return {
    get: <T>(key: string) => data.get(key) as T | undefined,
    setMany: (entries) => {
      for (const [k, v] of Object.entries(entries)) data.set(k, structuredClone(v));
    },
    delete: (key) => void data.delete(key),
    path: ':memory:',
  };
}
