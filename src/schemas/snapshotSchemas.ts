// The one portable dataset file format: the bundled snapshot, exports, imports and the on-disk
// cache all use it. It holds raw Hub-shaped records, so every dataset runs through the same
// enrich + analytics code whether it came from the Hub or from a file.
import { z } from 'zod';
import { BenchmarkInfoSchema, CommunityEvalsReportSchema } from './communityEvalsSchemas.js';
import { HubRecordSchema } from './hubSchemas.js';

export const SNAPSHOT_FORMAT = 'ml-benchmark-explorer.snapshot';
export const SNAPSHOT_VERSION = 1;

export const SnapshotSourceSchema = z.object({
  /** Human name, e.g. "Open LLM Leaderboard v2 (final export)". */
  name: z.string().min(1),
  /** File the records were built from, relative to data/ (bundled snapshot) or as exported. */
  file: z.string().optional(),
  url: z.string().optional(),
  license: z.string().optional(),
  /** ISO date of the source's data. */
  date: z.string().optional(),
  model_count: z.number().int().nonnegative().optional(),
});
export type SnapshotSource = z.infer<typeof SnapshotSourceSchema>;

export const SnapshotFileSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  /** "bundled": built from the sources in data/; "hub": fetched live from the Hub; "metafiles": imported model-zoo metafiles. */
  origin: z.enum(['bundled', 'hub', 'metafiles']),
  /** When this file was written (ISO). */
  created_at: z.string(),
  /** When its data was fetched or, for bundled data, the date of the newest source (ISO). */
  fetched_at: z.string(),
  tasks: z.array(z.string()),
  sources: z.array(SnapshotSourceSchema),
  /** Set when this copy was imported from a file (ISO), rather than fetched here. */
  imported_at: z.string().optional(),
  /** Results are partial when some tasks failed to fetch. */
  partial: z.boolean().default(false),
  failed_tasks: z.array(z.object({ task: z.string(), reason: z.string() })).default([]),
  models: z.array(HubRecordSchema),
  /** Benchmark datasets read from the Hub (eval.yaml and leaderboard); absent when none were. */
  benchmarks: z.array(BenchmarkInfoSchema).optional(),
  /** What the benchmark crawl of this fetch met: counts of skipped entries, models still pending. */
  community_evals: CommunityEvalsReportSchema.optional(),
});
export type SnapshotFile = z.infer<typeof SnapshotFileSchema>;
