// Snapshots for air-gapped analysts: export the current dataset as one portable file, import one
// (validated first; a bad file is refused and the current data stays untouched).
import { z } from 'zod';
import { SnapshotFileSchema } from '../schemas/snapshotSchemas.js';
import { combineLayersForExport } from '../snapshot/combineLayersForExport.js';
import { validateSnapshotData } from '../snapshot/parseSnapshot.js';
import { CacheStatusSchema } from './apiSchemas.js';
import { datasetFor, translate } from './datasetFor.js';
import { publicProcedure, router } from './trpc.js';

export const snapshotRouter = router({
  export: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/api/snapshot/export',
        tags: ['snapshot'],
        summary: 'The current dataset as a portable snapshot file',
        description: 'The fetched or imported data if there is any, else the bundled snapshot, with imported model-zoo metafiles folded in: raw Hub-shaped records with their sources and fetch date. Import it with POST /api/snapshot/import.',
      },
    })
    .input(z.void())
    .output(SnapshotFileSchema)
    .query(async ({ ctx }) => {
      datasetFor(ctx);
      return combineLayersForExport(await ctx.cache.exportLayers());
    }),
  import: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/snapshot/import',
        tags: ['snapshot'],
        summary: 'Replace the fetched data with a snapshot file',
        description: 'The body is a snapshot file as exported (JSON). It is validated before anything changes; the bundled snapshot stays underneath.',
      },
    })
    // Any JSON object: the snapshot reader checks it (format and version first), so a wrong file is
    // refused in the same words as by the CLI, not with a list of schema differences.
    .input(z.looseObject({}).describe('A snapshot file as GET /api/snapshot/export writes it (its shape is documented there)'))
    .output(CacheStatusSchema)
    .mutation(({ ctx, input }) => translate(() => ctx.cache.importSnapshot(validateSnapshotData(input, 'the file')))),
});
