// One import of model-zoo metafiles, as the CLI and the API run it: bounded input, the zoo named or
// recognised, the files converted, and a report of what was used and what was not (file by file).
// Nothing is imported when no model has a usable result, or, with `strict`, when any file is bad.
import { z } from 'zod';
import { convertMetafiles, type MetafileText } from './convertMetafiles.js';
import type { MetafileImport } from './mergeMetafileImport.js';
import { identifyZoo, ZOO_ID } from './modelZoos.js';
import { METAFILE_LIMITS } from './readMetafileTree.js';

export const MetafileImportReportSchema = z.object({
  zoo: z.object({ id: z.string(), name: z.string() }),
  files_read: z.number().int(),
  models: z.number().int(),
  results: z.number().int(),
  by_task: z.record(z.string(), z.object({ models: z.number().int(), results: z.number().int() })),
  /** Files that were not used, each with the reason. */
  file_errors: z.array(z.object({ file: z.string(), reason: z.string() })),
  /** Models in the files that did not become records, by reason. */
  models_left_out: z.record(z.string(), z.number().int()),
  /** Metric values not imported, by reason. */
  values_left_out: z.record(z.string(), z.number().int()),
  notes: z.record(z.string(), z.number().int()),
});
export type MetafileImportReport = z.infer<typeof MetafileImportReportSchema>;

export const MetafileImportOptionsSchema = z.object({
  zoo: z.string().regex(ZOO_ID, 'a zoo id such as "openmmlab/mmdet" (lower-case letters, digits, . _ -, one optional /)').optional(),
  strict: z.boolean().optional(),
});

export class MetafileImportError extends Error {
  override name = 'MetafileImportError';
  constructor(
    message: string,
    readonly report?: MetafileImportReport,
  ) {
    super(message);
  }
}

const describe = (errors: MetafileImportReport['file_errors']) =>
  errors.slice(0, 5).map((e) => `${e.file}: ${e.reason}`).join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : '');

export function prepareMetafileImport(
  files: readonly MetafileText[],
  options: { zoo?: string; strict?: boolean; label: string; filePrefix?: string },
): { input: MetafileImport; report: MetafileImportReport } {
  if (files.length === 0) throw new MetafileImportError('no files to import');
  if (files.length > METAFILE_LIMITS.maxFiles) throw new MetafileImportError(`more than ${METAFILE_LIMITS.maxFiles} files in one import`);
  let total = 0;
  for (const f of files) {
    total += f.text.length;
    if (f.text.length > METAFILE_LIMITS.maxFileBytes) throw new MetafileImportError(`${f.path}: larger than ${METAFILE_LIMITS.maxFileBytes} characters; not a metafile`);
  }
  if (total > METAFILE_LIMITS.maxTotalBytes) throw new MetafileImportError(`the files together are larger than ${METAFILE_LIMITS.maxTotalBytes} characters`);

  const zoo = { ...identifyZoo(files, { zoo: options.zoo, fallbackName: options.label }), filePrefix: options.filePrefix };
  const { models, stats } = convertMetafiles(files, zoo);
  const report: MetafileImportReport = {
    zoo: { id: zoo.id, name: zoo.name },
    files_read: stats.files,
    models: models.length,
    results: stats.results,
    by_task: stats.by_task,
    file_errors: stats.file_errors,
    models_left_out: stats.dropped_rows,
    values_left_out: stats.skipped_values,
    notes: stats.notes,
  };
  if (options.strict && stats.file_errors.length > 0) {
    throw new MetafileImportError(`import refused (strict), nothing changed: ${describe(stats.file_errors)}`, report);
  }
  if (models.length === 0) {
    const why = [
      stats.file_errors.length > 0 ? describe(stats.file_errors) : '',
      Object.entries({ ...stats.dropped_rows, ...stats.skipped_values }).map(([k, n]) => `${k} (${n})`).join(', '),
    ].filter(Boolean).join('; ');
    throw new MetafileImportError(`no model with a usable result, nothing changed${why ? `: ${why}` : ''}`, report);
  }
  return { input: { zoo, file: options.label, models }, report };
}
