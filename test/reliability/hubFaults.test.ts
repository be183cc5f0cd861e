// Hub faults, one refresh each, through the real cache + Hub fetcher + HTTP client against the fake
// Hub on loopback. Every fault must end in a recorded outcome (a readable error, or a partial result
// that names its failed tasks), keep the last good data, stay inside the request budget and never
// throw out of the cache. Waits go through a fake clock; only the timeout cases spend real time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BenchmarksOutputSchema } from '../../src/api/apiSchemas.js';
import { benchmarksBody } from '../../src/api/datasetQueries.js';
import { appInfo } from '../../src/appInfo.js';
import { createBenchmarkCache, type BenchmarkCache, type HubFetcher, type RefreshOutcome } from '../../src/cache/createBenchmarkCache.js';
import { createDatasetFileStore } from '../../src/cache/createDatasetFileStore.js';
import { createHubFetcher } from '../../src/cache/createHubFetcher.js';
import { createMemoryStore } from '../../src/cache/storagePort.js';
import type { HubModel } from '../../src/schemas/hubSchemas.js';
import { createHttpServer } from '../../src/server/createHttpServer.js';
import { readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';
import { createFakeClock, makeHubModels, startFakeHub, type FakeClock, type FakeHub, type FakeHubFaults } from '../support/fakeHub.js';
import { request, STACK_TRACE } from '../support/httpRequest.js';
import { createOutcomeTable, maxPerWindow, unreadable } from '../support/reliability.js';
import { T0, testContext } from '../support/testCache.js';
import { snapshotOf, SST2_MODELS } from '../support/testSnapshots.js';

const TASK_A = 'text-classification';
const TASK_B = 'image-classification';
const TASKS = [TASK_A, TASK_B];
/** 12 models per task, 4 per page: three pages per task, so every listing pages. */
const PER_TASK = 12;
const PAGE_SIZE = 4;
const PAGES_PER_TASK = PER_TASK / PAGE_SIZE;
const MODELS = makeHubModels({ count: PER_TASK * TASKS.length, tasks: TASKS, seed: 11 });
const BUDGET = { limit: 5, windowMs: 60_000 };
const RETRIES = 2;
const MAX_RETRY_WAIT_MS = 20_000;
/** Timeout for the cases that are about timeouts (real time); the others get a generous one. */
const SHORT_TIMEOUT_MS = 300;
const NORMAL_TIMEOUT_MS = 10_000;
/** Each page is tried at most RETRIES + 1 times. */
const MAX_REQUESTS = TASKS.length * PAGES_PER_TASK * (RETRIES + 1);

type Expected = 'ok' | 'partial' | 'failed';

interface Rig {
  hub: FakeHub;
  clock: FakeClock;
  cache: BenchmarkCache;
  dir: string;
  lastGood: { version: string; ids: Set<string>; results: number };
  /** Runs one refresh with the fault fetcher; never lets a rejection escape unnoticed. */
  refresh(): Promise<RefreshOutcome>;
}

const rigs: Rig[] = [];
const table = createOutcomeTable<{
  fault: string;
  expected: string;
  outcome: string;
  failed_tasks: string;
  requests: string;
  'max/window': string;
  waits: string;
  'last good kept': string;
  'last_error (start)': string;
}>('Hub fault → refresh outcome');

afterAll(async () => {
  for (const r of rigs) {
    await r.cache.close();
    await r.hub.close().catch(() => undefined);
    await rm(r.dir, { recursive: true, force: true });
  }
  console.log(table.render());
});

interface RigOptions {
  timeoutMs?: number;
  /** Wraps the fault-run fetcher (e.g. to close the Hub mid-refresh). */
  wrap?: (fetcher: HubFetcher, hub: FakeHub) => HubFetcher;
}

/**
 * A cache over a temp dir with a small bundled layer, refreshed once from a healthy fake Hub (the
 * last good data), then moved one budget window on so the fault run starts with a fresh window.
 */
async function rig(options: RigOptions = {}): Promise<Rig> {
  const clock = createFakeClock(T0);
  const hub = await startFakeHub({ models: MODELS, pageSize: PAGE_SIZE, now: clock.now });
  const dir = await mkdtemp(path.join(tmpdir(), 'hub-faults-'));
  const fetcherFor = (timeoutMs: number) =>
    createHubFetcher({
      endpoint: hub.url,
      tasks: TASKS,
      maxModelsPerTask: PER_TASK,
      // One request at a time, so the Hub's log shows exactly what the client's budget allowed.
      concurrency: 1,
      requestBudget: BUDGET,
      timeoutMs,
      retries: RETRIES,
      maxRetryWaitMs: MAX_RETRY_WAIT_MS,
      now: clock.now,
      sleep: clock.sleep,
    });
  const faultFetcher = options.wrap ? options.wrap(fetcherFor(options.timeoutMs ?? NORMAL_TIMEOUT_MS), hub) : fetcherFor(options.timeoutMs ?? NORMAL_TIMEOUT_MS);
  let active: HubFetcher = fetcherFor(NORMAL_TIMEOUT_MS);
  const cache = createBenchmarkCache({
    store: createMemoryStore(),
    files: createDatasetFileStore({ dir }),
    loadBundled: async () => snapshotOf(SST2_MODELS),
    fetchFromHub: (ctx) => active(ctx),
    clock: clock.now,
    ttlMinutes: 60,
  });
  await cache.start();
  const warm = await cache.refresh().promise;
  expect(warm.status, `warm-up refresh: ${warm.reason}`).toBe('ok');
  const v = cache.current();
  const lastGood = { version: v.id, ids: new Set(v.records.map((r) => r.model_info.model_id)), results: v.enrich.results };
  expect(lastGood.ids.size).toBe(MODELS.length + SST2_MODELS.length);

  await clock.sleep(BUDGET.windowMs);
  clock.sleeps.length = 0;
  hub.clearRequests();
  active = faultFetcher;
  const r: Rig = {
    hub,
    clock,
    cache,
    dir,
    lastGood,
    async refresh() {
      let outcome: RefreshOutcome | undefined;
      let thrown: unknown;
      try {
        outcome = await cache.refresh().promise;
      } catch (error) {
        thrown = error;
      }
      expect(thrown, 'the refresh promise rejected: an error escaped the cache').toBeUndefined();
      return outcome!;
    },
  };
  rigs.push(r);
  return r;
}

const idsOf = (cache: BenchmarkCache) => new Set(cache.current().records.map((r) => r.model_info.model_id));
const missing = (kept: Set<string>, wanted: Set<string>) => [...wanted].filter((id) => !kept.has(id));

/** The checks every fault shares; returns the row for the table. */
function checkOutcome(name: string, r: Rig, outcome: RefreshOutcome, allowed: Expected | Expected[], opts: { maxRequests?: number; failedTasks?: string[] } = {}) {
  const acceptable = Array.isArray(allowed) ? allowed : [allowed];
  const expected = acceptable.includes(outcome?.status) ? outcome.status : acceptable[0];
  const status = r.cache.status();
  const requests = r.hub.requests;
  const perWindow = maxPerWindow(
    requests.map((q) => q.at),
    BUDGET.windowMs,
  );
  const lost = missing(idsOf(r.cache), r.lastGood.ids);
  const maxRequests = opts.maxRequests ?? MAX_REQUESTS;
  table.add({
    fault: name,
    expected: acceptable.join(' or '),
    outcome: outcome?.status ?? 'THREW',
    failed_tasks: outcome?.failed_tasks.map((f) => f.task).join(', ') || '-',
    requests: `${requests.length} (≤ ${maxRequests})`,
    'max/window': `${perWindow} (≤ ${BUDGET.limit})`,
    waits: r.clock.sleeps.length ? `${r.clock.sleeps.length}: ${r.clock.sleeps.map((s) => Math.round(s / 1000)).join('+')} s` : '-',
    'last good kept': lost.length === 0 ? 'yes' : `NO: ${lost.length} models lost`,
    'last_error (start)': (status.last_error ?? '-').slice(0, 110),
  });

  // Recorded, and nothing left running.
  expect(status.last_outcome).toEqual(outcome);
  expect(status.refresh_in_progress).toBe(false);
  expect(status.progress).toBeNull();
  expect(() => r.cache.current()).not.toThrow();

  // Within the budget, per window and in total.
  expect(perWindow, `requests in one ${BUDGET.windowMs} ms window`).toBeLessThanOrEqual(BUDGET.limit);
  expect(requests.length, 'requests for the whole refresh').toBeLessThanOrEqual(maxRequests);
  // A budget wait is at most one window plus the budget's latency margin (1 % of the window).
  for (const ms of r.clock.sleeps) expect(ms, 'a single wait').toBeLessThanOrEqual(Math.max(MAX_RETRY_WAIT_MS, BUDGET.windowMs * 1.01));

  // The outcome the fault calls for.
  expect(acceptable, `outcome ${outcome.status} (reason: ${outcome.reason ?? '-'})`).toContain(outcome.status);
  if (expected === 'failed') {
    expect(unreadable(status.last_error), `last_error: ${status.last_error}`).toBeUndefined();
    expect(r.cache.current().id, 'a failed refresh must keep the current version').toBe(r.lastGood.version);
  }
  if (expected === 'partial') {
    expect(outcome.failed_tasks.length).toBeGreaterThan(0);
    expect(unreadable(status.last_error), `last_error: ${status.last_error}`).toBeUndefined();
    for (const f of outcome.failed_tasks) {
      expect(f.task).not.toBe('');
      expect(unreadable(f.reason), `reason for ${f.task}: ${f.reason}`).toBeUndefined();
      expect(status.last_error).toContain(f.task);
    }
    if (opts.failedTasks) expect(outcome.failed_tasks.map((f) => f.task).sort()).toEqual([...opts.failedTasks].sort());
  }
  if (expected === 'ok') expect(status.last_error).toBeNull();
  // The Hub still lists every model it listed before: none of the last good ones may disappear.
  expect(lost, 'models of the last good data that are no longer served').toEqual([]);
}

/** After a 429 that asked for `waitMs`, the next request came no earlier than that (capped). */
function expectWaitHonoured(r: Rig, waitMs: number) {
  const reqs = r.hub.requests;
  let seen = 0;
  reqs.forEach((q, i) => {
    if (q.status !== 429 || i === reqs.length - 1) return;
    seen++;
    expect(reqs[i + 1].at - q.at, `request ${i + 2} after the 429 of request ${i + 1}`).toBeGreaterThanOrEqual(Math.min(waitMs, MAX_RETRY_WAIT_MS));
  });
  expect(seen, 'the fault produced 429s').toBeGreaterThan(0);
}

interface FaultCase {
  name: string;
  faults: FakeHubFaults;
  expected: Expected;
  failedTasks?: string[];
  timeoutMs?: number;
  maxRequests?: number;
  extra?: (r: Rig, outcome: RefreshOutcome) => void;
}

const CASES: FaultCase[] = [
  { name: '429 burst, RateLimit t=3 (2×)', faults: { rateLimit: { times: 2, resetSeconds: 3 } }, expected: 'ok', extra: (r) => expectWaitHonoured(r, 3000) },
  { name: '429 burst, Retry-After 4 (2×)', faults: { retryAfter: { times: 2, seconds: 4 } }, expected: 'ok', extra: (r) => expectWaitHonoured(r, 4000) },
  { name: '429, RateLimit t=86400 (wait capped)', faults: { rateLimit: { times: 1, resetSeconds: 86_400 } }, expected: 'ok', extra: (r) => expectWaitHonoured(r, MAX_RETRY_WAIT_MS) },
  { name: '429, Retry-After 86400 (wait capped)', faults: { retryAfter: { times: 1, seconds: 86_400 } }, expected: 'ok', extra: (r) => expectWaitHonoured(r, MAX_RETRY_WAIT_MS) },
  { name: '429 on every call for task A (t=2)', faults: { rateLimit: { times: 1000, resetSeconds: 2, task: TASK_A } }, expected: 'partial', failedTasks: [TASK_A] },
  { name: "Hub's own quota 5/60 s = our budget", faults: { quota: { limit: 5, windowMs: 60_000 } }, expected: 'ok', extra: (r) => expect(r.hub.requests.filter((q) => q.fault === 'quota')).toEqual([]) },
  { name: "Hub's own quota 3/60 s < our budget", faults: { quota: { limit: 3, windowMs: 60_000 } }, expected: 'ok', extra: (r) => expectWaitHonoured(r, 1) },
  { name: 'HTTP 500 (2×)', faults: { serverError: { times: 2, status: 500 } }, expected: 'ok' },
  { name: 'HTTP 502 (2×)', faults: { serverError: { times: 2, status: 502 } }, expected: 'ok' },
  { name: 'HTTP 503 (2×)', faults: { serverError: { times: 2, status: 503 } }, expected: 'ok' },
  {
    name: 'HTTP 500 on every call',
    faults: { serverError: { times: 1000, status: 500 } },
    expected: 'failed',
    extra: (r) => expect(r.cache.status().last_error).toMatch(/HTTP 500/),
  },
  { name: 'HTTP 503 on every call for task B', faults: { serverError: { times: 1000, status: 503, task: TASK_B } }, expected: 'partial', failedTasks: [TASK_B] },
  // The retry after the stall must succeed in time: a roomier timeout keeps a busy machine from failing it.
  { name: 'stalled body (1×)', faults: { stall: { times: 1 } }, expected: 'ok', timeoutMs: 1000 },
  {
    name: 'stalled body on every call for task A',
    faults: { stall: { times: 1000, task: TASK_A } },
    expected: 'partial',
    failedTasks: [TASK_A],
    timeoutMs: 2 * SHORT_TIMEOUT_MS,
    extra: (r) => expect(r.cache.status().last_error).toMatch(/did not answer within/),
  },
  {
    name: 'timeout: every answer slower than the timeout',
    faults: { latencyMs: SHORT_TIMEOUT_MS * 3 },
    expected: 'failed',
    timeoutMs: SHORT_TIMEOUT_MS,
    extra: (r) => expect(r.cache.status().last_error).toMatch(/did not answer within/),
  },
  { name: 'connection reset (2×)', faults: { reset: { times: 2 } }, expected: 'ok' },
  {
    name: 'connection reset on every call',
    faults: { reset: { times: 1000 } },
    expected: 'failed',
    extra: (r) => expect(r.cache.status().last_error).toMatch(/ECONNRESET|socket hang up/),
  },
  { name: 'truncated JSON (1×)', faults: { truncatedJson: { times: 1 } }, expected: 'ok' },
  {
    name: 'truncated JSON twice in a row for task A',
    faults: { truncatedJson: { times: 2, task: TASK_A } },
    expected: 'partial',
    failedTasks: [TASK_A],
    extra: (r) => expect(r.cache.status().last_error).toMatch(/malformed JSON/),
  },
  { name: 'JSON object instead of a list (1×)', faults: { nonArray: { times: 1 } }, expected: 'ok' },
  {
    name: 'JSON object instead of a list, always',
    faults: { nonArray: { times: 1000 } },
    expected: 'failed',
    extra: (r) => expect(r.cache.status().last_error).toMatch(/instead of a list/),
  },
  // Every 5th listed item lacks its id: the Hub answered, but not with those models.
  { name: 'list items without id (every 5th)', faults: { invalidItems: { every: 5 } }, expected: 'partial', failedTasks: TASKS },
  {
    name: 'malformed model-index (every 3rd card)',
    faults: { malformedModelIndex: { every: 3 } },
    expected: 'ok',
    extra: (r) => {
      const skipped = Object.values(r.cache.current().enrich.skipped).reduce((a, b) => a + (b ?? 0), 0);
      expect(skipped, 'bad card entries are counted, not silently dropped').toBeGreaterThan(0);
    },
  },
  // Page 2's next link points back to page 1: paging stops, and the listing is incomplete.
  { name: 'pagination loop (page 2 → page 1)', faults: { loop: { fromPage: 2, toPage: 1 } }, expected: 'partial', failedTasks: TASKS, maxRequests: TASKS.length * (PAGES_PER_TASK + 1) },
];

describe('Hub faults during a refresh (createBenchmarkCache + createHubFetcher + fake Hub)', () => {
  it.each(CASES)('$name → $expected', async (c) => {
    const r = await rig({ timeoutMs: c.timeoutMs });
    r.hub.setFaults(c.faults);
    const outcome = await r.refresh();
    checkOutcome(c.name, r, outcome, c.expected, { maxRequests: c.maxRequests, failedTasks: c.failedTasks });
    c.extra?.(r, outcome);
  });

  it('list items with wrong field types → those models are kept (read leniently: ok; or from the last good data: partial)', async () => {
    const r = await rig();
    // Three task-A models come back with fields of the wrong type (the Hub answered; the items are junk).
    const broken = new Set(MODELS.filter((m) => m.pipeline_tag === TASK_A).slice(0, 3).map((m) => m.id));
    r.hub.setModels(
      MODELS.map((m) =>
        broken.has(m.id) ? ({ ...m, downloads: 'lots', likes: { n: 1 }, tags: 'nlp', createdAt: 12345, pipeline_tag: TASK_A } as unknown as HubModel) : m,
      ),
    );
    const outcome = await r.refresh();
    checkOutcome('list items with wrong field types (3 of task A)', r, outcome, ['ok', 'partial'], { failedTasks: [TASK_A] });
  });

  it('hostile model-index (1e308, "NaN", 1000-level nesting, a ~10 MB card) → ok, values bounded, every endpoint still answers', async () => {
    const r = await rig();
    const a = MODELS.filter((m) => m.pipeline_tag === TASK_A);
    const hostile = new Map<string, HubModel>([
      [a[0].id, withHugeNumbers(a[0])],
      [a[1].id, withDeepNesting(a[1], 1000)],
      [a[2].id, withHugeCard(a[2])],
      [a[3].id, withProtoKeys(a[3])],
    ]);
    r.hub.setModels(MODELS.map((m) => hostile.get(m.id) ?? m));
    const outcome = await r.refresh();
    checkOutcome('hostile model-index (1e308, "NaN", nesting ×1000, ~10 MB card)', r, outcome, 'ok');

    // Soft checks: one hostile value must not hide the others.
    const v = r.cache.current();
    for (const rec of v.records) {
      const id = rec.model_info.model_id;
      expect.soft(rec.evaluation_results.length, id).toBeLessThanOrEqual(2000);
      for (const e of rec.evaluation_results) {
        expect.soft(Number.isFinite(e.value) && Math.abs(e.value) <= 1e12, `${id} ${e.metric_id}=${e.value}`).toBe(true);
      }
      for (const k of ['downloads', 'likes', 'parameter_count'] as const) {
        const n = rec.model_info[k];
        if (n !== undefined) expect.soft(Number.isSafeInteger(n), `${id} ${k}=${n} (not a safe integer: the output schema refuses it)`).toBe(true);
      }
    }
    const skipped = v.enrich.skipped;
    expect.soft((skipped.non_finite_value ?? 0) + (skipped.out_of_range ?? 0) + (skipped.non_numeric_value ?? 0)).toBeGreaterThan(0);
    expect.soft(skipped.too_many_results ?? 0, 'the 10 MB card is cut at the per-model bound').toBeGreaterThan(0);
    expect.soft(({} as Record<string, unknown>).polluted, 'prototype pollution via "__proto__" keys').toBeUndefined();
    // The body the server sends is built and validated the same way.
    const body = BenchmarksOutputSchema.safeParse(benchmarksBody(v, 1000));
    expect.soft(body.success, `seed body fails its output schema: ${body.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; ')}`).toBe(true);
    // The saved file can be read back.
    await expect.soft(readSnapshotFile(path.join(r.dir, 'hub-dataset.json.gz'))).resolves.toMatchObject({ origin: 'hub' });

    // Real HTTP over this cache: no endpoint trips over the hostile values.
    const http = createHttpServer({ createContext: testContext(r.cache, r.clock.now), version: appInfo().version, policy: { extraHosts: [], corsOrigins: [] } });
    const server = await http.listen(0, '127.0.0.1');
    try {
      const paths = ['/api/benchmarks', '/api/summary', '/api/correlations', '/api/trends', '/api/leaderboards?limit=5', '/api/models?limit=500&sort=downloads', '/api/models?sort=parameter_count&limit=5', '/api/snapshot/export', ...[...hostile.keys()].map((id) => `/api/models/${id}`)];
      for (const p of paths) {
        const res = await request(`${server.url}${p}`);
        expect.soft(res.status, `GET ${p}: ${res.text.slice(0, 200)}`).toBe(200);
        expect.soft(STACK_TRACE.test(res.text.slice(0, 100_000)), `GET ${p} body has a stack trace`).toBe(false);
      }
    } finally {
      await server.close();
    }
  });

  it('the Hub goes away after the first page → failed, last good data kept', async () => {
    let closing: Promise<void> | undefined;
    const r = await rig({
      wrap: (fetcher, hub) => (ctx) =>
        fetcher({
          ...ctx,
          onProgress: (u) => {
            ctx.onProgress(u);
            if ((u.pages ?? 0) >= 1) closing ??= hub.close();
          },
        }),
    });
    const outcome = await r.refresh();
    await closing;
    expect(closing, 'the Hub was closed mid-refresh').toBeDefined();
    checkOutcome('Hub closed after the first page', r, outcome, 'failed');
    expect(r.cache.status().last_error).toMatch(/ECONNREFUSED|ECONNRESET|Could not reach the Hub/);
  });

  it('two refreshes back to back share one request budget (Hub log per window)', async () => {
    const r = await rig();
    const first = await r.refresh();
    const second = await r.refresh();
    const perWindow = maxPerWindow(
      r.hub.requests.map((q) => q.at),
      BUDGET.windowMs,
    );
    table.add({
      fault: 'none: two refreshes back to back',
      expected: 'ok, ok',
      outcome: `${first.status}, ${second.status}`,
      failed_tasks: '-',
      requests: `${r.hub.requests.length}`,
      'max/window': `${perWindow} (≤ ${BUDGET.limit})`,
      waits: r.clock.sleeps.length ? `${r.clock.sleeps.length}: ${r.clock.sleeps.map((s) => Math.round(s / 1000)).join('+')} s` : '-',
      'last good kept': 'yes',
      'last_error (start)': '-',
    });
    expect([first.status, second.status]).toEqual(['ok', 'ok']);
    expect(perWindow, `requests in one ${BUDGET.windowMs} ms window across two refreshes`).toBeLessThanOrEqual(BUDGET.limit);
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile cards
// ---------------------------------------------------------------------------------------------

const resultOf = (task: string, dataset: string, metrics: { type: string; value: unknown }[]) => ({ task: { type: task }, dataset: { name: dataset, type: dataset }, metrics });

function withCard(m: HubModel, cardData: Record<string, unknown>, extra: Record<string, unknown> = {}): HubModel {
  const { 'model-index': _drop, ...rest } = m as Record<string, unknown>;
  return { ...rest, ...extra, id: m.id, pipeline_tag: m.pipeline_tag, cardData } as HubModel;
}

function withHugeNumbers(m: HubModel): HubModel {
  return withCard(
    m,
    {
      'model-index': [
        {
          name: m.id,
          results: [
            resultOf(TASK_A, 'sst2', [
              { type: 'accuracy', value: 1e308 },
              { type: 'f1', value: 'NaN' },
              { type: 'precision', value: '-Infinity' },
              { type: 'recall', value: '1e999' },
            ]),
            resultOf(TASK_A, 'imdb', [
              { type: 'perplexity', value: 1e308 },
              { type: 'loss', value: -1e308 },
              { type: 'accuracy', value: '1,000,000,000,000,000,000' },
              { type: 'accuracy', value: Number.MIN_VALUE },
            ]),
          ],
        },
      ],
    },
    { downloads: 1e308, likes: 1e308, safetensors: { total: 1e308, parameters: { F32: 1e308 } } },
  );
}

function nested(levels: number): unknown {
  let v: unknown = { leaf: 'x' };
  for (let i = 0; i < levels; i++) v = i % 2 === 0 ? { nest: v } : [v];
  return v;
}

function withDeepNesting(m: HubModel, levels: number): HubModel {
  return withCard(
    m,
    {
      'model-index': [nested(levels), { name: m.id, results: [{ task: { type: TASK_A }, dataset: nested(levels), metrics: [nested(levels)] }] }],
      junk: nested(levels),
    },
    { config: nested(levels), safetensors: nested(levels) },
  );
}

/** About 10 MB of card: 40 000 distinct results plus a long description. */
function withHugeCard(m: HubModel): HubModel {
  const results = Array.from({ length: 40_000 }, (_, k) => resultOf(TASK_A, `dataset-${k}`, [{ type: 'accuracy', value: 0.5 + (k % 400) / 1000 }]));
  return withCard(m, { 'model-index': [{ name: m.id, results }], description: 'benchmark '.repeat(500_000) });
}

/** Keys named __proto__ / constructor, as JSON.parse creates them (own properties). */
function withProtoKeys(m: HubModel): HubModel {
  const card = JSON.parse(
    `{"__proto__": {"polluted": true}, "model-index": [{"name": "x", "__proto__": {"polluted": true}, "results": [{"task": {"type": "${TASK_A}"}, "dataset": {"name": "sst2", "__proto__": {"polluted": true}}, "metrics": [{"type": "accuracy", "value": 0.9, "__proto__": {"polluted": true}}, {"type": "constructor", "value": 0.5}, {"type": "__proto__", "value": 0.4}]}]}]}`,
  ) as Record<string, unknown>;
  return withCard(m, card);
}
