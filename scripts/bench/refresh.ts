// Refresh: full fetches of the nine default tasks through createHubFetcher against a fake Hub with real latency, plus a request-budget run on a clock that skips its waits.
import path from 'node:path';
import { createHubFetcher } from '../../src/cache/createHubFetcher.js';
import { createHubClient } from '../../src/hub/createHubClient.js';
import { fetchModels } from '../../src/hub/fetchModels.js';
import { DEFAULT_TASKS } from '../../src/schemas/hubSchemas.js';
import { makeHubModels, startFakeHub } from '../../test/support/fakeHub.js';
import type { Row } from './table.js';
import { BENCH_DIR, fmtInt, fmtMs, fmtRatio, median, startWorker } from './util.js';

const LATENCY_MS = 100;
const PAGE_SIZE = 500;
const CONCURRENCY = 4;
const WINDOW_MS = 300_000;
/** The default HUB_REQUESTS_PER_5_MIN: not reached by any size measured here. */
const BUDGET = 450;
const SIZES = [
  { max: 500, runs: 3 },
  { max: 2000, runs: 3 },
  { max: 5000, runs: 2 },
];

/** Most requests whose timestamps fall in any window [t, t + windowMs). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < t.length; hi++) {
    while (t[hi] - t[lo] >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

const noSignal = () => new AbortController().signal;

export async function benchRefresh(log: (s: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const section = `3. Refresh (${DEFAULT_TASKS.length} tasks, fake Hub ${LATENCY_MS} ms/request, pages of ${PAGE_SIZE}, concurrency ${CONCURRENCY})`;
  const maxPerTask = Math.max(...SIZES.map((s) => s.max));
  const hub = startWorker(path.join(BENCH_DIR, 'fakeHubWorker.ts'), [String(maxPerTask), String(LATENCY_MS), String(PAGE_SIZE)]);
  try {
    const { url } = await hub.next<{ url: string }>(120_000);
    const stats = async () => {
      hub.send('stats');
      return hub.next<{ count: number; maxInFlight: number; at: number[]; notOk: number; cpuMs: number }>();
    };
    const reset = async () => {
      hub.send('reset');
      await hub.next();
    };
    // Warm-up: connection pool, JIT for parsing and validation, the fake Hub's sorted lists.
    await createHubFetcher({ endpoint: url, tasks: DEFAULT_TASKS, maxModelsPerTask: PAGE_SIZE, concurrency: CONCURRENCY })({ signal: noSignal(), onProgress: () => undefined });

    for (const { max, runs } of SIZES) {
      const pagesPerTask = Math.ceil(max / PAGE_SIZE);
      const pages = pagesPerTask * DEFAULT_TASKS.length;
      const ideal = (pages / CONCURRENCY) * LATENCY_MS;
      const walls: number[] = [];
      const windows: number[] = [];
      let inFlight = 0;
      let notOk = 0;
      let models = 0;
      const clientCpu: number[] = [];
      const hubCpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        await reset();
        const fetcher = createHubFetcher({
          endpoint: url,
          tasks: DEFAULT_TASKS,
          maxModelsPerTask: max,
          concurrency: CONCURRENCY,
          requestBudget: { limit: BUDGET, windowMs: WINDOW_MS },
        });
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const snapshot = await fetcher({ signal: noSignal(), onProgress: () => undefined });
        walls.push(performance.now() - t0);
        const cpu = process.cpuUsage(cpu0);
        clientCpu.push((cpu.user + cpu.system) / 1000);
        models = snapshot.models.length;
        const s = await stats();
        windows.push(maxInWindow(s.at, WINDOW_MS));
        hubCpu.push(s.cpuMs);
        inFlight = Math.max(inFlight, s.maxInFlight);
        notOk += s.notOk;
      }

      // CPU and transfer floor: the same fetch with no added latency.
      hub.send('latency 0');
      await hub.next();
      const floor: number[] = [];
      for (let i = 0; i < 2; i++) {
        const t0 = performance.now();
        await createHubFetcher({ endpoint: url, tasks: DEFAULT_TASKS, maxModelsPerTask: max, concurrency: CONCURRENCY })({ signal: noSignal(), onProgress: () => undefined });
        floor.push(performance.now() - t0);
      }
      hub.send(`latency ${LATENCY_MS}`);
      await hub.next();

      // Same components, every task started at once: the limiter alone bounds requests in flight.
      const alt: number[] = [];
      for (let i = 0; i < 2; i++) {
        const client = createHubClient({ endpoint: url, concurrency: CONCURRENCY, requestBudget: { limit: BUDGET, windowMs: WINDOW_MS } });
        const t0 = performance.now();
        await fetchModels({ listModels: client.listModels, concurrency: DEFAULT_TASKS.length }, { tasks: DEFAULT_TASKS, maxModelsPerTask: max });
        alt.push(performance.now() - t0);
      }

      const wall = median(walls);
      const ratio = wall / ideal;
      rows.push({
        section,
        name: `MAX_MODELS_PER_TASK=${fmtInt(max)}: ${pages} pages, ${fmtInt(models)} models`,
        value: fmtMs(wall),
        detail: `ideal ${fmtMs(ideal)} (whole rounds ${fmtMs(Math.ceil(pages / CONCURRENCY) * LATENCY_MS)}) → ${fmtRatio(ratio)} · runs ${walls.map(fmtMs).join(' / ')} · ≤${inFlight} in flight · CPU client ${fmtMs(median(clientCpu))}, fake Hub ${fmtMs(median(hubCpu))} · 0-latency ${fmtMs(median(floor))} · all tasks at once ${fmtMs(median(alt))} (${fmtRatio(median(alt) / ideal)})`,
        target: '≤ 1.30× ideal',
        met: ratio <= 1.3 && notOk === 0,
        data: { max, pages, models, idealMs: ideal, wallMs: wall, runs: walls, ratio, maxInFlight: inFlight, notOk, clientCpuMs: clientCpu, hubCpuMs: hubCpu, zeroLatencyMs: floor, allTasksAtOnceMs: alt },
      });
      const worst = Math.max(...windows);
      rows.push({
        section,
        name: `  requests in any 5-min window (MAX=${fmtInt(max)})`,
        value: `${worst} / ${BUDGET}`,
        detail: `budget not reached; ${notOk} non-200 answers`,
        target: `≤ ${BUDGET}`,
        met: worst <= BUDGET && notOk === 0,
        data: { maxPerWindow: worst, budget: BUDGET },
      });
      log(`  refresh MAX=${max}: ${fmtMs(wall)} (${fmtRatio(ratio)} ideal), all tasks at once ${fmtMs(median(alt))}`);
    }
  } finally {
    await hub.stop();
  }

  rows.push(await budgetRun(section));
  return rows;
}

/**
 * Real time that skips waits: it runs at wall-clock speed (so requests in flight take their real
 * 100 ms of it), and a sleep lasts at most `realMs` before the clock jumps to its due time.
 * Concurrent sleepers due at the same moment jump once, not once each, and nothing jumps while a
 * request is still crossing the wire.
 */
