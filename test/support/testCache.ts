// Builds the real cache and router context the way startServer does, from snapshot objects and a
// temp dir, with a clock the test moves by hand; plus Hub fetchers that count and can be held.
import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { appRouter, createCaller } from '../../src/api/appRouter.js';
import { createContextFactory, type Context } from '../../src/api/createContext.js';
import { appInfo } from '../../src/appInfo.js';
import {
  createBenchmarkCache,
  type BenchmarkCache,
  type BenchmarkCacheOptions,
  type HubFetcher,
} from '../../src/cache/createBenchmarkCache.js';
import { createDatasetFileStore, METAFILE_DATASET_FILE_NAME } from '../../src/cache/createDatasetFileStore.js';
import { createMemoryStore } from '../../src/cache/storagePort.js';
import type { SnapshotFile } from '../../src/schemas/snapshotSchemas.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTempDirs, type TempDirs } from './tempDirs.js';

/** 2026-09-01T00:00:00Z: after the bundled snapshot's newest source (2026-08-01). */
export const T0 = Date.parse('2026-09-01T00:00:00.000Z');

export interface TestClock {
  (): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function createTestClock(start = T0): TestClock {
  let now = start;
  const clock = (() => now) as TestClock;
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (ms) => {
    now = ms;
  };
  return clock;
}

export interface OpenCacheOptions extends Partial<Omit<BenchmarkCacheOptions, 'loadBundled' | 'files'>> {
  dir: string;
  bundled: SnapshotFile | (() => Promise<SnapshotFile>);
}

/** A started cache over real dataset files in `dir` (and an in-memory state store unless given one). */
export async function openTestCache(options: OpenCacheOptions): Promise<BenchmarkCache> {
  const { dir, bundled, ...rest } = options;
  const cache = createBenchmarkCache({
    store: createMemoryStore(),
    ttlMinutes: 60,
    metafileFiles: createDatasetFileStore({ dir, fileName: METAFILE_DATASET_FILE_NAME }),
    ...rest,
    files: createDatasetFileStore({ dir }),
    loadBundled: typeof bundled === 'function' ? bundled : async () => bundled,
  });
  await cache.start();
  return cache;
}

/**
 * Caches for the tests of one file: `open()` starts one in a fresh temp dir with the file's defaults
 * (evaluated per call, so each gets its own clock); all are closed and their dirs removed after each test.
 */
export function useTestCaches(prefix: string, defaults: () => Omit<OpenCacheOptions, 'dir'>): { temp: TempDirs; open(options?: Partial<OpenCacheOptions>): Promise<BenchmarkCache> } {
  const temp = createTempDirs(prefix);
  const caches: BenchmarkCache[] = [];
  afterEach(async () => {
    await Promise.all(caches.splice(0).map((c) => c.close()));
    await temp.cleanup();
  });
  return {
    temp,
    async open(options = {}) {
      const cache = await openTestCache({ dir: await temp.make(), ...defaults(), ...options });
      caches.push(cache);
      return cache;
    },
  };
}

/**
 * One cache for all the tests of a file, started before them and closed after; returns the file's
 * temp dirs (removed after all tests, so tests may make more of them).
 */
export function useSharedTestCache(prefix: string, options: Omit<OpenCacheOptions, 'dir'>, bind: (cache: BenchmarkCache) => void): TempDirs {
  const temp = createTempDirs(prefix);
  let cache: BenchmarkCache | undefined;
  beforeAll(async () => {
    cache = await openTestCache({ dir: await temp.make(), ...options });
    bind(cache);
  });
  afterAll(async () => {
    await cache?.close();
    await temp.cleanup();
  });
  return temp;
}

export function testContext(cache: BenchmarkCache, clock: () => number = createTestClock()): () => Context {
  return createContextFactory({
    cache,
    app: { name: appInfo().productName, version: appInfo().version, startedAt: clock() },
    clock,
  });
}

export function callerFor(cache: BenchmarkCache, clock?: () => number) {
  return createCaller(testContext(cache, clock)());
}

/** What the transports send for an error thrown by a procedure: the app's error formatter applied. */
export function errorShapeOf(error: unknown, path: string, type: 'query' | 'mutation' = 'query') {
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return getErrorShape({ config: appRouter._def._config, error, type, path, input: undefined, ctx: undefined }) as {
    message: string;
    detail: string;
    code: number;
    data: { code: string; httpStatus: number; path?: string; stack?: string };
  };
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 200)}`);
    },
    (error: unknown) => error,
  );
}

export interface CountingFetcher extends HubFetcher {
  readonly calls: number;
}

/** A Hub fetcher that counts its runs and answers with `produce(callNumber)` (1-based). */
export function countingFetcher(produce: (call: number) => SnapshotFile | Promise<SnapshotFile>): CountingFetcher {
  let calls = 0;
  const fetcher = (async () => {
    calls += 1;
    return produce(calls);
  }) as HubFetcher as CountingFetcher;
  Object.defineProperty(fetcher, 'calls', { get: () => calls });
  return fetcher;
}

/** Wraps a fetcher so every run waits at the gate until the test opens it. */
export function gated(fetcher: HubFetcher): { fetcher: HubFetcher; open(): void; entered: Promise<void> } {
  let open!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const enteredPromise = new Promise<void>((resolve) => (entered = resolve));
  return {
    fetcher: async (ctx) => {
      entered();
      await gate;
      return fetcher(ctx);
    },
    open,
    entered: enteredPromise,
  };
}
