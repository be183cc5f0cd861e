// One live fetch of every configured task against the fake Hub over real HTTP, packaged as a
// snapshot file of origin "hub"; retries are not waited out (sleep is injected).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshProgress } from '../../src/cache/createBenchmarkCache.js';
import { createHubFetcher } from '../../src/cache/createHubFetcher.js';
import { SnapshotFileSchema } from '../../src/schemas/snapshotSchemas.js';
import { makeHubModels, startFakeHub, type FakeHub } from '../support/fakeHub.js';
import { T0 } from '../support/testCache.js';

const TASKS = ['text-classification', 'summarization', 'object-detection'];
// 90 models round-robin over three tasks: 30 per task.
const MODELS = makeHubModels({ count: 90, tasks: TASKS, seed: 5 });
const noSleep = async () => undefined;

let hub: FakeHub;
beforeAll(async () => {
  hub = await startFakeHub({ models: MODELS });
});
afterAll(() => hub.close());
afterEach(() => {
  hub.setFaults({});
  hub.clearRequests();
});

function run(options: { maxModelsPerTask?: number; token?: string; onProgress?: (u: Partial<RefreshProgress>) => void } = {}) {
  const fetcher = createHubFetcher({
    endpoint: hub.url,
    token: options.token,
    tasks: TASKS,
    maxModelsPerTask: options.maxModelsPerTask ?? 50,
    retries: 1,
    sleep: noSleep,
    now: () => T0,
  });
  return fetcher({ signal: new AbortController().signal, onProgress: options.onProgress ?? (() => undefined) });
}

describe('createHubFetcher', () => {
  it('packages every task’s models as a valid hub snapshot when the Hub answers', async () => {
    const snapshot = await run();
    expect(SnapshotFileSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot).toMatchObject({
      origin: 'hub',
      created_at: new Date(T0).toISOString(),
      fetched_at: new Date(T0).toISOString(),
      tasks: TASKS,
      partial: false,
      failed_tasks: [],
      sources: [{ name: 'Hugging Face Hub model cards', url: hub.url, date: new Date(T0).toISOString(), model_count: 90 }],
    });
    expect(snapshot.models.map((m) => m.id).sort()).toEqual(MODELS.map((m) => m.id).sort());
  });

  it('keeps the most downloaded models of each task when maxModelsPerTask is smaller than the task', async () => {
    const snapshot = await run({ maxModelsPerTask: 10 });
    for (const task of TASKS) {
      const expected = MODELS.filter((m) => m.pipeline_tag === task)
        .sort((a, b) => (b.downloads ?? 0) - (a.downloads ?? 0) || (a.id < b.id ? -1 : 1))
        .slice(0, 10)
        .map((m) => m.id);
      expect(snapshot.models.filter((m) => m.pipeline_tag === task).map((m) => m.id)).toEqual(expected);
    }
  });

  it('marks the snapshot partial and names the failed task when one task fails', async () => {
    hub.setFaults({ failTask: 'summarization' });
    const snapshot = await run();
    expect(snapshot.partial).toBe(true);
    expect(snapshot.failed_tasks).toEqual([{ task: 'summarization', reason: expect.stringMatching(/HTTP 500/) }]);
    expect(snapshot.models.some((m) => m.pipeline_tag === 'summarization')).toBe(false);
    expect(snapshot.models).toHaveLength(60);
  });

  it('throws naming every task when all tasks fail', async () => {
    hub.setFaults({ failTask: TASKS });
    await expect(run()).rejects.toThrow(/^every task failed: text-classification \(.*HTTP 500.*\); summarization \(.*\); object-detection \(/);
  });

  it('reports the task count first and every task done at the end when a fetch runs', async () => {
    const updates: Partial<RefreshProgress>[] = [];
    await run({ onProgress: (u) => updates.push(u) });
    expect(updates[0]).toEqual({ tasks_total: 3 });
    expect(updates.at(-1)).toMatchObject({ tasks_total: 3, tasks_done: 3, tasks_failed: 0, models: 90, current_tasks: [] });
    const done = updates.map((u) => u.tasks_done ?? 0);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('sends the token as a Bearer credential to the endpoint when one is configured', async () => {
    await run({ token: 'hf_test_token' });
    expect(hub.requests.length).toBeGreaterThan(0);
    expect(new Set(hub.requests.map((r) => r.authorization))).toEqual(new Set(['Bearer hf_test_token']));
  });
});
