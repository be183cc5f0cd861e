// The benchmark catalog: the benchmark datasets read from the Hub (name, description and tasks from
// their eval.yaml), each with its leaderboards in this app, and what the last crawl met.
import type { z } from 'zod';
import type { DatasetVersion } from '../pipeline/buildDatasetVersion.js';
import { resolveBenchmark } from '../pipeline/benchmarkRegistry.js';
import { BenchmarkCatalogInputSchema, BenchmarkCatalogOutputSchema } from './apiSchemas.js';
import { datasetFor, translate } from './datasetFor.js';
import { publicProcedure, router } from './trpc.js';
import { memoFor } from './versionMemo.js';

type Catalog = z.infer<typeof BenchmarkCatalogOutputSchema>;

/** Every benchmark of the version (the newest layer's copy of each), with its leaderboards. */
export function benchmarkCatalog(version: DatasetVersion, max: number): Catalog {
  return memoFor(version, 'benchmark-catalog', max, () => {
    const report: Catalog['report'] = version.communityEvals;
    const benchmarks = version.benchmarks.map((b) => {
      const canonical = resolveBenchmark(b.id, undefined).id;
      const leaderboards = version.analytics.leaderboards
        .filter((lb) => lb.benchmark.toLowerCase() === canonical.toLowerCase())
        .map((lb) => {
          const task = b.tasks.find((t) => (t.config ?? t.id).toLowerCase() === (lb.dataset_config ?? '').toLowerCase());
          return { key: lb.key, variant: lb.variant, task_type: lb.task_type, total_entries: lb.total_entries, ...(task ? { benchmark_task: task.id } : {}) };
        });
      return { ...b, benchmark: canonical, leaderboards };
    });
    benchmarks.sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id));
    return { benchmarks, report };
  });
}

export const benchmarkCatalogRouter = router({
  list: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/api/benchmarks-catalog',
        tags: ['benchmarks'],
        summary: 'Benchmark datasets read from the Hub (eval.yaml name, description, tasks) with their leaderboards',
      },
    })
    .input(BenchmarkCatalogInputSchema)
    .output(BenchmarkCatalogOutputSchema)
    .query(({ ctx, input }) =>
      translate(() => {
        const catalog = benchmarkCatalog(datasetFor(ctx), ctx.maxMemoEntries);
        const q = input.search?.toLowerCase();
        if (!q) return catalog;
        const hit = (s: string | undefined) => s !== undefined && s.toLowerCase().includes(q);
        return { ...catalog, benchmarks: catalog.benchmarks.filter((b) => hit(b.id) || hit(b.name) || hit(b.description)) };
      }),
    ),
});
