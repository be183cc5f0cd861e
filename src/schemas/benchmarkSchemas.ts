// The wire contract: the seed API's shapes (field names kept so existing clients keep working),
// extended with provenance, direction and scale. One shape end to end: enrich produces these,
// analytics reads them, the router validates them on the way out.
import { z } from 'zod';

export const DirectionSchema = z.enum(['higher', 'lower']);
export type Direction = z.infer<typeof DirectionSchema>;

/** fraction: canonical 0–1 (accuracy-like, error rates); points: 0–100 (BLEU, chrF); raw: unbounded (perplexity, loss). */
export const ScaleSchema = z.enum(['fraction', 'points', 'raw']);
export type Scale = z.infer<typeof ScaleSchema>;

/**
 * Where a value came from: a model card's model-index on the Hub, a snapshot file, a model zoo's
 * published metafile, or invented on request.
 */
export const ResultSourceSchema = z.enum(['model-card', 'snapshot', 'model-zoo', 'synthetic']);
export type ResultSource = z.infer<typeof ResultSourceSchema>;

export const FamilySourceSchema = z.enum(['config', 'tags', 'name', 'unknown']);
export const ParameterSourceSchema = z.enum(['safetensors', 'gguf', 'model-zoo', 'name', 'unknown']);

/** Where a model that is not a Hub repo is described. */
export const ModelLinksSchema = z.object({
  paper: z.string().optional(),
  code: z.string().optional(),
  config: z.string().optional(),
  weights: z.string().optional(),
});

