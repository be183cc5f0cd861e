// Shapes of the Hub's Community Evals as this app stores them: benchmark definitions read from each
// benchmark dataset's `eval.yaml`, and what a crawl of the benchmarks met (counted, never fatal).
// Models' `evalResults` entries (and leaderboard rows stored in their shape) stay raw JSON in
// `HubModel.evalResults`; parseEvalResults checks every field.
import { z } from 'zod';

/** One task of a benchmark's eval.yaml (`tasks[]{id, config?, split?}`); unknown fields are kept. */
export const BenchmarkTaskSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  config: z.string().optional(),
  split: z.string().optional(),
  /** Set only when the eval.yaml says so (`lower_is_better` or `higher_is_better`). */
  lower_is_better: z.boolean().optional(),
});
export type BenchmarkTask = z.infer<typeof BenchmarkTaskSchema>;

/** A benchmark dataset on the Hub as a crawl read it. */
export const BenchmarkInfoSchema = z.looseObject({
  /** The benchmark dataset's Hub id (`Idavidrein/gpqa`). */
  id: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  evaluation_framework: z.string().optional(),
  tasks: z.array(BenchmarkTaskSchema),
  /** read: eval.yaml parsed; missing: the dataset has none; invalid: it is not a YAML mapping. */
  eval_yaml: z.enum(['read', 'missing', 'invalid']),
  /** Listed by `filter=benchmark:official`. */
  official: z.boolean().optional(),
  lower_is_better: z.boolean().optional(),
  /** eval.yaml fields this app does not know yet (plain values only). */
  extra: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Leaderboard rows read (before any were skipped). */
  leaderboard_rows: z.number().int().nonnegative(),
  /** When its eval.yaml and leaderboard were read (ISO). */
  read_at: z.string(),
  /** What could not be used, in words (a malformed task, rows skipped and why). */
  problems: z.array(z.string()),
});
export type BenchmarkInfo = z.infer<typeof BenchmarkInfoSchema>;

/** What a refresh's benchmark crawl did, for cache-status. */
export const CommunityEvalsReportSchema = z.object({
  benchmarks_listed: z.number().int().nonnegative(),
  benchmarks_read: z.number().int().nonnegative(),
  without_eval_yaml: z.number().int().nonnegative(),
  failed: z.array(z.object({ benchmark: z.string(), reason: z.string() })),
  leaderboard_rows: z.number().int().nonnegative(),
  /** Rows and eval.yaml entries not used, by reason (`no_model_id`, `non_numeric_value`, `task_not_named`, …). */
  skipped: z.record(z.string(), z.number().int().nonnegative()),
  /** Models met only on leaderboards whose metadata has been read / is still to be read. */
  models_looked_up: z.number().int().nonnegative(),
  models_pending: z.number().int().nonnegative(),
  lookups_failed: z.number().int().nonnegative(),
  /** Every benchmark and every model's metadata read; otherwise the next refresh continues. */
  crawl_complete: z.boolean(),
});
export type CommunityEvalsReport = z.infer<typeof CommunityEvalsReportSchema>;
