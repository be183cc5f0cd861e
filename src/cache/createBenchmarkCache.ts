// The TTL cache and refresh coordinator. Holds the current dataset version (readers always see one
// whole version), serves it stale while one background refresh runs (single flight), keeps the last
// good data when a refresh fails, and persists through the storage port so restarts lose nothing.
import { buildDatasetVersion, type DatasetVersion } from '../pipeline/buildDatasetVersion.js';
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';
import { mergeMetafileImport, type MetafileImport } from '../snapshot/mergeMetafileImport.js';
import { copyFileSync, existsSync } from 'node:fs';
import type { DatasetFileStore } from './createDatasetFileStore.js';
import { corruptName } from './moveAside.js';
import type { KeyValueStore, RecoveryNotice } from './storagePort.js';

import { RefreshOutcomeSchema, type CacheStatus, type RefreshOutcome, type RefreshProgress } from './cacheSchemas.js';

export { RefreshOutcomeSchema, type CacheStatus, type RefreshOutcome, type RefreshProgress };

export type HubFetcher = (ctx: {
  signal: AbortSignal;
  onProgress: (update: Partial<RefreshProgress>) => void;
}) => Promise<SnapshotFile>;

export interface BenchmarkCacheOptions {
  store: KeyValueStore;
  files: DatasetFileStore;
  /** Where the layer of imported model-zoo metafiles is kept; without it, imports last until restart. */
  metafileFiles?: DatasetFileStore;
  loadBundled: () => Promise<SnapshotFile>;
  fetchFromHub?: HubFetcher;
  clock?: () => number;
  ttlMinutes: number;
  offline?: boolean;
  /** After a failed refresh, how long stale reads wait before trying the Hub again. */
  retryAfterFailureMs?: number;
  /** Recovery notices from opening the store (a corrupt state file moved aside). */
  recovered?: RecoveryNotice[];
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export class NoDataError extends Error {
  override name = 'NoDataError';
}
export class OfflineError extends Error {
  override name = 'OfflineError';
}
/** The request conflicts with work in progress (an import while a refresh runs). */
export class BusyError extends Error {
  override name = 'BusyError';
}

const KEYS = { lastOutcome: 'refresh.lastOutcome', lastRefreshAt: 'refresh.lastSuccessAt' } as const;

type Listener = (event: { type: 'progress'; progress: RefreshProgress } | { type: 'done'; outcome: RefreshOutcome; status: CacheStatus }) => void;

export interface BenchmarkCache {
  start(): Promise<void>;
  current(): DatasetVersion;
  /** The same data with synthetic fill-ins, built once per version on first request. */
  withSynthetic(): DatasetVersion;
  status(): CacheStatus;
  /** Starts a refresh, or joins the one running. */
  refresh(): { started: boolean; promise: Promise<RefreshOutcome> };
  /** Stale-while-revalidate: starts one background refresh when the data is stale and the Hub may be asked. */
  maybeRefreshInBackground(): boolean;
  /** Replaces the fetched layer with an imported snapshot (validated by the caller). */
  importSnapshot(snapshot: SnapshotFile): Promise<CacheStatus>;
  /** Adds converted model-zoo metafiles to their own layer (on top of the others) and saves it. */
  importMetafiles(input: MetafileImport): Promise<CacheStatus>;
  subscribe(listener: Listener): () => void;
  close(): Promise<void>;
}

/** A source listed by both layers (an imported copy of the bundled data) is shown once. */
function uniqueSources(sources: SnapshotFile['sources']): SnapshotFile['sources'] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = `${s.name}\u0000${s.file ?? ''}\u0000${s.url ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function createBenchmarkCache(options: BenchmarkCacheOptions): BenchmarkCache {
  const clock = options.clock ?? Date.now;
  const iso = () => new Date(clock()).toISOString();
  const ttlMs = options.ttlMinutes * 60_000;
  const retryAfterFailureMs = options.retryAfterFailureMs ?? Math.min(ttlMs, 5 * 60_000);
  const log = options.log ?? (() => undefined);
  const listeners = new Set<Listener>();
  const recovered: RecoveryNotice[] = [...(options.recovered ?? [])];

  let bundled: SnapshotFile | undefined;
  let fetched: SnapshotFile | undefined;
  let metafiles: SnapshotFile | undefined;
  let version: DatasetVersion | undefined;
  let syntheticVersion: DatasetVersion | undefined;
  let running: Promise<RefreshOutcome> | undefined;
  let controller: AbortController | undefined;
  let progress: RefreshProgress | null = null;
  let persistError: string | undefined;
  let stateError: string | undefined;
  // The last outcome also lives in memory, so a state file that cannot be written loses nothing now.
  let outcomeInMemory: RefreshOutcome | undefined;
  let lastRefreshInMemory: string | undefined;

  const emit = (e: Parameters<Listener>[0]) => {
    for (const l of listeners) {
      try { l(e); } catch { /* a listener's failure must not break a refresh */ }
    }
  };

  function rebuild() {
    const layers = [bundled, fetched, metafiles].filter((l): l is SnapshotFile => l !== undefined);
    if (layers.length === 0) return;
    version = buildDatasetVersion(layers, { now: iso() });
    syntheticVersion = undefined;
  }

  // Stored state may come from a hand-edited file or another version: read it, never trust it.
  /** Puts new layers in place and rebuilds; if building fails, the previous layers and version stay. */
  function replaceLayers(next: { fetched?: SnapshotFile; metafiles?: SnapshotFile }) {
    const previous = { fetched, metafiles, version };
    try {
      if (next.fetched) fetched = next.fetched;
      if (next.metafiles) metafiles = next.metafiles;
      rebuild();
    } catch (error) {
      ({ fetched, metafiles, version } = previous);
      throw error;
    }
  }

  function lastSuccessMs(): number | undefined {
    const at = lastRefreshInMemory ?? options.store.get<unknown>(KEYS.lastRefreshAt);
    const t = typeof at === 'string' ? Date.parse(at) : NaN;
    return Number.isFinite(t) ? t : undefined;
  }

  function storedOutcome(): RefreshOutcome | null {
    if (outcomeInMemory) return outcomeInMemory;
    const parsed = RefreshOutcomeSchema.safeParse(options.store.get<unknown>(KEYS.lastOutcome));
    return parsed.success ? parsed.data : null;
  }

  function isStale(): boolean {
    const last = lastSuccessMs();
    // A refresh time in the future (the clock went back) proves nothing about freshness.
    return !fetched || last === undefined || clock() < last || clock() - last >= ttlMs;
  }

  function status(): CacheStatus {
    const v = version;
    const last = lastSuccessMs();
    const outcome = storedOutcome();
    const newest = fetched ?? bundled;
    const stale = isStale();
    let lastError: string | null = null;
    // A refresh problem stops applying once a new refresh runs, newer data arrives (an import) or the
    // Hub is not asked any more (offline); the outcome itself stays in last_outcome.
    const superseded = running !== undefined || options.offline === true || (outcome !== null && last !== undefined && Date.parse(outcome.at) < last);
    if (outcome && outcome.status !== 'ok' && !superseded) lastError = outcome.reason ?? 'refresh failed';
    for (const e of [persistError, stateError]) if (e) lastError = lastError ? `${lastError}; ${e}` : e;
    return {
      has_data: !!v && v.records.length > 0,
      data_count: v?.records.length ?? 0,
      result_count: v?.enrich.results ?? 0,
      // How the data on top arrived: an imported file is an import even when it holds Hub data.
      source: !fetched ? 'snapshot' : fetched.origin === 'hub' && !fetched.imported_at ? 'hub' : 'import',
      dataset_version: v?.id ?? 'none',
      cache_valid: !stale,
      stale,
      last_updated: newest?.fetched_at ?? iso(),
      last_refresh_at: last !== undefined ? new Date(last).toISOString() : null,
      expires_at: fetched && last !== undefined ? new Date(last + ttlMs).toISOString() : null,
      ttl_minutes: options.ttlMinutes,
      refresh_in_progress: !!running,
      progress,
      last_outcome: outcome,
      last_error: lastError,
      offline: options.offline === true,
      sources: uniqueSources([...(bundled?.sources ?? []), ...(fetched?.sources ?? []), ...(metafiles?.sources ?? [])]),
      recovered: [...recovered],
    };
  }

  /** What readers get while the Hub cannot be reached, in words. */
  function servedNow(): string {
    if (!fetched) return 'the bundled snapshot';
    return fetched.origin === 'hub' && !fetched.imported_at ? `the data fetched ${fetched.fetched_at.slice(0, 10)}` : 'the imported snapshot';
  }

  function setProgress(update: Partial<RefreshProgress>) {
    if (!progress) return;
    progress = { ...progress, ...update };
    emit({ type: 'progress', progress });
  }

  /** Writes small state; a failure (disk full) is reported in status, never thrown into a refresh. */
  function saveState(entries: Record<string, unknown>) {
    try {
      options.store.setMany(entries);
      stateError = undefined;
    } catch (error) {
      stateError = `could not save state to ${options.store.path}: ${(error as Error).message}`;
      log('error', stateError);
    }
  }

  function finish(outcome: RefreshOutcome): RefreshOutcome {
    outcomeInMemory = outcome;
    saveState({ [KEYS.lastOutcome]: outcome });
    return outcome;
  }

  /** State written by another version or by hand: report it, keep a copy, and forget the bad keys. */
  function checkStoredState() {
    const bad: string[] = [];
    const outcome = options.store.get<unknown>(KEYS.lastOutcome);
    if (outcome !== undefined && !RefreshOutcomeSchema.safeParse(outcome).success) bad.push(KEYS.lastOutcome);
    const lastRefresh = options.store.get<unknown>(KEYS.lastRefreshAt);
    if (lastRefresh !== undefined && (typeof lastRefresh !== 'string' || !Number.isFinite(Date.parse(lastRefresh)))) bad.push(KEYS.lastRefreshAt);
    if (bad.length === 0) return;
    const at = new Date(clock());
    let movedTo: string | undefined;
    if (options.store.path !== ':memory:' && existsSync(options.store.path)) {
      movedTo = corruptName(options.store.path, at);
      try {
        copyFileSync(options.store.path, movedTo);
      } catch {
        movedTo = undefined;
      }
    }
    for (const key of bad) options.store.delete(key);
    const notice = { file: options.store.path, movedTo, reason: `unexpected values for ${bad.join(', ')}; they were reset (a copy of the file was kept)`, at: at.toISOString() };
    recovered.push(notice);
    log('warn', `${notice.file}: ${notice.reason}`);
  }

  async function persist(snapshot: SnapshotFile, files = options.files): Promise<void> {
    try {
      await files.save(snapshot);
      persistError = undefined;
    } catch (error) {
      // The new data is still served from memory; say loudly that it will not survive a restart.
      persistError = `could not save the dataset to ${files.file}: ${(error as Error).message}`;
      log('error', persistError);
    }
  }

  async function runRefresh(): Promise<RefreshOutcome> {
    const startedAt = iso();
    const fetchFromHub = options.fetchFromHub!;
    controller = new AbortController();
    progress = { phase: 'fetching', started_at: startedAt, tasks_total: 0, tasks_done: 0, tasks_failed: 0, pages: 0, models: 0, current_tasks: [] };
    emit({ type: 'progress', progress });
    let result: SnapshotFile;
    try {
      result = await fetchFromHub({ signal: controller.signal, onProgress: setProgress });
    } catch (error) {
      const e = error as Error & { failedTasks?: RefreshOutcome['failed_tasks']; unreachable?: boolean };
      // No connection at all: one line saying so and what is shown instead; each task's details stay in failed_tasks.
      const reason = e.unreachable ? `${e.message}; showing ${servedNow()}` : `Hub refresh failed: ${e.message}`;
      return finish({ status: 'failed', at: iso(), started_at: startedAt, reason, failed_tasks: Array.isArray(e.failedTasks) ? e.failedTasks : [] });
    }
    if (result.models.length === 0) {
      return finish({ status: 'failed', at: iso(), started_at: startedAt, reason: 'the Hub returned no models; keeping the current data', failed_tasks: result.failed_tasks });
    }
    let partial = result.partial || result.failed_tasks.length > 0;
    if (partial && fetched) {
      // Keep the last good models of the tasks that failed this time, so a partial run loses nothing.
      const failed = new Set(result.failed_tasks.map((f) => f.task));
      const have = new Set(result.models.map((m) => m.id.toLowerCase()));
      const previous = fetched;
      // Models kept from an imported file keep saying so (their results are not this refresh's).
      const keptFrom = previous.imported_at || previous.origin !== 'hub'
        ? { origin: previous.origin, fetched_at: previous.fetched_at, imported_at: previous.imported_at, sources: previous.sources }
        : undefined;
      const kept = previous.models
        .filter((m) => failed.has(m.pipeline_tag ?? '') && !have.has(m.id.toLowerCase()))
        .map((m) => (keptFrom && !m.kept_from ? { ...m, kept_from: keptFrom } : m));
      result = { ...result, models: [...result.models, ...kept], partial: true };
    }
    setProgress({ phase: 'processing' });
    try {
      replaceLayers({ fetched: result });
    } catch (error) {
      return finish({ status: 'failed', at: iso(), started_at: startedAt, reason: `could not process the fetched data: ${(error as Error).message}`, failed_tasks: result.failed_tasks });
    }
    setProgress({ phase: 'saving' });
    await persist(result);
    const at = iso();
    lastRefreshInMemory = at;
    saveState({ [KEYS.lastRefreshAt]: at });
    partial = partial || result.partial;
    return finish({
      status: partial ? 'partial' : 'ok',
      at,
      started_at: startedAt,
      reason: partial ? `some tasks failed: ${result.failed_tasks.map((f) => `${f.task} (${f.reason})`).join('; ')}` : undefined,
      failed_tasks: result.failed_tasks,
      models: version?.records.length,
      results: version?.enrich.results,
    });
  }

  function refresh() {
    if (running) return { started: false, promise: running };
    if (options.offline) throw new OfflineError('offline mode: the Hub is not contacted');
    if (!options.fetchFromHub) throw new OfflineError('no Hub client is configured');
    const promise = runRefresh()
      .catch((error: Error): RefreshOutcome => {
        return finish({ status: 'failed', at: iso(), started_at: iso(), reason: error.message, failed_tasks: [] });
      })
      .then((outcome) => {
        if (outcome.status === 'failed') log('warn', outcome.reason ?? 'refresh failed');
        return outcome;
      })
      .finally(() => {
        running = undefined;
        controller = undefined;
        progress = null;
      });
    running = promise;
    promise.then((outcome) => emit({ type: 'done', outcome, status: status() }), () => undefined);
    return { started: true, promise };
  }

  return {
    async start() {
      checkStoredState();
      const loaded = await options.files.load();
      recovered.push(...loaded.recovered);
      for (const r of loaded.recovered) log('warn', `${r.file} could not be read (${r.reason}); moved to ${r.movedTo ?? '(not moved)'}`);
      fetched = loaded.snapshot;
      if (options.metafileFiles) {
        const imported = await options.metafileFiles.load();
        recovered.push(...imported.recovered);
        for (const r of imported.recovered) log('warn', `${r.file} could not be read (${r.reason}); moved to ${r.movedTo ?? '(not moved)'}`);
        metafiles = imported.snapshot;
      }
      try {
        bundled = await options.loadBundled();
      } catch (error) {
        log('error', `bundled snapshot could not be read: ${(error as Error).message}`);
        if (!fetched) throw error;
      }
      rebuild();
    },
    current() {
      if (!version) throw new NoDataError('no benchmark data is loaded yet');
      return version;
    },
    withSynthetic() {
      if (!version) throw new NoDataError('no benchmark data is loaded yet');
      if (!syntheticVersion || syntheticVersion.layers !== version.layers) {
        syntheticVersion = buildDatasetVersion(version.layers, { now: iso(), includeSynthetic: true });
      }
      return syntheticVersion;
    },
    status,
    refresh,
    maybeRefreshInBackground() {
      if (running || options.offline || !options.fetchFromHub || !isStale()) return false;
      const outcome = storedOutcome();
      const lastAttempt = outcome ? Date.parse(outcome.at) : NaN;
      if (outcome?.status === 'failed' && Number.isFinite(lastAttempt) && clock() - lastAttempt < retryAfterFailureMs) return false;
      refresh().promise.catch(() => undefined);
      return true;
    },
    async importSnapshot(file) {
      // An import and a refresh never overwrite each other silently: while one runs, the other waits its turn.
      if (running) throw new BusyError('a refresh from the Hub is running; import the file again when it has finished (the current data is unchanged)');
      // Stamped, so the data says (and keeps saying after a restart) that it arrived as a file.
      const snapshot: SnapshotFile = { ...file, imported_at: iso() };
      replaceLayers({ fetched: snapshot });
      await persist(snapshot);
      lastRefreshInMemory = iso();
      saveState({ [KEYS.lastRefreshAt]: lastRefreshInMemory });
      return status();
    },
    async importMetafiles(input) {
      const next = mergeMetafileImport(metafiles, input, iso());
      replaceLayers({ metafiles: next });
      if (options.metafileFiles) await persist(next, options.metafileFiles);
      return status();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      controller?.abort();
      await running?.catch(() => undefined);
      listeners.clear();
    },
  };
}
