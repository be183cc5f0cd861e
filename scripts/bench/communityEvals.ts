// Benchmark crawl cost: requests and wall time of a refresh that reads N benchmarks with M leaderboard
// rows each, against the fake Hub with 100 ms per request (concurrency 4, the default budget), then the
// refresh that continues with the metadata lookups the first one left.
// Run: npx tsx scripts/bench/communityEvals.ts [N,M ...]   (default: 5,50 20,200 50,500)
import { createHubFetcher } from '../../src/cache/createHubFetcher.js';
import { createMemoryCrawlStateStore } from '../../src/hub/benchmarkCrawlState.js';
import type { HubModel } from '../../src/schemas/hubSchemas.js';
import { startFakeHub, type FakeBenchmark } from '../../test/support/fakeHub.js';

const LATENCY_MS = 100;
const CONCURRENCY = 4;
const LISTED = 50; // MAX_MODELS_PER_TASK
const LOOKUPS = 200; // BENCHMARK_MODEL_LOOKUPS default
const TASK = 'text-generation';

function scenario(n: number, m: number): { models: HubModel[]; benchmarks: FakeBenchmark[] } {
  // A pool of 2·M models; each leaderboard lists M of them (overlapping, as real leaderboards do).
  const pool = Array.from({ length: 2 * m }, (_, i): HubModel => ({
    id: `org${i % 37}/model-${i}`,
    pipeline_tag: TASK,
    downloads: 2 * m - i,
    safetensors: { total: 1e9 + i },
    config: { model_type: 'llama' },
    createdAt: '2026-01-01T00:00:00.000Z',
  }));
  const benchmarks = Array.from({ length: n }, (_, b): FakeBenchmark => ({
    id: `bench/b${b}`,
    official: true,
    evalYaml: `name: Bench ${b}\ntasks:\n  - id: main\n    split: test\n`,
    leaderboard: Array.from({ length: m }, (_, r) => ({
      rank: r + 1,
      modelId: pool[(b * 7 + r * 3) % pool.length].id,
      value: 90 - (r * 80) / m,
      verified: r % 10 === 0,
      filename: '.eval_results/b.yaml',
    })),
  }));
  return { models: pool, benchmarks };
}

async function measure(n: number, m: number) {
  const { models, benchmarks } = scenario(n, m);
  const hub = await startFakeHub({ models, benchmarks, faults: { latencyMs: LATENCY_MS } });
  try {
    const fetcher = createHubFetcher({
      endpoint: hub.url,
      tasks: [TASK],
      maxModelsPerTask: LISTED,
      concurrency: CONCURRENCY,
      requestBudget: { limit: 450, windowMs: 300_000 },
      benchmarks: 'official',
      benchmarkModelLookups: LOOKUPS,
      crawlState: createMemoryCrawlStateStore(),
    });
    const runs: string[] = [];
    for (let refresh = 1; refresh <= 3; refresh++) {
      hub.clearRequests();
      const t0 = performance.now();
      const snap = await fetcher({ signal: new AbortController().signal, onProgress: () => undefined });
      const wall = performance.now() - t0;
      const kinds = { listing: 0, evalYaml: 0, leaderboard: 0, model: 0 };
      for (const r of hub.requests) {
        if (r.path === '/api/models' || r.path === '/api/datasets') kinds.listing++;
        else if (r.path.endsWith('/eval.yaml')) kinds.evalYaml++;
        else if (r.path.endsWith('/leaderboard')) kinds.leaderboard++;
        else kinds.model++;
      }
      const rep = snap.community_evals!;
      runs.push(
        `  refresh ${refresh}: ${hub.requestCount()} requests (listings ${kinds.listing}, eval.yaml ${kinds.evalYaml}, leaderboards ${kinds.leaderboard}, model lookups ${kinds.model}) in ${(wall / 1000).toFixed(2)} s; ` +
          `ideal ${((hub.requestCount() / CONCURRENCY) * LATENCY_MS / 1000).toFixed(2)} s; results ${snap.models.reduce((s, x) => s + (x.evalResults?.length ?? 0), 0)} rows on ${snap.models.length} models; pending ${rep.models_pending}; complete ${rep.crawl_complete}`,
      );
      if (rep.crawl_complete && refresh > 1) break;
    }
    const unique = new Set(benchmarks.flatMap((b) => (b.leaderboard ?? []).map((r) => String(r.modelId)))).size;
    console.log(`N=${n} benchmarks × M=${m} rows (${unique} distinct models, ${LISTED} of them in the task listing):\n${runs.join('\n')}`);
  } finally {
    await hub.close();
  }
}

const args = process.argv.slice(2);
const cases = (args.length > 0 ? args : ['5,50', '20,200', '50,500']).map((s) => s.split(',').map(Number) as [number, number]);
console.log(`fake Hub ${LATENCY_MS} ms/request, concurrency ${CONCURRENCY}, ${LOOKUPS} lookups per refresh, budget 450 per 5 min`);
for (const [n, m] of cases) await measure(n, m);
