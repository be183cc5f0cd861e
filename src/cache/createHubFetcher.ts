// Glue between the refresh coordinator and the Hub: one live fetch of every configured task,
// packaged as a snapshot file (origin "hub") so it is stored, exported and enriched like any other.
import { createHubClient, type HubClientOptions } from '../hub/createHubClient.js';
import { fetchModels } from '../hub/fetchModels.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../schemas/snapshotSchemas.js';
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
  });
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
              ? `${e.cause === 'budget' ? 'request budget used up' : 'rate limited by the Hub'}; waiting ${Math.ceil(e.waitMs / 1000)} s`
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
    const at = new Date(now()).toISOString();
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      origin: 'hub',
      created_at: at,
      fetched_at: at,
      tasks: [...options.tasks],
      sources: [{ name: 'Hugging Face Hub model cards', url: options.endpoint, date: at, model_count: result.models.length }],
      partial: result.failedTasks.length > 0 || result.incompleteTasks.length > 0,
      // Incomplete tasks count as failed for the merge: the last good models of those tasks are kept.
      failed_tasks: [...result.failedTasks, ...result.incompleteTasks],
      models: result.models,
    };
  };
}
