// Fetch stage for benchmarks: lists the benchmark datasets (official ones, or those configured),
// reads each one's eval.yaml and leaderboard, then the metadata of models met only on leaderboards,
// best-ranked first, within a per-refresh number of lookups. Progress is saved as it goes, so an
// aborted crawl (or one that ran out of lookups) continues where it stopped on the next refresh.
import { randomUUID } from 'node:crypto';
import type { BenchmarkInfo, CommunityEvalsReport } from '../schemas/communityEvalsSchemas.js';
import type { HubModel } from '../schemas/hubSchemas.js';
import type { CrawlState, CrawlStateStore, StoredRow } from './benchmarkCrawlState.js';
import { HubFileMissingError, type HubClient } from './createHubClient.js';
import { abortErrorFor, HubModelNotFoundError, HubUnreachableError, throwIfAborted } from './hubErrors.js';
import { parseEvalYaml } from './parseEvalYaml.js';

export type BenchmarkSelection = 'official' | readonly string[];

export interface BenchmarkProgress {
  benchmarks_total: number;
  benchmarks_done: number;
  benchmarks_failed: number;
  /** Models met only on leaderboards whose metadata was read in this refresh / is still to be read. */
  models_done: number;
  models_left: number;
  waiting_ms?: number;
  message?: string;
}

export interface FetchBenchmarksOptions {
  selection: BenchmarkSelection;
  /** Ask leaderboards for fine-tunes too (`base_model=false`). */
  fineTunes: boolean;
  /** Metadata lookups one refresh may spend; the rest wait for the next refresh. */
  maxLookups: number;
  /** Models the refresh has metadata for already (the task listings), by lower-case id. */
  knownModels: ReadonlySet<string>;
  state: CrawlStateStore;
  now?: () => number;
  signal?: AbortSignal;
  onProgress?: (progress: BenchmarkProgress) => void;
}

export interface LeaderboardModel {
  model_id: string;
  /** Its rows as Hub evalResults entries, best rank first. */
  entries: Record<string, unknown>[];
  /** Metadata read by a lookup (now or in an earlier refresh); undefined when pending or known already. */
  metadata?: HubModel;
  pending: boolean;
}

export interface FetchBenchmarksResult {
  benchmarks: BenchmarkInfo[];
  /** Every model on a leaderboard, by lower-case id, in order of its best rank. */
  models: Map<string, LeaderboardModel>;
  report: CommunityEvalsReport;
}

/** Lookups between two saves of the crawl state (a kill loses at most this many). */
const SAVE_EVERY = 20;
const KNOWN_ROW_FIELDS = new Set(['rank', 'modelId', 'model_id', 'value', 'filename', 'verified', 'source', 'author', 'pullRequest', 'notes', 'task_id', 'taskId', 'date', 'verifyToken']);

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown, max = 500): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t ? t.slice(0, max) : undefined;
};

export function settingsKey(selection: BenchmarkSelection, fineTunes: boolean): string {
  return `${selection === 'official' ? 'official' : [...selection].map((s) => s.toLowerCase()).sort().join(',')}|${fineTunes ? 'fine-tunes' : 'base'}`;
}

function newCrawl(previous: CrawlState | undefined, settings: string, at: string): CrawlState {
  const same = previous?.settings === settings;
  return {
    version: 1,
    crawl_id: randomUUID(),
    settings,
    started_at: at,
    benchmark_ids: null,
    // Benchmarks read by an earlier crawl stay until read again (a failure keeps the last rows).
    benchmarks: same ? previous!.benchmarks : {},
    models: previous?.models ?? {},
    not_found: {},
    complete: false,
  };
}

/**
 * A leaderboard row in the Hub's evalResults entry shape, or the reason it cannot be used. The task
 * is the row's own (`task_id`) or, for a benchmark with one task, that task.
 */
