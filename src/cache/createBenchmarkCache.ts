// The TTL cache and refresh coordinator. Holds the current dataset version (readers always see one
// whole version), serves it stale while one background refresh runs (single flight), keeps the last
// good data when a refresh fails, and persists through the storage port so restarts lose nothing.
// Its parts: the raw layers (datasetLayers), the refresh state (storedRefreshState), the partial
// refresh merge (keepModelsOfFailedTasks) and the saved dataset version (createVersionFileStore).
import { buildDatasetVersion, modelCount, withSyntheticFill, type DatasetVersion } from '../pipeline/buildDatasetVersion.js';
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';
import { mergeMetafileImport, type MetafileImport } from '../snapshot/mergeMetafileImport.js';
import type { DatasetFileStore } from './createDatasetFileStore.js';
import { createDatasetLayers, type LayerHead, type LayerName } from './datasetLayers.js';
import type { VersionFileStore } from './createVersionFileStore.js';
import type { AnswerFileStore } from './createAnswerFileStore.js';
import { keepModelsOfFailedTasks } from './keepModelsOfFailedTasks.js';
import { createStoredRefreshState } from './storedRefreshState.js';
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
  /**
   * Where the built dataset version is saved, and the key of the sources it is built from now: a start
   * opens the saved version instead of rebuilding it when the key matches. Without them every start builds.
   */
  versionFiles?: VersionFileStore<PersistedLayers>;
  sourceKey?: () => Promise<string>;
  /**
   * The prebuilt version of the bundled data that ships with the build (read only): opened when the
   * saved version is missing or stale and its key is the current one.
   */
  prebuiltVersion?: Pick<VersionFileStore<PersistedLayers>, 'file' | 'load'>;
  /** Large answers kept with the saved version; a newly saved version removes the others'. */
  answerFiles?: AnswerFileStore;
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

/** What a saved version keeps of its layers: their descriptions (their models are in their own files). */
export interface PersistedLayers {
  heads: Partial<Record<LayerName, LayerHead>>;
}

type Listener = (event: { type: 'progress'; progress: RefreshProgress } | { type: 'done'; outcome: RefreshOutcome; status: CacheStatus }) => void;