export const ModelInfoSchema = z.object({
  model_id: z.string().min(1),
  model_name: z.string().min(1),
  model_family: z.string().min(1),
  family_source: FamilySourceSchema,
  model_size: z.string().optional(),
  parameter_count: z.number().int().positive().optional(),
  parameter_source: ParameterSourceSchema,
  task_type: z.string().min(1),
  pipeline_tag: z.string().optional(),
  created_at: z.string().optional(),
  last_modified: z.string().optional(),
  downloads: z.number().int().nonnegative().optional(),
  likes: z.number().int().nonnegative().optional(),
  library_name: z.string().optional(),
  license: z.string().optional(),
  tags: z.array(z.string()),
  /** The model's Hub page; absent for models that are not Hub repos (model-zoo models). */
  hub_url: z.string().optional(),
  /** For models that are not Hub repos: the model zoo they come from ("openmmlab/mmdet") and its links. */
  model_zoo: z.string().optional(),
  links: ModelLinksSchema.optional(),
  /** FLOPs per forward pass, as the model zoo states them. */
  flops: z.number().positive().optional(),
  flops_source: z.enum(['model-zoo']).optional(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const EvaluationResultSchema = z.object({
  /** Human-readable metric name ("accuracy", "normalized accuracy", "word error rate"). */
  metric_name: z.string().min(1),
  /** Canonical metric id ("accuracy", "exact_match", "wer"); unknown metrics keep their own id. */
  metric_type: z.string().min(1),
  /** The registry entry this result was mapped through (or the raw id when unknown). */
  metric_id: z.string().min(1),
  /** Value in the metric's canonical scale (fractions in 0–1 for accuracy-like metrics). */
  value: z.number(),
  direction: DirectionSchema,
  scale: ScaleSchema,
  /** The value exactly as the source published it, and on which scale. */
  original_value: z.number(),
  original_scale: z.enum(['fraction', 'percent', 'points', 'raw']),
  dataset_name: z.string().min(1),
  dataset_type: z.string().optional(),
  dataset_config: z.string().optional(),
  dataset_split: z.string().min(1),
  task_type: z.string().min(1),
  source: ResultSourceSchema,
  /** True only when the Hub marked the metric as verified; everything else is reported by someone. */
  verified: z.boolean(),
  source_name: z.string().optional(),
  source_url: z.string().optional(),
  /** For snapshot results: which file, and the date of its data. */
  snapshot_file: z.string().optional(),
  snapshot_date: z.string().optional(),
});
export type EvaluationResult = z.infer<typeof EvaluationResultSchema>;

export const BenchmarkRecordSchema = z.object({
  model_info: ModelInfoSchema,
  evaluation_results: z.array(EvaluationResultSchema),
  evaluated_at: z.string(),
});
export type BenchmarkRecord = z.infer<typeof BenchmarkRecordSchema>;

const NumberRecord = z.record(z.string(), z.number());

export const TopModelSchema = z.object({
  model_id: z.string(),
  model_name: z.string(),
  dataset_name: z.string(),
  metric_name: z.string(),
  value: z.number(),
});

export const TaskStatSchema = z.object({
  task_type: z.string(),
  model_count: z.number().int(),
  dataset_count: z.number().int(),
  result_count: z.number().int(),
  /** metric_name → mean value (canonical scale) over every result of that metric in the task. */
  avg_performance: NumberRecord,
  top_models: z.array(TopModelSchema),
});
export type TaskStat = z.infer<typeof TaskStatSchema>;

export const DatasetStatSchema = z.object({
  dataset_name: z.string(),
  task_type: z.string(),
  model_count: z.number().int(),
  /** The metric with the most results on this dataset; `overall` below is computed over it. */
  primary_metric: z.string(),
  direction: DirectionSchema,
  /** metric_name → value, plus `overall` (primary metric, canonical scale). Best/worst respect direction. */
  avg_performance: NumberRecord,
  best_performance: NumberRecord,
  worst_performance: NumberRecord,
});
export type DatasetStat = z.infer<typeof DatasetStatSchema>;

export const FamilyStatSchema = z.object({
  model_family: z.string(),
  model_count: z.number().int(),
  avg_parameters: z.number().optional(),
  models_with_parameters: z.number().int(),
  avg_performance: NumberRecord,
  task_distribution: z.record(z.string(), z.number().int()),
});
export type FamilyStat = z.infer<typeof FamilyStatSchema>;

export const TrendPointSchema = z.object({
  task_type: z.string(),
  dataset_name: z.string(),
  metric_name: z.string(),
  /** First day of the month, ISO-8601. */
  date: z.string(),
  model_count: z.number().int(),
  avg_value: z.number(),
  best_value: z.number(),
});
export type TrendPoint = z.infer<typeof TrendPointSchema>;

export const SummarySchema = z.object({
  total_models: z.number().int(),
  total_datasets: z.number().int(),
  total_results: z.number().int(),
  task_stats: z.array(TaskStatSchema),
  dataset_stats: z.array(DatasetStatSchema),
  model_family_stats: z.array(FamilyStatSchema),
  trend_data: z.array(TrendPointSchema),
  last_updated: z.string(),
});
export type Summary = z.infer<typeof SummarySchema>;

/** Seed shape: a complete, square, symmetric Pearson matrix over metrics that all pair well. */
export const CorrelationMatrixSchema = z.object({
  task_type: z.string(),
  metrics: z.array(z.string()),
  correlation_matrix: z.array(z.array(z.number())),
  method: z.literal('pearson'),
  /** Paired-model counts behind each cell. */
  n_matrix: z.array(z.array(z.number().int())),
  min_pairs: z.number().int(),
});
export type CorrelationMatrix = z.infer<typeof CorrelationMatrixSchema>;

/** Rich view: one entry per metric pair with enough paired models, both methods. */
export const CorrelationPairSchema = z.object({
  task_type: z.string(),
  metric_a: z.string(),
  metric_b: z.string(),
  n: z.number().int(),
  pearson: z.number(),
  spearman: z.number(),
});
export type CorrelationPair = z.infer<typeof CorrelationPairSchema>;

export const LeaderboardEntrySchema = z.object({
  rank: z.number().int().positive(),
  model_info: ModelInfoSchema,
  primary_metric: EvaluationResultSchema,
  secondary_metrics: z.array(EvaluationResultSchema),
  /** Score per decade of parameters: value / log10(parameter_count). Higher-is-better metrics with a known size only. */
  efficiency_score: z.number().optional(),
  on_pareto_front: z.boolean(),
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntrySchema>;

export const LeaderboardSchema = z.object({
  task_type: z.string(),
  dataset_name: z.string(),
  metric_name: z.string(),
  metric_type: z.string(),
  direction: DirectionSchema,
  total_entries: z.number().int(),
  entries: z.array(LeaderboardEntrySchema),
  last_updated: z.string(),
});
export type Leaderboard = z.infer<typeof LeaderboardSchema>;