export function readLeaderboardRow(row: unknown, benchmark: { id: string; tasks: readonly { id: string }[] }, count: (reason: string) => void): StoredRow | undefined {
  const o = obj(row);
  if (!o) return void count('row_not_an_object');
  const modelId = str(o.modelId ?? o.model_id, 200);
  if (!modelId || modelId.split('/').some((p) => p === '' || p === '.' || p === '..')) return void count('row_without_model_id');
  const value = typeof o.value === 'number' ? o.value : typeof o.value === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(o.value.trim()) ? Number(o.value) : NaN;
  if (!Number.isFinite(value)) return void count('row_non_numeric_value');
  const task = str(o.task_id ?? o.taskId, 200) ?? (benchmark.tasks.length === 1 ? benchmark.tasks[0].id : undefined);
  if (!task) return void count('row_task_not_named');
  if (Object.keys(o).some((k) => !KNOWN_ROW_FIELDS.has(k))) count('row_unknown_fields_ignored');
  const data: Record<string, unknown> = { dataset: { id: benchmark.id, task_id: task }, value };
  const notes = str(o.notes, 200);
  if (notes) data.notes = notes;
  const date = str(o.date, 40);
  if (date) data.date = date;
  const source = obj(o.source);
  if (source) {
    const url = str(source.url, 2000);
    if (url) data.source = { url, ...(str(source.name) ? { name: str(source.name) } : {}) };
    else count('row_source_without_url');
  }
  const entry: Record<string, unknown> = { verified: o.verified === true, data };
  const filename = str(o.filename, 300);
  if (filename) entry.filename = filename;
  const pr = typeof o.pullRequest === 'number' ? o.pullRequest : obj(o.pullRequest)?.num;
  if (typeof pr === 'number' && Number.isInteger(pr) && pr > 0) entry.pullRequest = pr;
  const rank = typeof o.rank === 'number' && Number.isFinite(o.rank) ? o.rank : Number.MAX_SAFE_INTEGER;
  return { model_id: modelId, rank, entry };
}

