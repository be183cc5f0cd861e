// The fetch stage against the fake Hub over real HTTP: many tasks, partial failure, progress, abort.
import { describe, expect, it } from 'vitest';
import type { HubClientOptions } from '../../src/hub/createHubClient.js';
import { fetchModels, type FetchProgressEvent } from '../../src/hub/fetchModels.js';
import { DEFAULT_TASKS, HubModelSchema, type HubModel } from '../../src/schemas/hubSchemas.js';
import { makeHubModels, type FakeClock, type FakeHub } from '../support/fakeHub.js';
import { hubClientFor, useFakeHub } from '../support/useFakeHub.js';

const TASKS = [...DEFAULT_TASKS];
// 12 models per default task, served in pages of 5.
const MODELS = makeHubModels({ count: 12 * TASKS.length, tasks: TASKS, seed: 5 });
const PER_TASK = 12;

let hub: FakeHub;
let clock: FakeClock;
useFakeHub({ models: MODELS, pageSize: 5 }, (h, c) => {
  hub = h;
  clock = c;
});

const client = (options: Partial<HubClientOptions> = {}) => hubClientFor(hub, clock, options);

const eventsOf = <T extends FetchProgressEvent['type']>(events: FetchProgressEvent[], type: T) =>
  events.filter((e): e is Extract<FetchProgressEvent, { type: T }> => e.type === type);

