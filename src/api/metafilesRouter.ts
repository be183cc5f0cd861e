// Model-zoo metafiles: import a zoo's results tables (their texts, as JSON) into a layer of their
// own. Checked before anything changes; the report names every file that was not used and why.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { MetafileImportError, MetafileImportOptionsSchema, MetafileImportReportSchema, prepareMetafileImport } from '../snapshot/prepareMetafileImport.js';
import { METAFILE_LIMITS } from '../snapshot/readMetafileTree.js';
import { CacheStatusSchema } from './apiSchemas.js';
import { toTRPCError } from './apiErrors.js';
import { publicProcedure, router } from './trpc.js';

export const MetafileImportInputSchema = MetafileImportOptionsSchema.extend({
  files: z
    .array(
      z.object({
        path: z.string().min(1).max(1000).describe('The file\'s path in the zoo ("configs/resnet/metafile.yml", "model-index.yml"); Import lists are resolved against it.'),
        text: z.string().max(METAFILE_LIMITS.maxFileBytes).describe('The YAML text.'),
      }),
    )
    .min(1)
    .max(METAFILE_LIMITS.maxFiles),
  label: z.string().min(1).max(300).optional().describe('What was imported (a folder name), shown as the source\'s file.'),
});

export const MetafileImportOutputSchema = z.object({ report: MetafileImportReportSchema, status: CacheStatusSchema });

export const metafilesRouter = router({
  import: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/metafiles/import',
        tags: ['metafiles'],
        summary: 'Import model-zoo metafiles (Papers-with-Code format)',
        description:
          'The body holds the files\' texts: a zoo\'s model-index.yml (its Import list is followed) and the metafiles it lists, or metafiles alone. ' +
          'Models get ids namespaced by the zoo (`zoo`, or recognised from the files\' links). Files that do not parse are named in the report and skipped ' +
          '(`strict: true` refuses the whole import instead); with no usable model the import is refused (400) and nothing changes. ' +
          'Imported models live in a layer of their own, kept across restarts and included in exports.',
      },
    })
    .input(MetafileImportInputSchema)
    .output(MetafileImportOutputSchema)
    .mutation(async ({ ctx, input }) => {
      let prepared;
      try {
        prepared = prepareMetafileImport(input.files, {
          zoo: input.zoo,
          strict: input.strict,
          label: input.label ?? (input.files.length === 1 ? input.files[0].path : `${input.files.length} metafiles`),
        });
      } catch (error) {
        if (error instanceof MetafileImportError) throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
        throw toTRPCError(error);
      }
      try {
        const status = await ctx.cache.importMetafiles(prepared.input);
        return { report: prepared.report, status };
      } catch (error) {
        throw toTRPCError(error);
      }
    }),
});
