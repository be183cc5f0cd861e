// The seed's one-blob endpoint: every record with summary, correlations and leaderboards.
import { OfflineError } from '../cache/createBenchmarkCache.js';
import { BenchmarksInputSchema, BenchmarksOutputSchema } from './apiSchemas.js';
import { datasetFor } from './datasetFor.js';
import { benchmarksBody } from './datasetQueries.js';
import { publicProcedure, router } from './trpc.js';

export const benchmarksRouter = router({
  get: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/api/benchmarks',
        tags: ['benchmarks'],
        summary: 'Full benchmark dataset (seed shape)',
        description: 'All models with their evaluation results, plus summary, correlations and the top entries of every leaderboard. Use /api/models and /api/leaderboards for focused, paginated queries.',
      },
    })
    .input(BenchmarksInputSchema)
    .output(BenchmarksOutputSchema)
    .query(async ({ ctx, input }) => {
      let refreshError: string | undefined;
      if (input.force_refresh) {
        try {
          const outcome = await ctx.cache.refresh().promise;
          if (outcome.status !== 'ok') refreshError = outcome.reason;
        } catch (error) {
          refreshError = error instanceof OfflineError ? error.message : 'refresh failed';
        }
      }
      const body = benchmarksBody(datasetFor(ctx, input.include_synthetic), ctx.maxMemoEntries);
      return refreshError ? { ...body, refresh_error: refreshError } : body;
    }),
});
