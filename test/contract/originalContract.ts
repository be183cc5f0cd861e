// The original backend's response models (docs/CONTRACT.md), one zod schema each: every original
// field by its name and JSON type, required where the original always sent it, and open to the
// fields this API adds (z.looseObject). Optional fields of the original may be absent here, never
// null: this API leaves out what it does not know.
import { z } from 'zod';

const datetime = z.iso.datetime({ offset: true });
const int = z.number().int();
/** dict[str, float] */
const NumberDict = z.record(z.string(), z.number());
/** dict[str, int] */
const IntDict = z.record(z.string(), int);

export const ORIGINAL_SIZE_CLASSES = ['tiny', 'small', 'base', 'large', 'xl', 'xxl'] as const;

export const OriginalModelInfoSchema = z.looseObject({
  model_id: z.string(),
  model_name: z.string(),
  model_family: z.string(),
  model_size: z.enum(ORIGINAL_SIZE_CLASSES).optional(),
  parameter_count: int.optional(),
  task_type: z.string(),
  created_at: datetime.optional(),
  last_modified: datetime.optional(),
  downloads: int.optional(),
  likes: int.optional(),
  library_name: z.string().optional(),
  license: z.string().optional(),
  pipeline_tag: z.string().optional(),
  tags: z.array(z.string()),
});

export const OriginalEvaluationResultSchema = z.looseObject({
  metric_name: z.string(),
  metric_type: z.string(),
  value: z.number(),
  dataset_name: z.string(),
  dataset_config: z.string().optional(),
  dataset_split: z.string(),
});

export const OriginalBenchmarkEntrySchema = z.looseObject({
  model_info: OriginalModelInfoSchema,
  evaluation_results: z.array(OriginalEvaluationResultSchema),
  evaluated_at: datetime.optional(),
});

export const OriginalTaskStatsSchema = z.looseObject({
  task_type: z.string(),
  model_count: int,
  dataset_count: int,
  avg_metrics: NumberDict,
  top_models: z.array(z.string()),
});

export const OriginalDatasetStatsSchema = z.looseObject({
  dataset_name: z.string(),
  task_type: z.string(),
  model_count: int,
  avg_performance: NumberDict,
  best_performance: NumberDict,
  worst_performance: NumberDict,
});

export const OriginalModelFamilyStatsSchema = z.looseObject({
  family: z.string(),
  model_count: int,
  avg_parameter_count: z.number().optional(),
  avg_performance: NumberDict,
  task_distribution: IntDict,
});

export const OriginalTrendDataSchema = z.looseObject({
  date: datetime,
  task_type: z.string(),
  metric_name: z.string(),
  avg_value: z.number(),
  model_count: int,
  best_value: z.number(),
});

export const OriginalBenchmarkSummarySchema = z.looseObject({
  total_models: int,
  total_datasets: int,
  task_stats: z.array(OriginalTaskStatsSchema),
  dataset_stats: z.array(OriginalDatasetStatsSchema),
  model_family_stats: z.array(OriginalModelFamilyStatsSchema),
  trend_data: z.array(OriginalTrendDataSchema),
  last_updated: datetime,
});

export const OriginalCorrelationMatrixSchema = z
  .looseObject({
    metrics: z.array(z.string()),
    correlation_matrix: z.array(z.array(z.number())),
    task_type: z.string(),
  })
  .refine((m) => m.correlation_matrix.length === m.metrics.length && m.correlation_matrix.every((row) => row.length === m.metrics.length), {
    message: 'correlation_matrix is not square in the order of metrics',
  });

export const OriginalLeaderboardEntrySchema = z.looseObject({
  rank: int.min(1),
  model_info: OriginalModelInfoSchema,
  primary_metric: OriginalEvaluationResultSchema,
  secondary_metrics: z.array(OriginalEvaluationResultSchema),
  efficiency_score: z.number().optional(),
});

export const OriginalLeaderboardSchema = z.looseObject({
  task_type: z.string(),
  dataset_name: z.string(),
  metric_name: z.string(),
  entries: z.array(OriginalLeaderboardEntrySchema),
  last_updated: datetime,
});

export const OriginalBenchmarkResponseSchema = z.looseObject({
  data: z.array(OriginalBenchmarkEntrySchema),
  summary: OriginalBenchmarkSummarySchema,
  correlations: z.array(OriginalCorrelationMatrixSchema),
  leaderboards: z.array(OriginalLeaderboardSchema),
});
export type OriginalBenchmarkResponse = z.infer<typeof OriginalBenchmarkResponseSchema>;

export const OriginalRootSchema = z.looseObject({
  message: z.string(),
  version: z.string(),
  docs: z.string(),
  endpoints: z.object({ health: z.string(), benchmarks: z.string(), refresh: z.string() }).catchall(z.string()),
});

export const OriginalHealthSchema = z.looseObject({
  status: z.literal('healthy'),
  timestamp: datetime,
  version: z.string(),
});

export const OriginalRefreshSchema = z.looseObject({
  message: z.string(),
  timestamp: datetime,
});

export const OriginalCacheStatusSchema = z.looseObject({
  cache_valid: z.boolean(),
  last_updated: datetime.nullable(),
  ttl_minutes: int,
  has_data: z.boolean(),
  data_count: int,
});

export const OriginalErrorSchema = z.looseObject({ detail: z.string() });

/**
 * Where a value breaks a schema, one line per field: array indexes folded to `[]` and repeats counted,
 * so a renamed field reads as one line ("summary.model_family_stats[].family: … (×58)"), not thousands.
 */
export function contractViolations(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  const counts = new Map<string, number>();
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'number' ? '[]' : `.${String(p)}`)).join('').replace(/^\./, '') || '(root)';
    const line = `${path}: ${issue.message}`;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [...counts].map(([line, n]) => (n > 1 ? `${line} (×${n})` : line));
}
