// Models: filtered, sorted, paginated listing and one model by id (with its leaderboard ranks).
import { ModelByIdInputSchema, ModelDetailSchema, ModelsListInputSchema, ModelsListOutputSchema } from './apiSchemas.js';
import { datasetFor, translate } from './datasetFor.js';
import { getModel, listModels } from './datasetQueries.js';
import { cachedPerVersion, publicProcedure, router } from './trpc.js';

export const modelsRouter = router({
  list: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/api/models', tags: ['models'], summary: 'Models, filtered, sorted and paginated' } })
    .input(ModelsListInputSchema)
    .use(cachedPerVersion)
    .output(ModelsListOutputSchema)
    .query(({ ctx, input }) => translate(() => listModels(datasetFor(ctx, input.include_synthetic), input, ctx.maxMemoEntries))),
  byId: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/api/models/{model_id}',
        tags: ['models'],
        summary: 'One model with all its results and provenance',
        description: 'Hub ids contain a slash: /api/models/meta-llama/Llama-3.1-8B and /api/models/meta-llama%2FLlama-3.1-8B both work.',
      },
    })
    .input(ModelByIdInputSchema)
    .use(cachedPerVersion)
    .output(ModelDetailSchema)
    .query(({ ctx, input }) => translate(() => getModel(datasetFor(ctx, input.include_synthetic), input.model_id, ctx.maxMemoEntries))),
});
