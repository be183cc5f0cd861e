// The seed's one-blob endpoint: every record with summary, correlations and leaderboards.
import { BenchmarksInputSchema, BenchmarksOutputSchema } from './apiSchemas.js';
import { datasetFor } from './datasetFor.js';
import { benchmarksBody } from './datasetQueries.js';
import { cachedPerVersion, publicProcedure, router } from './trpc.js';

export const FORCE_REFRESH_HINT = 'a GET starts no refresh: POST /api/refresh starts one in the background (GET /api/cache-status shows its progress)';

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
    .use(cachedPerVersion)
    .output(BenchmarksOutputSchema)
    // A query changes nothing: force_refresh is accepted as the original API had it, and answered
    // from the data at hand with a pointer to POST /api/refresh, which is what starts a refresh.
    .query(({ ctx, input }) => {
      const body = benchmarksBody(datasetFor(ctx, input.include_synthetic), ctx.maxMemoEntries);
      return input.force_refresh ? { ...body, refresh_started: false, refresh_hint: FORCE_REFRESH_HINT } : body;
    }),
});
