// Fetch stage: lists the top models of every task, keeps going when one task fails, and reports progress.
import type { HubModel } from '../schemas/hubSchemas.js';
import type { HubClient, ListStopReason } from './createHubClient.js';
import { abortErrorFor, HubUnreachableError, throwIfAborted } from './hubErrors.js';

interface ProgressTotals {
  tasksTotal: number;
  /** Tasks finished successfully so far. */
  tasksDone: number;
  tasksFailed: number;
}

export type FetchProgressEvent =
  | ({ type: 'task-start'; task: string } & ProgressTotals)
  | ({ type: 'page'; task: string; pages: number; models: number; invalid: number } & ProgressTotals)
  | ({ type: 'task-done'; task: string; pages: number; models: number; invalid: number; stopReason: ListStopReason } & ProgressTotals)
  | ({
      type: 'task-failed';
      task: string;
      pages: number;
      models: number;
      reason: string;
      /** True when the task was stopped because another one found the Hub unreachable. */
      stopped?: boolean;
    } & ProgressTotals)
  | ({
      type: 'rate-limit-wait';
      task: string;
      /** "rate-limit": the Hub answered 429; "budget": our own per-window budget is used up. */
      cause: 'rate-limit' | 'budget';
      waitMs: number;
      pages: number;
      models: number;
    } & ProgressTotals);

export interface FetchModelsOptions {
  tasks: readonly string[];
  maxModelsPerTask: number;
  signal?: AbortSignal;
  onProgress?: (event: FetchProgressEvent) => void;
}

export interface FetchModelsResult {
  /** Set when the Hub could not be reached at all; the tasks not finished by then failed with it. */
  unreachable?: HubUnreachableError;
  /** Deduplicated by id across tasks (the first task listed wins); every model has a pipeline_tag. */
  models: HubModel[];
  failedTasks: { task: string; reason: string }[];
  /** Tasks that finished, in the order they were asked for. */
  tasksDone: string[];
  /** Finished tasks that may lack models: unreadable items were skipped or paging looped. */
  incompleteTasks: { task: string; reason: string }[];
}

/**
 * Runs as many tasks at once as the client has request slots (each task pages sequentially).
 * A task that fails after the client's retries contributes nothing and is reported; an abort
 * rejects the whole fetch with the signal's AbortError. When the Hub cannot be reached at all (DNS
 * failure, connection refused), the other tasks stop at once instead of each retrying for minutes.
 */
export async function fetchModels(
  client: Pick<HubClient, 'listModels' | 'concurrency'>,
  options: FetchModelsOptions,
): Promise<FetchModelsResult> {
  const { maxModelsPerTask, signal, onProgress } = options;
  if (!Array.isArray(options.tasks) || options.tasks.some((t) => typeof t !== 'string' || t.trim() === '')) {
    throw new TypeError('fetchModels: tasks must be a list of non-empty strings');
  }
  if (!Number.isInteger(maxModelsPerTask) || maxModelsPerTask < 1) {
    throw new RangeError(`fetchModels: maxModelsPerTask must be a positive integer, got ${maxModelsPerTask}`);
  }
  throwIfAborted(signal);

  const tasks = [...new Set(options.tasks)];
  const totals: ProgressTotals = { tasksTotal: tasks.length, tasksDone: 0, tasksFailed: 0 };
  const emit = (event: FetchProgressEvent) => onProgress?.(event);
  const listed = new Map<string, HubModel[]>();
  const failed = new Map<string, string>();
  const incomplete = new Map<string, string>();
  // Aborted with the HubUnreachableError of the first task that meets it; follows the caller's signal.
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let unreachable: HubUnreachableError | undefined;

  async function runTask(task: string): Promise<void> {
    let pages = 0;
    let models = 0;
    let invalid = 0;
    let stopReason: ListStopReason = 'last-page';
    emit({ type: 'task-start', task, ...totals });
    try {
      if (unreachable) throw unreachable;
      const list = await client.listModels(task, {
        limit: maxModelsPerTask,
        signal: stop.signal,
        onPage: (info) => {
          pages = info.page;
          models = info.models;
          invalid = info.invalid;
          if (info.stopReason) stopReason = info.stopReason;
          emit({ type: 'page', task, pages, models, invalid, ...totals });
        },
        onWait: (wait) => emit({ type: 'rate-limit-wait', task, cause: wait.reason, waitMs: wait.waitMs, pages, models, ...totals }),
      });
      listed.set(task, list);
      // Models dropped or pages unreachable mean the task is not complete: keep what came, and say so.
      const gaps = [
        ...(invalid > 0 ? [`${invalid} listed item${invalid === 1 ? '' : 's'} could not be read`] : []),
        ...((stopReason as ListStopReason) === 'pagination-loop' ? ['paging stopped: the Hub linked back to a page already read'] : []),
      ];
      if (gaps.length > 0) incomplete.set(task, gaps.join('; '));
      totals.tasksDone++;
      emit({ type: 'task-done', task, pages, models: list.length, invalid, stopReason, ...totals });
    } catch (error) {
      if (signal?.aborted) throw abortErrorFor(signal);
      let reason: string;
      let stopped = false;
      if (error instanceof HubUnreachableError) {
        // Tasks stopped by the abort get the first task's error object itself, not one of their own.
        const own = error !== unreachable;
        if (!unreachable) {
          unreachable = error;
          stop.abort(error);
        }
        reason = own ? `${error.message}: ${error.detail}` : `${error.message}; not tried further`;
        stopped = !own;
      } else {
        reason = error instanceof Error ? error.message : String(error);
      }
      failed.set(task, reason);
      totals.tasksFailed++;
      emit({ type: 'task-failed', task, pages, models, reason, ...(stopped ? { stopped } : {}), ...totals });
    }
  }

  let nextTask = 0;
  const worker = async () => {
    while (nextTask < tasks.length) {
      throwIfAborted(signal);
      await runTask(tasks[nextTask++]);
    }
  };
  // Every task pages at once; the client's limiter caps requests in flight. Fewer workers than tasks
  // would run equal tasks in waves, the last one with idle request slots.
  const workers = Math.max(1, tasks.length);
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }

  const seen = new Set<string>();
  const models: HubModel[] = [];
  for (const task of tasks) {
    for (const model of listed.get(task) ?? []) {
      if (seen.has(model.id)) continue;
      seen.add(model.id);
      models.push(model.pipeline_tag ? model : { ...model, pipeline_tag: task });
    }
  }
  return {
    ...(unreachable ? { unreachable } : {}),
    models,
    failedTasks: tasks.filter((t) => failed.has(t)).map((task) => ({ task, reason: failed.get(task)! })),
    tasksDone: tasks.filter((t) => listed.has(t)),
    incompleteTasks: tasks.filter((t) => incomplete.has(t)).map((task) => ({ task, reason: incomplete.get(task)! })),
  };
}
