// Glue between the refresh coordinator and the Hub: one live fetch of every configured task,
// packaged as a snapshot file (origin "hub") so it is stored, exported and enriched like any other.
import { createHubClient, type HubClientOptions, type HubWait } from '../hub/createHubClient.js';
import { fetchModels } from '../hub/fetchModels.js';
import { createMemoryCrawlStateStore, type CrawlStateStore } from '../hub/benchmarkCrawlState.js';
import { fetchBenchmarks, type BenchmarkSelection, type FetchBenchmarksResult } from '../hub/fetchBenchmarks.js';
import { isAbortError } from '../hub/hubErrors.js';
import type { HubModel } from '../schemas/hubSchemas.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotFile } from '../schemas/snapshotSchemas.js';
import type { HubFetcher } from './createBenchmarkCache.js';

export interface HubFetcherOptions {
  endpoint: string;
  token?: string;
  tasks: readonly string[];
  maxModelsPerTask: number;
  concurrency?: number;
  requestBudget?: { limit: number; windowMs: number };
  timeoutMs?: number;
  retries?: number;
  maxRetryWaitMs?: number;
  now?: () => number;
  sleep?: HubClientOptions['sleep'];
  /** Benchmarks whose leaderboards are read: the official ones, a list of dataset ids, or none (the default here). */
  benchmarks?: BenchmarkSelection | 'none';
  /** Leaderboards with fine-tunes too (`base_model=false`). */
  benchmarkFineTunes?: boolean;
  /** Metadata lookups of leaderboard-only models per refresh (default 200). */
  benchmarkModelLookups?: number;
  /** Where the benchmark crawl keeps its progress (DATA_DIR); in memory without it. */
  crawlState?: CrawlStateStore;
}

/** A fetch that brought nothing: the message says why, `failedTasks` what each task met. */
export class HubFetchError extends Error {
  override name = 'HubFetchError';
  constructor(
    message: string,
    readonly failedTasks: { task: string; reason: string }[],
    /** True when the Hub could not be reached at all (DNS failure, connection refused). */
    readonly unreachable: boolean,
  ) {
    super(message);
  }
}

/** A wait of the Hub client, in the progress's words. */
const waitMessage = (cause: HubWait['reason'], waitMs: number) =>
  `${cause === 'budget' ? 'request budget used up' : 'rate limited by the Hub'}; waiting ${Math.ceil(waitMs / 1000)} s`;