export async function fetchBenchmarks(
  client: Pick<HubClient, 'listDatasets' | 'getLeaderboard' | 'getRepoFile' | 'getModel' | 'concurrency'>,
  options: FetchBenchmarksOptions,
): Promise<FetchBenchmarksResult> {
  const { signal } = options;
  const now = options.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();
  throwIfAborted(signal);
  const settings = settingsKey(options.selection, options.fineTunes);
  const loaded = await options.state.load();
  let state = loaded && loaded.settings === settings && !loaded.complete ? loaded : newCrawl(loaded, settings, iso());

  const failed = new Map<string, string>();
  const progress: BenchmarkProgress = { benchmarks_total: 0, benchmarks_done: 0, benchmarks_failed: 0, models_done: 0, models_left: 0 };
  const emit = (extra: Partial<BenchmarkProgress> = {}) => options.onProgress?.({ ...progress, waiting_ms: undefined, message: undefined, ...extra });
  // Rate-limit and budget waits of every call (files and lookups too) reach the progress through the
  // client's own onWait (see createHubFetcher).
  let saving: Promise<void> = Promise.resolve();
  const save = () => (saving = saving.then(() => options.state.save(state)).catch(() => undefined));

  // 1. Which benchmarks.
  if (state.benchmark_ids === null) {
    let ids: string[];
    if (options.selection === 'official') {
      const listed = await client.listDatasets('benchmark:official', { signal });
      ids = listed.map((d) => d.id);
    } else {
      ids = [...new Set(options.selection)];
    }
    state = { ...state, benchmark_ids: ids };
    await save();
  }
  const ids = state.benchmark_ids!;
  progress.benchmarks_total = ids.length;
  progress.benchmarks_done = ids.filter((id) => state.benchmarks[id]?.crawl_id === state.crawl_id).length;
  emit();

  // 2. Each benchmark's eval.yaml and leaderboard (the client's limiter caps requests in flight).
  let unreachable: HubUnreachableError | undefined;
  async function readBenchmark(id: string): Promise<void> {
    if (state.benchmarks[id]?.crawl_id === state.crawl_id) return;
    if (unreachable) return void failed.set(id, unreachable.message);
    const skipped: Record<string, number> = {};
    const count = (reason: string) => (skipped[reason] = (skipped[reason] ?? 0) + 1);
    try {
      const text = await client.getRepoFile({ type: 'dataset', id }, 'eval.yaml', signal);
      const parsed = text === undefined ? undefined : parseEvalYaml(text);
      if (text === undefined) count('benchmark_without_eval_yaml');
      for (const [k, n] of Object.entries(parsed?.skipped ?? {})) skipped[k] = (skipped[k] ?? 0) + n;
      let raw: unknown[] = [];
      const problems = [...(parsed?.problems ?? [])];
      try {
        raw = await client.getLeaderboard(id, { baseModelsOnly: !options.fineTunes, signal });
      } catch (error) {
        if (!(error instanceof HubFileMissingError) || error.refused) throw error;
        count('benchmark_without_leaderboard');
        problems.push('no leaderboard');
      }
      const info: BenchmarkInfo = {
        id,
        tasks: parsed?.tasks ?? [],
        eval_yaml: text === undefined ? 'missing' : parsed?.ok ? 'read' : 'invalid',
        leaderboard_rows: raw.length,
        read_at: iso(),
        problems,
      };
      if (options.selection === 'official') info.official = true;
      for (const key of ['name', 'description', 'evaluation_framework', 'lower_is_better', 'extra'] as const) {
        if (parsed?.[key] !== undefined) (info as Record<string, unknown>)[key] = parsed[key];
      }
      const rows: StoredRow[] = [];
      for (const r of raw) {
        const row = readLeaderboardRow(r, info, count);
        if (row) rows.push(row);
      }
      const rowSkips = Object.entries(skipped).filter(([k]) => k.startsWith('row_') && k !== 'row_unknown_fields_ignored');
      if (rowSkips.length > 0) info.problems.push(`rows skipped: ${rowSkips.map(([k, n]) => `${n} ${k.slice(4).replace(/_/g, ' ')}`).join(', ')}`);
      state = { ...state, benchmarks: { ...state.benchmarks, [id]: { crawl_id: state.crawl_id, info, rows, skipped } } };
      progress.benchmarks_done++;
      await save();
      emit();
    } catch (error) {
      if (signal?.aborted) throw abortErrorFor(signal);
      if (error instanceof HubUnreachableError) unreachable ??= error;
      const reason = error instanceof HubFileMissingError ? `${error.message} (gated or private: set HF_TOKEN to an account that may read it)` : (error as Error).message;
      failed.set(id, reason);
      progress.benchmarks_failed++;
      emit({ message: `benchmark ${id} failed: ${reason}` });
    }
  }
  // As many benchmarks at once as the client has request slots (each reads two files in turn).
  let nextBenchmark = 0;
  const benchmarkWorker = async () => {
    while (nextBenchmark < ids.length) {
      throwIfAborted(signal);
      await readBenchmark(ids[nextBenchmark++]);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(ids.length, client.concurrency)) }, benchmarkWorker));
  } finally {
    await save();
  }

  // 3. Models met only on leaderboards, best rank first (rank 1 of every benchmark, then rank 2, …).
  const allRows: { row: StoredRow; order: number }[] = [];
  ids.forEach((id, order) => {
    for (const row of state.benchmarks[id]?.rows ?? []) allRows.push({ row, order });
  });
  allRows.sort((a, b) => a.row.rank - b.row.rank || a.order - b.order);
  const models = new Map<string, LeaderboardModel>();
  for (const { row } of allRows) {
    const key = row.model_id.toLowerCase();
    let m = models.get(key);
    if (!m) models.set(key, (m = { model_id: row.model_id, entries: [], pending: false }));
    m.entries.push({ ...row.entry, rank: row.rank });
  }
  const queue = [...models.keys()].filter((k) => !options.knownModels.has(k) && !state.models[k] && !state.not_found[k]);
  const lookups = queue.slice(0, options.maxLookups);
  progress.models_left = queue.length;
  emit();
  let lookupsFailed = 0;
  let next = 0;
  let sinceSave = 0;
  const worker = async () => {
    while (next < lookups.length && !unreachable) {
      throwIfAborted(signal);
      const key = lookups[next++];
      const id = models.get(key)!.model_id;
      try {
        const model = await client.getModel(id, signal);
        state.models[key] = { fetched_at: iso(), model };
      } catch (error) {
        if (signal?.aborted) throw abortErrorFor(signal);
        if (error instanceof HubModelNotFoundError) state.not_found[key] = error.message;
        else {
          lookupsFailed++;
          if (error instanceof HubUnreachableError) unreachable ??= error;
        }
      }
      progress.models_done++;
      progress.models_left--;
      emit();
      if (++sinceSave >= SAVE_EVERY) {
        sinceSave = 0;
        void save();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, client.concurrency) }, worker));
  } finally {
    await save();
  }

  let pending = 0;
  for (const [key, m] of models) {
    if (options.knownModels.has(key)) continue;
    const stored = state.models[key];
    if (stored) m.metadata = stored.model as HubModel;
    else {
      m.pending = true;
      pending++;
    }
  }
  const complete = failed.size === 0 && pending === 0;
  state = { ...state, complete };
  await save();

  const skipped: Record<string, number> = {};
  const benchmarks: BenchmarkInfo[] = [];
  let rows = 0;
  let withoutYaml = 0;
  for (const id of ids) {
    const b = state.benchmarks[id];
    if (!b) continue;
    benchmarks.push(b.info);
    rows += b.info.leaderboard_rows;
    if (b.info.eval_yaml === 'missing') withoutYaml++;
    for (const [k, n] of Object.entries(b.skipped)) skipped[k] = (skipped[k] ?? 0) + n;
  }
  return {
    benchmarks,
    models,
    report: {
      benchmarks_listed: ids.length,
      benchmarks_read: benchmarks.filter((b) => !failed.has(b.id)).length,
      without_eval_yaml: withoutYaml,
      failed: ids.filter((id) => failed.has(id)).map((benchmark) => ({ benchmark, reason: failed.get(benchmark)! })),
      leaderboard_rows: rows,
      skipped,
      models_looked_up: Object.keys(state.models).filter((k) => models.has(k)).length,
      models_pending: pending,
      lookups_failed: lookupsFailed,
      crawl_complete: complete,
    },
  };
}