export interface BenchmarkCache {
  start(): Promise<void>;
  /** While start() opens the data: resolves when it is open (rejects when it could not be). Undefined otherwise. */
  opening(): Promise<void> | undefined;
  current(): DatasetVersion;
  /** The same data with synthetic fill-ins, built once per version on first request. */
  withSynthetic(): DatasetVersion;
  status(): CacheStatus;
  /** Starts a refresh, or joins the one running. */
  refresh(): { started: boolean; promise: Promise<RefreshOutcome> };
  /** Stale-while-revalidate: starts one background refresh when the data is stale and the Hub may be asked. */
  maybeRefreshInBackground(): boolean;
  /**
   * Keeps the data fresh on its own: checks now and then every checkEveryMs whether it is stale and, if so,
   * starts one background refresh. Reads never start one (a GET has no side effect); close() stops it.
   */
  keepFresh(checkEveryMs?: number): void;
  /** Replaces the fetched layer with an imported snapshot (validated by the caller). */
  importSnapshot(snapshot: SnapshotFile): Promise<CacheStatus>;
  /** Adds converted model-zoo metafiles to their own layer (on top of the others) and saves it. */
  importMetafiles(input: MetafileImport): Promise<CacheStatus>;
  /** The raw layers of the current data, oldest first (read back from their files): what an export holds. */
  exportLayers(): Promise<SnapshotFile[]>;
  /** Where large answers of the current version are kept on disk (when the cache saves versions). */
  answerFiles?(): AnswerFileStore | undefined;
  /** Resolves when the current version has been saved (or saving it failed, which status reports). */
  whenSaved(): Promise<void>;
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

/** How long after a start that had to build the version it is saved (the first requests come first). */
const SAVE_AFTER_START_MS = 3_000;
/** How often a running app checks whether its data has expired (a refresh starts within this much of expiry). */
const FRESHNESS_CHECK_MS = 60_000;

export function createBenchmarkCache(options: BenchmarkCacheOptions): BenchmarkCache {
  const clock = options.clock ?? Date.now;
  const iso = () => new Date(clock()).toISOString();
  const ttlMs = options.ttlMinutes * 60_000;
  const retryAfterFailureMs = options.retryAfterFailureMs ?? Math.min(ttlMs, 5 * 60_000);
  const log = options.log ?? (() => undefined);
  const listeners = new Set<Listener>();
  const recovered: RecoveryNotice[] = [...(options.recovered ?? [])];
  const state = createStoredRefreshState({ store: options.store, clock, log });

  const reportRecovered = (notices: RecoveryNotice[]) => {
    recovered.push(...notices);
    for (const r of notices) log('warn', `${r.file} could not be read (${r.reason}); moved to ${r.movedTo ?? '(not moved)'}`);
  };
  const layers = createDatasetLayers({
    bundled: () => options.loadBundled(),
    fetched: async () => {
      const loaded = await options.files.load();
      reportRecovered(loaded.recovered);
      return loaded.snapshot;
    },
    metafiles: async () => {
      if (!options.metafileFiles) return undefined;
      const loaded = await options.metafileFiles.load();
      reportRecovered(loaded.recovered);
      return loaded.snapshot;
    },
  });

  let version: DatasetVersion | undefined;
  let syntheticVersion: DatasetVersion | undefined;
  let syntheticOf: DatasetVersion | undefined;
  let running: Promise<RefreshOutcome> | undefined;
  let controller: AbortController | undefined;
  let progress: RefreshProgress | null = null;
  let persistError: string | undefined;
  let saving: Promise<void> = Promise.resolve();
  let startSave: ReturnType<typeof setTimeout> | undefined;
  let freshness: ReturnType<typeof setInterval> | undefined;
  let openingNow: Promise<void> | undefined;
  // The key of the source files as they are now: hashed at start, again only after a layer's file is written.
  let sourceKeyNow: Promise<string> | undefined;
  function currentSourceKey(sourceKey: () => Promise<string>): Promise<string> {
    if (sourceKeyNow) return sourceKeyNow;
    const key = sourceKey();
    sourceKeyNow = key;
    key.catch(() => {
      if (sourceKeyNow === key) sourceKeyNow = undefined;
    });
    return key;
  }

  const emit = (e: Parameters<Listener>[0]) => {
    for (const l of listeners) {
      try { l(e); } catch { /* a listener's failure must not break a refresh */ }
    }
  };

  const fetchedHead = () => layers.head('fetched');

  /** Builds a version from every layer, whole (read back from their files where needed). */
  async function rebuild() {
    const all = await layers.all();
    if (all.length === 0) return;
    version = buildDatasetVersion(all, { now: iso() });
    syntheticVersion = undefined;
  }

  /** Puts new layers in place and rebuilds; if building fails, the previous layers and version stay. */
  async function replaceLayers(next: Partial<Record<LayerName, SnapshotFile>>) {
    const restore = layers.snapshot();
    const previous = version;
    try {
      for (const [name, snapshot] of Object.entries(next) as [LayerName, SnapshotFile][]) layers.set(name, snapshot, false);
      await rebuild();
    } catch (error) {
      restore();
      version = previous;
      throw error;
    }
  }

  /**
   * Saves the current version once its layers' files hold its data, then lets go of the raw models.
   * Saves run one after another; a version replaced meanwhile is not saved (the newer one will be).
   */
  function saveVersion(): Promise<void> {
    const { versionFiles, sourceKey } = options;
    if (!versionFiles || !sourceKey) return saving;
    saving = saving.then(async () => {
      const v = version;
      // A layer whose file does not hold it (a failed save) would make the saved version lie about its sources.
      if (!v || !layers.allOnDisk()) return;
      try {
        const key = await currentSourceKey(sourceKey);
        if (v !== version) return;
        await versionFiles.save(v, { heads: layers.heads() }, key);
        if (v === version) layers.dropRaw();
        // The answers of any other version can never be served again.
        await options.answerFiles?.keepOnly(v.id).catch(() => undefined);
      } catch (error) {
        // The data is still served; the next start rebuilds it from its sources.
        log('warn', `could not save the dataset version to ${versionFiles.file}: ${(error as Error).message}`);
      }
    });
    return saving;
  }

  function isStale(): boolean {
    const last = state.lastSuccessMs();
    // A refresh time in the future (the clock went back) proves nothing about freshness.
    return !fetchedHead() || last === undefined || clock() < last || clock() - last >= ttlMs;
  }

  function status(): CacheStatus {
    const v = version;
    const last = state.lastSuccessMs();
    const outcome = state.lastOutcome();
    const fetched = fetchedHead();
    const newest = fetched ?? layers.head('bundled');
    const stale = isStale();
    let lastError: string | null = null;
    // A refresh problem stops applying once a new refresh runs, newer data arrives (an import) or the
    // Hub is not asked any more (offline); the outcome itself stays in last_outcome.
    const superseded = running !== undefined || options.offline === true || (outcome !== null && last !== undefined && Date.parse(outcome.at) < last);
    if (outcome && outcome.status !== 'ok' && !superseded) lastError = outcome.reason ?? 'refresh failed';
    for (const e of [persistError, state.error()]) if (e) lastError = lastError ? `${lastError}; ${e}` : e;
    return {
      has_data: !!v && modelCount(v) > 0,
      data_count: v ? modelCount(v) : 0,
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
      sources: sourcesOf(layers.head('bundled'), fetched, layers.head('metafiles')),
      recovered: [...recovered],
      community_evals: fetched?.community_evals ?? null,
    };
  }

  /** The layers' sources, worked out again only when a layer changes (status is asked on every /health). */
  let sourcesMemo: { heads: unknown[]; sources: SnapshotFile['sources'] } | undefined;
  function sourcesOf(...heads: ({ sources?: SnapshotFile['sources'] } | undefined)[]): SnapshotFile['sources'] {
    if (!sourcesMemo || heads.some((h, i) => h !== sourcesMemo!.heads[i])) {
      sourcesMemo = { heads, sources: uniqueSources(heads.flatMap((h) => h?.sources ?? [])) };
    }
    return [...sourcesMemo.sources];
  }

  /** What readers get while the Hub cannot be reached, in words. */
  function servedNow(): string {
    const fetched = fetchedHead();
    if (!fetched) return 'the bundled snapshot';
    return fetched.origin === 'hub' && !fetched.imported_at ? `the data fetched ${fetched.fetched_at.slice(0, 10)}` : 'the imported snapshot';
  }

  function setProgress(update: Partial<RefreshProgress>) {
    if (!progress) return;
    progress = { ...progress, ...update };
    emit({ type: 'progress', progress });
  }

  const finish = (outcome: RefreshOutcome) => state.recordOutcome(outcome);

  /** Saves a layer's raw data; a failure is reported in status and the data stays in memory. */
  async function persist(name: LayerName, snapshot: SnapshotFile, files: DatasetFileStore): Promise<void> {
    try {
      await files.save(snapshot);
      persistError = undefined;
      if (layers.head(name) && (await layers.full(name)) === snapshot) layers.markOnDisk(name);
    } catch (error) {
      // The new data is still served from memory; say loudly that it will not survive a restart.
      persistError = `could not save the dataset to ${files.file}: ${(error as Error).message}`;
      log('error', persistError);
    } finally {
      sourceKeyNow = undefined;
    }
  }

  async function runRefresh(): Promise<RefreshOutcome> {
    // A refresh asked for while the data opens starts from the opened layers.
    if (openingNow) await openingNow.catch(() => undefined);
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
    setProgress({ phase: 'processing' });
    try {
      // Keep the last good models of the tasks that failed this time, so a partial run loses nothing.
      const previous = partial ? await layers.full('fetched') : undefined;
      if (previous) result = keepModelsOfFailedTasks(result, previous);
      await replaceLayers({ fetched: result });
    } catch (error) {
      return finish({ status: 'failed', at: iso(), started_at: startedAt, reason: `could not process the fetched data: ${(error as Error).message}`, failed_tasks: result.failed_tasks });
    }
    setProgress({ phase: 'saving' });
    await persist('fetched', result, options.files);
    // Saved after the outcome: readers and listeners get the new data without waiting for it.
    void saveVersion();
    const at = iso();
    state.recordSuccess(at);
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
    // The caller's promise also waits for the version to be saved (a CLI refresh exits after it).
    return { started: true, promise: promise.then(async (outcome) => (await saving, outcome)) };
  }

  /** Opens the saved version when it was built from exactly the sources there are now. */
  async function openSavedVersion(): Promise<boolean> {
    const { versionFiles, sourceKey } = options;
    if (!versionFiles || !sourceKey) return false;
    const key = await currentSourceKey(sourceKey);
    let loaded = await versionFiles.load(key);
    const report = (l: typeof loaded, what: string) => {
      if (l.state === 'corrupt') {
        recovered.push(l.notice);
        log('warn', `${l.notice.file}: ${l.notice.reason}; moved to ${l.notice.movedTo ?? '(not moved)'}`);
      }
      if (l.state === 'stale') log('info', `${what} not used (${l.reason})`);
    };
    report(loaded, 'saved dataset version');
    // No usable saved version: the one built with the app, when it was built from the same sources by the same code.
    if (loaded.state !== 'loaded' && options.prebuiltVersion) {
      loaded = await options.prebuiltVersion.load(key);
      report(loaded, `prebuilt dataset version ${options.prebuiltVersion.file}`);
    }
    if (loaded.state !== 'loaded') return false;
    layers.setHeads(loaded.persisted.extra.heads);
    version = loaded.persisted.version;
    // Answers left by versions that are gone are removed (in the background).
    void options.answerFiles?.keepOnly(version.id).catch(() => undefined);
    return true;
  }

  /** Opens the saved version, or reads the layers and builds one. */
  async function open(): Promise<void> {
    state.recoverBadKeys(recovered);
    if (await openSavedVersion()) return;
    const loaded = await options.files.load();
    reportRecovered(loaded.recovered);
    if (loaded.snapshot) layers.set('fetched', loaded.snapshot, true);
    if (options.metafileFiles) {
      const imported = await options.metafileFiles.load();
      reportRecovered(imported.recovered);
      if (imported.snapshot) layers.set('metafiles', imported.snapshot, true);
    }
    try {
      layers.set('bundled', await options.loadBundled(), true);
    } catch (error) {
      log('error', `bundled snapshot could not be read: ${(error as Error).message}`);
      if (!loaded.snapshot) throw error;
    }
    await rebuild();
    // A little later, in the background: the first requests are answered first; the next start
    // opens the saved version instead of rebuilding.
    startSave = setTimeout(() => {
      startSave = undefined;
      void saveVersion();
    }, SAVE_AFTER_START_MS);
    startSave.unref?.();
  }

  const cache: BenchmarkCache = {
    async start() {
      const opened = open();
      openingNow = opened;
      try {
        await opened;
      } finally {
        if (openingNow === opened) openingNow = undefined;
      }
    },
    opening: () => openingNow,
    current() {
      if (!version) throw new NoDataError('no benchmark data is loaded yet');
      return version;
    },
    withSynthetic() {
      if (!version) throw new NoDataError('no benchmark data is loaded yet');
      if (!syntheticVersion || syntheticOf !== version) {
        syntheticVersion = withSyntheticFill(version, { now: iso() });
        syntheticOf = version;
      }
      return syntheticVersion;
    },
    status,
    refresh,
    maybeRefreshInBackground() {
      // While the data opens, its age is not known yet.
      if (openingNow || running || options.offline || !options.fetchFromHub || !isStale()) return false;
      const outcome = state.lastOutcome();
      const lastAttempt = outcome ? Date.parse(outcome.at) : NaN;
      if (outcome?.status === 'failed' && Number.isFinite(lastAttempt) && clock() - lastAttempt < retryAfterFailureMs) return false;
      refresh().promise.catch(() => undefined);
      return true;
    },
    keepFresh(checkEveryMs = FRESHNESS_CHECK_MS) {
      if (freshness) clearInterval(freshness);
      cache.maybeRefreshInBackground();
      freshness = setInterval(() => cache.maybeRefreshInBackground(), checkEveryMs);
      freshness.unref?.();
    },
    async importSnapshot(file) {
      // An import and a refresh never overwrite each other silently: while one runs, the other waits its turn.
      if (running) throw new BusyError('a refresh from the Hub is running; import the file again when it has finished (the current data is unchanged)');
      // Stamped, so the data says (and keeps saying after a restart) that it arrived as a file.
      const snapshot: SnapshotFile = { ...file, imported_at: iso() };
      await replaceLayers({ fetched: snapshot });
      await persist('fetched', snapshot, options.files);
      await saveVersion();
      state.recordSuccess(iso());
      return status();
    },
    async importMetafiles(input) {
      const next = mergeMetafileImport(await layers.full('metafiles'), input, iso());
      await replaceLayers({ metafiles: next });
      if (options.metafileFiles) await persist('metafiles', next, options.metafileFiles);
      await saveVersion();
      return status();
    },
    exportLayers: () => layers.all(),
    answerFiles: () => options.answerFiles,
    whenSaved() {
      if (startSave) {
        clearTimeout(startSave);
        startSave = undefined;
        return saveVersion();
      }
      return saving;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (freshness) clearInterval(freshness);
      freshness = undefined;
      if (openingNow) await openingNow.catch(() => undefined);
      controller?.abort();
      await running?.catch(() => undefined);
      if (startSave) clearTimeout(startSave);
      startSave = undefined;
      await saving;
      // Answers being written are finished, so the next start finds them.
      await options.answerFiles?.flush();
      listeners.clear();
    },
  };
  return cache;
}
