// Opens the benchmark cache for a Config: state store and dataset file in DATA_DIR, the bundled
// snapshot underneath, and the Hub fetcher. The server, the CLI and the desktop app share this.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import { bundledSnapshotPath } from '../snapshot/bundledSnapshotPath.js';
import { readSnapshotFile } from '../snapshot/readSnapshotFile.js';
import { createBenchmarkCache, type BenchmarkCache, type HubFetcher, type PersistedLayers } from './createBenchmarkCache.js';
import { createConfStore } from './createConfStore.js';
import { createDatasetFileStore, METAFILE_DATASET_FILE_NAME } from './createDatasetFileStore.js';
import { ANSWERS_DIR_NAME, createAnswerFileStore } from './createAnswerFileStore.js';
import { createVersionFileStore } from './createVersionFileStore.js';
import { answerCodeFingerprint, createSourceHashes, SOURCE_HASHES_FILE_NAME, versionSourceKey } from './versionSourceKey.js';
import type { HubFetcherOptions } from './createHubFetcher.js';
import { createCrawlStateFile } from '../hub/benchmarkCrawlState.js';
import type { KeyValueStore, RecoveryNotice } from './storagePort.js';

export type Logger = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export interface OpenCacheOptions {
  config: Config;
  /** A store of the caller's (tests); otherwise conf in DATA_DIR. */
  store?: KeyValueStore;
  recovered?: RecoveryNotice[];
  fetchFromHub?: HubFetcher;
  /** Hub client settings beyond the Config (retries, waits; tests shorten them). */
  hub?: Pick<HubFetcherOptions, 'retries' | 'maxRetryWaitMs' | 'timeoutMs' | 'sleep'>;
  bundledSnapshot?: string;
  /**
   * Where the prebuilt version of the bundled data is (with its answers): `prebuilt/` next to the
   * compiled modules by default (dist/prebuilt, written by `npm run build:lib`); null: none.
   */
  prebuiltDir?: string | null;
  clock?: () => number;
  log?: Logger;
}

/** Where `npm run build:lib` puts the prebuilt version of the bundled data: next to the compiled modules. */
export function defaultPrebuiltDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'prebuilt');
}

/** Opens the cache: resolves once its data is open (the CLI and tools). */
export async function openBenchmarkCache(options: OpenCacheOptions): Promise<BenchmarkCache> {
  const cache = createCacheFor(options);
  await cache.start();
  return cache;
}

/** The cache for a Config, not started yet: the server listens first and then starts it. */
export function createCacheFor(options: OpenCacheOptions): BenchmarkCache {
  const { config } = options;
  const log: Logger = options.log ?? (() => undefined);
  mkdirSync(config.DATA_DIR, { recursive: true });
  let store = options.store;
  const recovered = [...(options.recovered ?? [])];
  if (!store) {
    const opened = createConfStore({ dir: config.DATA_DIR });
    store = opened.store;
    if (opened.recovered) {
      recovered.push(opened.recovered);
      log('warn', `state file could not be read (${opened.recovered.reason}); moved to ${opened.recovered.movedTo}`);
    }
  }
  // The Hub client (and its HTTP library) loads with the first refresh: offline starts never need it.
  let hubFetcher: HubFetcher | undefined;
  const fetchFromHub: HubFetcher =
    options.fetchFromHub ??
    (async (ctx) => {
      hubFetcher ??= (await import('./createHubFetcher.js')).createHubFetcher({
        endpoint: config.HF_ENDPOINT,
        token: config.HF_TOKEN,
        tasks: config.TASKS,
        maxModelsPerTask: config.MAX_MODELS_PER_TASK,
        benchmarks: config.BENCHMARKS,
        benchmarkFineTunes: config.BENCHMARK_FINE_TUNES,
        benchmarkModelLookups: config.BENCHMARK_MODEL_LOOKUPS,
        crawlState: createCrawlStateFile({ dir: config.DATA_DIR, log: (m) => log('warn', m) }),
        concurrency: config.HUB_CONCURRENCY,
        requestBudget: { limit: config.HUB_REQUESTS_PER_5_MIN, windowMs: 300_000 },
        ...options.hub,
      });
      return hubFetcher(ctx);
    });
  // The sources' hashes key the saved version; a file whose stat is unchanged is not read again.
  const sourceHashes = createSourceHashes({ file: path.join(config.DATA_DIR, SOURCE_HASHES_FILE_NAME) });
  const files = createDatasetFileStore({ dir: config.DATA_DIR, hash: sourceHashes.hash });
  const metafileFiles = createDatasetFileStore({ dir: config.DATA_DIR, fileName: METAFILE_DATASET_FILE_NAME, hash: sourceHashes.hash });
  const prebuiltDir = options.prebuiltDir === undefined ? defaultPrebuiltDir() : options.prebuiltDir;
  const bundledFile = () => bundledSnapshotPath({ override: options.bundledSnapshot });
  const bundledHash = async () => {
    try {
      return (await sourceHashes.hash(bundledFile())) ?? 'none';
    } catch {
      return 'none';
    }
  };
  return createBenchmarkCache({
    store,
    files,
    metafileFiles,
    loadBundled: async () => readSnapshotFile(bundledFile()),
    // The built version is saved next to the data and opened at the next start while its sources are unchanged.
    versionFiles: createVersionFileStore<PersistedLayers>({ dir: config.DATA_DIR }),
    prebuiltVersion: prebuiltDir ? createVersionFileStore<PersistedLayers>({ dir: prebuiltDir, readOnly: true }) : undefined,
    answerFiles: createAnswerFileStore({
      dir: path.join(config.DATA_DIR, ANSWERS_DIR_NAME),
      readOnlyDirs: prebuiltDir ? [path.join(prebuiltDir, ANSWERS_DIR_NAME)] : [],
      code: answerCodeFingerprint,
      log: (level, message) => log(level, message),
    }),
    sourceKey: async () =>
      versionSourceKey({ bundled: await bundledHash(), fetched: await files.fingerprint!(), metafiles: await metafileFiles.fingerprint!() }),
    fetchFromHub,
    clock: options.clock,
    ttlMinutes: config.CACHE_TTL_MINUTES,
    offline: config.OFFLINE,
    recovered,
    log: (level, message) => log(level, message),
  });
}
