// Analytics computed once per dataset version: summary, correlations (both methods, with n), trends.
import { DEFAULT_MIN_PAIRS } from '../analytics/computeCorrelations.js';
import { CorrelationsInputSchema, CorrelationsOutputSchema, SummaryInputSchema, SummarySchema, TrendsInputSchema, TrendsOutputSchema } from './apiSchemas.js';
import { datasetFor, translate } from './datasetFor.js';
import { assertKnownTask } from './datasetQueries.js';
import { cachedPerVersion, publicProcedure, router } from './trpc.js';

export const analyticsRouter = router({
  summary: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/api/summary', tags: ['analytics'], summary: 'Summary statistics per task, dataset and family' } })
    .input(SummaryInputSchema)
    .use(cachedPerVersion)
    .output(SummarySchema)
    .query(({ ctx, input }) => datasetFor(ctx, input.include_synthetic).analytics.summary),
  correlations: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/api/correlations', tags: ['analytics'], summary: 'Correlations between metrics, paired by model (Pearson and Spearman, with n)' } })
    .input(CorrelationsInputSchema)
    .use(cachedPerVersion)
    .output(CorrelationsOutputSchema)
    .query(({ ctx, input }) =>
      translate(() => {
        const v = datasetFor(ctx, input.include_synthetic);
        assertKnownTask(v, input.task_type, ctx.maxMemoEntries);
        const keep = <T extends { task_type: string }>(xs: T[]) => (input.task_type ? xs.filter((x) => x.task_type === input.task_type) : xs);
        const correlations = keep(v.analytics.correlations);
        return { correlations, pairs: keep(v.analytics.correlationPairs), min_pairs: correlations[0]?.min_pairs ?? DEFAULT_MIN_PAIRS };
      }),
    ),
  trends: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/api/trends', tags: ['analytics'], summary: 'Monthly trends per task, dataset and metric' } })
    .input(TrendsInputSchema)
    .use(cachedPerVersion)
    .output(TrendsOutputSchema)
    .query(({ ctx, input }) =>
      translate(() => {
        const v = datasetFor(ctx, input.include_synthetic);
        assertKnownTask(v, input.task_type, ctx.maxMemoEntries);
        return {
          trend_data: v.analytics.trends.filter(
            (p) =>
              (!input.task_type || p.task_type === input.task_type) &&
              (!input.dataset_name || p.dataset_name === input.dataset_name || p.variant === input.dataset_name) &&
              (!input.metric_name || p.metric_name === input.metric_name),
          ),
        };
      }),
    ),
});