describe('fetchModels', () => {
  it('lists every task up to the per-task limit', async () => {
    const result = await fetchModels(client(), { tasks: TASKS, maxModelsPerTask: 8 });
    expect(result.failedTasks).toEqual([]);
    expect(result.tasksDone).toEqual(TASKS);
    expect(result.models).toHaveLength(8 * TASKS.length);
    for (const task of TASKS) expect(result.models.filter((m) => m.pipeline_tag === task)).toHaveLength(8);
    expect(result.models.every((m) => HubModelSchema.safeParse(m).success)).toBe(true);
  });

  it('keeps the first copy of a model listed under two tasks and fills a missing pipeline_tag', async () => {
    const shared = MODELS.find((m) => m.pipeline_tag === 'summarization')!;
    // The same repo also showing up under translation, and one repo tagged but without pipeline_tag.
    const duplicate: HubModel = { ...shared, pipeline_tag: 'translation', downloads: 1e9 };
    const untagged: HubModel = { id: 'someone/untagged-translator', tags: ['translation'], downloads: 2e9, pipeline_tag: null };
    hub.setModels([...MODELS, duplicate, untagged]);

    const result = await fetchModels(client(), { tasks: ['summarization', 'translation'], maxModelsPerTask: 100 });

    const ids = result.models.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.models.filter((m) => m.id === shared.id)).toEqual([expect.objectContaining({ pipeline_tag: 'summarization' })]);
    expect(result.models.find((m) => m.id === untagged.id)?.pipeline_tag).toBe('translation');
    expect(result.models).toHaveLength(2 * PER_TASK + 1);
  });

  it('reports a task that keeps failing and keeps the other tasks', async () => {
    hub.setFaults({ failTask: 'object-detection' });
    const events: FetchProgressEvent[] = [];
    const result = await fetchModels(client({ retries: 2 }), { tasks: TASKS, maxModelsPerTask: PER_TASK, onProgress: (e) => events.push(e) });

    expect(result.failedTasks).toEqual([{ task: 'object-detection', reason: expect.stringContaining('HTTP 500') }]);
    expect(result.failedTasks[0].reason).toContain('object-detection');
    expect(result.tasksDone).toEqual(TASKS.filter((t) => t !== 'object-detection'));
    expect(result.models).toHaveLength(PER_TASK * (TASKS.length - 1));
    expect(result.models.some((m) => m.pipeline_tag === 'object-detection')).toBe(false);
    expect(hub.requests.filter((r) => r.query.get('pipeline_tag') === 'object-detection')).toHaveLength(3);
    const failed = eventsOf(events, 'task-failed');
    expect(failed).toEqual([expect.objectContaining({ task: 'object-detection', pages: 0, models: 0, reason: result.failedTasks[0].reason })]);
    expect(events.at(-1)).toMatchObject({ tasksTotal: TASKS.length, tasksDone: TASKS.length - 1, tasksFailed: 1 });
  });

  it('emits task-start, page and task-done events with running totals', async () => {
    const tasks = ['text-classification', 'translation'];
    const events: FetchProgressEvent[] = [];
    await fetchModels(client({ concurrency: 1 }), { tasks, maxModelsPerTask: 12, onProgress: (e) => events.push(e) });

    // Tasks run side by side (the client's limiter caps requests), so check each task's own sequence.
    const own = (task: string) => events.filter((e) => e.task === task).map(({ tasksDone: _d, tasksFailed: _f, tasksTotal: _t, ...e }) => e);
    for (const task of tasks) {
      expect(own(task)).toEqual([
        { type: 'task-start', task },
        { type: 'page', task, pages: 1, models: 5, invalid: 0 },
        { type: 'page', task, pages: 2, models: 10, invalid: 0 },
        { type: 'page', task, pages: 3, models: 12, invalid: 0 },
        { type: 'task-done', task, pages: 3, models: 12, invalid: 0, stopReason: 'limit' },
      ]);
    }
    expect(events.filter((e) => e.type === 'task-done').map((e) => e.tasksDone)).toEqual([1, 2]);
    expect(events.every((e) => e.tasksTotal === 2 && e.tasksFailed === 0)).toBe(true);
  });

  it('reports rate-limit waits with the wait the Hub asked for', async () => {
    hub.setFaults({ rateLimit: { times: 1, after: 1, resetSeconds: 42, task: 'translation' } });
    const events: FetchProgressEvent[] = [];
    const result = await fetchModels(client({ concurrency: 1 }), { tasks: ['summarization', 'translation'], maxModelsPerTask: 12, onProgress: (e) => events.push(e) });

    expect(result.failedTasks).toEqual([]);
    expect(eventsOf(events, 'rate-limit-wait')).toEqual([
      // The 429 pauses the whole client; the event names the task whose request waited it out.
      expect.objectContaining({ type: 'rate-limit-wait', cause: 'rate-limit', waitMs: 42_000, tasksTotal: 2, tasksFailed: 0 }),
    ]);
    expect(clock.sleeps).toEqual([42_000]);
  });

  it('reports waits for the request budget', async () => {
    const events: FetchProgressEvent[] = [];
    const c = client({ concurrency: 1, requestBudget: { limit: 4, windowMs: 60_000 } });
    await fetchModels(c, { tasks: ['summarization', 'translation'], maxModelsPerTask: 12, onProgress: (e) => events.push(e) });

    expect(eventsOf(events, 'rate-limit-wait')).toEqual([
      // 60 s window + the 600 ms latency margin (1 % of the window).
      expect.objectContaining({ cause: 'budget', waitMs: 60_600 }),
    ]);
    expect(c.stats()).toMatchObject({ requests: 6, budgetWaits: 1 });
  });

  it('runs tasks side by side without exceeding the client concurrency', async () => {
    hub.setFaults({ latencyMs: 15 });
    const result = await fetchModels(client({ concurrency: 3 }), { tasks: TASKS, maxModelsPerTask: 10 });
    expect(result.tasksDone).toEqual(TASKS);
    expect(hub.maxInFlight()).toBe(3);
  });

  it('stops with an AbortError when the signal aborts, and sends nothing more', async () => {
    hub.setFaults({ latencyMs: 20 });
    const controller = new AbortController();
    const pending = fetchModels(client({ concurrency: 2 }), {
      tasks: TASKS,
      maxModelsPerTask: PER_TASK,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'page') controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const sent = hub.requestCount();
    expect(sent).toBeLessThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(hub.requestCount()).toBe(sent);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(fetchModels(client(), { tasks: TASKS, maxModelsPerTask: 5, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(hub.requestCount()).toBe(0);
  });

  it('asks for each task once even when it is listed twice, and handles no tasks', async () => {
    const result = await fetchModels(client(), { tasks: ['translation', 'translation'], maxModelsPerTask: 3 });
    expect(result.tasksDone).toEqual(['translation']);
    expect(hub.requestCount()).toBe(1);
    expect(await fetchModels(client(), { tasks: [], maxModelsPerTask: 3 })).toEqual({ models: [], failedTasks: [], tasksDone: [], incompleteTasks: [] });
  });

  it('rejects invalid options with a message naming the function', async () => {
    await expect(fetchModels(client(), { tasks: TASKS, maxModelsPerTask: 0 })).rejects.toThrow(/fetchModels: maxModelsPerTask/);
    await expect(fetchModels(client(), { tasks: [''], maxModelsPerTask: 1 })).rejects.toThrow(/fetchModels: tasks/);
  });
});