export function createSkippingClock(start: number, realMs = 150) {
  const t0 = performance.now();
  let skipped = 0;
  const sleeps: number[] = [];
  const now = () => start + (performance.now() - t0) + skipped;
  return {
    now,
    sleeps,
    skippedMs: () => skipped,
    async sleep(ms: number, signal?: AbortSignal) {
      signal?.throwIfAborted();
      sleeps.push(ms);
      const due = now() + ms;
      await new Promise((resolve) => setTimeout(resolve, Math.min(ms, realMs)));
      signal?.throwIfAborted();
      const behind = due - now();
      if (behind > 0) skipped += behind;
    },
  };
}

/**
 * A budget the refresh must hit: 36 pages against 10 requests per 5 minutes. The client, the fake
 * Hub's request log and its own quota share one skipping clock, so waits are counted, not spent; the
 * Hub's latency stays real. Requests are counted in every sliding 5-minute window (stricter than
 * the Hub's aligned windows); a single 429 from the fake Hub's own quota would also show a breach.
 */
async function budgetRun(section: string): Promise<Row> {
  const max = 2000;
  const limit = 10;
  const clock = createSkippingClock(1_700_000_000_000);
  const models = makeHubModels({ count: max * DEFAULT_TASKS.length, tasks: DEFAULT_TASKS, seed: 11 });
  const hub = await startFakeHub({ models, pageSize: PAGE_SIZE, now: clock.now, faults: { latencyMs: LATENCY_MS, quota: { limit, windowMs: WINDOW_MS } } });
  try {
    let budgetWaits = 0;
    const fetcher = createHubFetcher({
      endpoint: hub.url,
      tasks: DEFAULT_TASKS,
      maxModelsPerTask: max,
      concurrency: CONCURRENCY,
      requestBudget: { limit, windowMs: WINDOW_MS },
      now: clock.now,
      sleep: clock.sleep,
    });
    const startFake = clock.now();
    const t0 = performance.now();
    const snapshot = await fetcher({
      signal: noSignal(),
      onProgress: (p) => {
        if (p.waiting_ms !== undefined) budgetWaits++;
      },
    });
    const wall = performance.now() - t0;
    const times = hub.requests.map((r) => r.at);
    const worst = maxInWindow(times, WINDOW_MS);
    const rejected = hub.requests.filter((r) => r.status === 429).length;
    const pages = Math.ceil(max / PAGE_SIZE) * DEFAULT_TASKS.length;
    return {
      section,
      name: `budget hit: ${limit} req / 5 min, MAX=${fmtInt(max)} (${pages} pages)`,
      value: `${worst} / ${limit}`,
      detail: `busiest sliding 5-min window · ${hub.requests.length} requests, ${rejected} × 429 from the fake Hub's quota, ${budgetWaits} budget waits, ${fmtInt(snapshot.models.length)} models · ${((clock.now() - startFake) / 60_000).toFixed(0)} skipped min, ${fmtMs(wall)} real`,
      target: `≤ ${limit}, no 429`,
      met: worst <= limit && rejected === 0 && snapshot.models.length === max * DEFAULT_TASKS.length,
      data: { limit, maxPerWindow: worst, requests: hub.requests.length, rejected, budgetWaits, fakeMs: clock.now() - startFake, wallMs: wall, sleeps: clock.sleeps },
    };
  } finally {
    await hub.close();
  }
}