export function createHubFetcher(options: HubFetcherOptions): HubFetcher {
  const now = options.now ?? Date.now;
  // One client for the fetcher's lifetime: its request budget and any 429 pause span refreshes.
  const client = createHubClient({
    endpoint: options.endpoint,
    token: options.token,
    concurrency: options.concurrency,
    requestBudget: options.requestBudget,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    maxRetryWaitMs: options.maxRetryWaitMs,
    now: options.now,
    sleep: options.sleep,
    // Calls without a wait callback of their own (benchmark lists, leaderboards, files, single models) report here.
    onWait: (wait) => waitListener?.(wait),
  });
  let waitListener: ((wait: HubWait) => void) | undefined;
  const crawlState = options.crawlState ?? createMemoryCrawlStateStore();
  const selection = options.benchmarks ?? 'none';
  return async ({ signal, onProgress }) => {
    const running = new Set<string>();
    const pagesByTask = new Map<string, number>();
    const modelsByTask = new Map<string, number>();
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    onProgress({ tasks_total: options.tasks.length });
    const result = await fetchModels(client, {
      tasks: options.tasks,
      maxModelsPerTask: options.maxModelsPerTask,
      signal,
      onProgress: (e) => {
        if (e.type === 'task-start') running.add(e.task);
        if (e.type === 'task-done' || e.type === 'task-failed') running.delete(e.task);
        if ('pages' in e) pagesByTask.set(e.task, e.pages);
        if ('models' in e) modelsByTask.set(e.task, e.models);
        onProgress({
          tasks_total: e.tasksTotal,
          tasks_done: e.tasksDone,
          tasks_failed: e.tasksFailed,
          pages: sum(pagesByTask),
          models: sum(modelsByTask),
          current_tasks: [...running],
          waiting_ms: e.type === 'rate-limit-wait' ? e.waitMs : undefined,
          message:
            e.type === 'rate-limit-wait'
              ? waitMessage(e.cause, e.waitMs)
              : e.type === 'task-failed' && !e.stopped
                ? `${e.task} failed: ${e.reason}`
                : undefined,
        });
      },
    });
    if (result.tasksDone.length === 0 && result.failedTasks.length > 0) {
      // No connection at all says so in one line; what each task met stays in failedTasks.
      const message = result.unreachable
        ? result.unreachable.message
        : `every task failed: ${result.failedTasks.map((f) => `${f.task} (${f.reason})`).join('; ')}`;
      throw new HubFetchError(message, result.failedTasks, result.unreachable !== undefined);
    }
    let benchmarks: FetchBenchmarksResult | undefined;
    let benchmarkFailure: string | undefined;
    if (selection !== 'none' && !result.unreachable) {
      onProgress({ message: 'reading benchmark leaderboards' });
      waitListener = (w) => onProgress({ waiting_ms: w.waitMs, message: waitMessage(w.reason, w.waitMs) });
      try {
        benchmarks = await fetchBenchmarks(client, {
          selection,
          fineTunes: options.benchmarkFineTunes === true,
          maxLookups: options.benchmarkModelLookups ?? 200,
          knownModels: new Set(result.models.map((m) => m.id.toLowerCase())),
          state: crawlState,
          now: options.now,
          signal,
          onProgress: (p) => onProgress(p),
        });
      } catch (error) {
        if (signal.aborted || isAbortError(error)) throw error;
        benchmarkFailure = `benchmarks could not be listed: ${(error as Error).message}`;
      } finally {
        waitListener = undefined;
      }
    }
    const models = benchmarks ? withLeaderboardModels(result.models, benchmarks) : result.models;
    const failedBenchmarks = [
      ...(benchmarkFailure ? [{ task: 'benchmarks', reason: benchmarkFailure }] : []),
      ...(benchmarks?.report.failed.map((f) => ({ task: `benchmark ${f.benchmark}`, reason: f.reason })) ?? []),
    ];
    const at = new Date(now()).toISOString();
    const fetched: SnapshotFile = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      origin: 'hub',
      created_at: at,
      fetched_at: at,
      tasks: [...options.tasks],
      sources: [
        { name: 'Hugging Face Hub model cards', url: options.endpoint, date: at, model_count: result.models.length },
        ...(benchmarks ? [{ name: 'Hugging Face Hub benchmark leaderboards (Community Evals)', url: options.endpoint, date: at, model_count: benchmarks.models.size }] : []),
      ],
      partial: result.failedTasks.length > 0 || result.incompleteTasks.length > 0 || failedBenchmarks.length > 0,
      // Incomplete tasks count as failed for the merge: the last good models of those tasks are kept.
      failed_tasks: [...result.failedTasks, ...result.incompleteTasks, ...failedBenchmarks],
      models,
    };
    if (benchmarks) {
      fetched.benchmarks = benchmarks.benchmarks;
      fetched.community_evals = benchmarks.report;
    }
    return fetched;
  };
}

/** The pipeline tag most of a benchmark's models with metadata have, per benchmark id. */
function usualTasks(models: Iterable<HubModel>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const m of models) {
    if (!m.pipeline_tag) continue;
    for (const e of m.evalResults ?? []) {
      const id = benchmarkOf(e);
      if (!id) continue;
      const c = counts.get(id) ?? new Map<string, number>();
      c.set(m.pipeline_tag, (c.get(m.pipeline_tag) ?? 0) + 1);
      counts.set(id, c);
    }
  }
  const out = new Map<string, string>();
  for (const [id, c] of counts) out.set(id, [...c].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]);
  return out;
}

function benchmarkOf(entry: unknown): string | undefined {
  const id = (entry as { data?: { dataset?: { id?: unknown } } } | null)?.data?.dataset?.id;
  return typeof id === 'string' ? id.toLowerCase() : undefined;
}

/**
 * The listed models with their leaderboard rows added to `evalResults`, then the models met only on
 * leaderboards: with the metadata a lookup read, or marked `metadata_pending` until one does.
 */
function withLeaderboardModels(listed: HubModel[], crawl: FetchBenchmarksResult): HubModel[] {
  const out: HubModel[] = listed.map((m) => {
    const lb = crawl.models.get(m.id.toLowerCase());
    return lb ? { ...m, evalResults: [...(m.evalResults ?? []), ...lb.entries] } : m;
  });
  const extra: HubModel[] = [];
  for (const lb of crawl.models.values()) {
    if (lb.metadata) extra.push({ ...lb.metadata, evalResults: [...(lb.metadata.evalResults ?? []), ...lb.entries] });
    else if (lb.pending) extra.push({ id: lb.model_id, metadata_pending: true, evalResults: lb.entries });
  }
  // A model without a pipeline tag is listed under the task its benchmarks' other models have.
  const usual = usualTasks([...out, ...extra]);
  for (const [i, m] of extra.entries()) {
    if (m.pipeline_tag) continue;
    const hint = (m.evalResults ?? []).map(benchmarkOf).map((id) => (id ? usual.get(id) : undefined)).find((t) => t !== undefined);
    if (hint) extra[i] = { ...m, task_hint: hint };
  }
  return [...out, ...extra];
}
