// Builds the same dependencies for every transport (IPC, HTTP tRPC, REST) and for tests.
// Transport concerns (Host/Origin checks, IPC sender checks) happen before this, never inside.
import type { BenchmarkCache } from '../cache/createBenchmarkCache.js';
import type { ResponseSlot } from './responseCache.js';

/** One procedure call, as the first middleware saw it. */
export interface ProcedureCall {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  /** Answered from the per-version response cache without running the procedure. */
  cached: boolean;
  ms: number;
}

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
  /** Per request, from an HTTP transport: where a cacheable query's encoded answer goes. */
  responseSlot?: ResponseSlot;
  /** Told about every procedure call (the HTTP server logs them at debug level). */
  observe?: (call: ProcedureCall) => void;
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
