// Builds the same dependencies for every transport (IPC, HTTP tRPC, REST) and for tests.
// Transport concerns (Host/Origin checks, IPC sender checks) happen before this, never inside.
import type { BenchmarkCache } from '../cache/createBenchmarkCache.js';

export interface AppInfo {
  name: string;
  version: string;
  startedAt: number;
}

export interface ContextDeps {
  cache: BenchmarkCache;
  app: AppInfo;
  clock?: () => number;
  /** Bound on per-version memoized query results. */
  maxMemoEntries?: number;
}

export interface Context {
  cache: BenchmarkCache;
  app: AppInfo;
  clock: () => number;
  maxMemoEntries: number;
}

export function createContextFactory(deps: ContextDeps): () => Context {
  const ctx: Context = {
    cache: deps.cache,
    app: deps.app,
    clock: deps.clock ?? Date.now,
    maxMemoEntries: deps.maxMemoEntries ?? 1000,
  };
  return () => ctx;
}
