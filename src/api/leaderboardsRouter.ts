// Leaderboards: per task × dataset × metric, ranked in the metric's direction; filter and page.
import { z } from 'zod';
import { CatalogOutputSchema, LeaderboardValuesInputSchema, LeaderboardValuesOutputSchema, LeaderboardsInputSchema, LeaderboardsOutputSchema, MeanInputSchema, MeanOutputSchema, includeSynthetic } from './apiSchemas.js';
import { datasetFor, translate } from './datasetFor.js';
import { leaderboardCatalog, leaderboardValues, listLeaderboards, meanLeaderboard } from './datasetQueries.js';
import { cachedPerVersion, publicProcedure, router } from './trpc.js';

export const leaderboardsRouter = router({
  list: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/api/leaderboards', tags: ['leaderboards'], summary: 'Leaderboards, filtered and paginated' } })
    .input(LeaderboardsInputSchema)
    .use(cachedPerVersion)
    .output(LeaderboardsOutputSchema)
    .query(({ ctx, input }) => translate(() => listLeaderboards(datasetFor(ctx, input.include_synthetic), input, ctx.maxMemoEntries))),
  mean: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/api/leaderboards/mean',
        tags: ['leaderboards'],
        summary: 'Models ranked by the mean of several leaderboards; only models with every one are ranked, the others are counted',
        description: 'The provenance filters (verified_only, include_community, base_models_only) apply to every value before the mean is formed: a verified-only mean is a mean of verified values. Search, family and size filter the ranked list.',
      },
    })
    .input(MeanInputSchema)
    .use(cachedPerVersion)
    .output(MeanOutputSchema)
    .query(({ ctx, input }) => translate(() => meanLeaderboard(datasetFor(ctx, input.include_synthetic), input, ctx.maxMemoEntries))),
  values: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/api/leaderboards/values',
        tags: ['leaderboards'],
        summary: 'One leaderboard as model ids and values only, in rank order (a fraction of the size of the full entries)',
        description: 'With provenance filters, only the values that pass them (ranks as on the whole leaderboard).',
      },
    })
    .input(LeaderboardValuesInputSchema)
    .use(cachedPerVersion)
    .output(LeaderboardValuesOutputSchema)
    .query(({ ctx, input }) => translate(() => leaderboardValues(datasetFor(ctx, input.include_synthetic), input, ctx.maxMemoEntries))),
  catalog: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/api/leaderboards/catalog', tags: ['leaderboards'], summary: 'Every leaderboard (task, dataset, metric) with its size' } })
    .input(z.object({ include_synthetic: includeSynthetic }))
    .use(cachedPerVersion)
    .output(CatalogOutputSchema)
    .query(({ ctx, input }) => translate(() => leaderboardCatalog(datasetFor(ctx, input.include_synthetic), ctx.maxMemoEntries))),
});
