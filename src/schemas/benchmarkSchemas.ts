// The wire contract: the seed API's shapes (field names kept so existing clients keep working),
// extended with provenance, direction and scale. One shape end to end: enrich produces these,
// analytics reads them, the router validates them on the way out.
import { z } from 'zod';

/** `unknown`: a metric the registry does not know and whose name gives no direction; never ranked. */
export const DirectionSchema = z.enum(['higher', 'lower', 'unknown']);
export type Direction = z.infer<typeof DirectionSchema>;

/** fraction: canonical 0–1 (accuracy-like, error rates); points: 0–100 (BLEU, chrF); raw: unbounded (perplexity, loss). */
export const ScaleSchema = z.enum(['fraction', 'points', 'raw']);
export type Scale = z.infer<typeof ScaleSchema>;

/**
 * Where a value came from: a model card's model-index on the Hub, a Hub Community Evals file
 * (`.eval_results/*.yaml` of the model repo, or a benchmark leaderboard's row of one), a snapshot
 * file, a model zoo's published metafile, or invented on request.
 */
export const ResultSourceSchema = z.enum(['model-card', 'community-evals', 'snapshot', 'model-zoo', 'synthetic']);
export type ResultSource = z.infer<typeof ResultSourceSchema>;

/** config: config.model_type; architecture: config.architectures (transformers) or config.architecture (timm). */
export const FamilySourceSchema = z.enum(['config', 'architecture', 'tags', 'name', 'unknown']);
/**
 * Where a parameter count came from, most to least trusted: the Hub's safetensors metadata of that
 * repo, a GGUF header, a model zoo's own metadata, a leaderboard export's metadata column, the name.
 */
export const ParameterSourceSchema = z.enum(['safetensors', 'gguf', 'model-zoo', 'leaderboard', 'name', 'unknown']);

/** The seed's size classes, smallest first (bands in `src/pipeline/sizeClass.ts`). */
export const SizeClassSchema = z.enum(['tiny', 'small', 'base', 'large', 'xl', 'xxl']);
export type SizeClass = z.infer<typeof SizeClassSchema>;

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
  /** The architecture the config names (config.architectures[0], or timm's config.architecture). */
  architecture: z.string().optional(),
  /** Size class from parameter_count; absent when the count is unknown. */
  model_size: SizeClassSchema.optional(),
  /** parameter_count for reading ("7.24B"); absent when the count is unknown. */
  model_size_label: z.string().optional(),
  parameter_count: z.number().int().positive().optional(),
  parameter_source: ParameterSourceSchema,
  /**
   * Set when the count is not to be trusted (it disagrees with the size in the name by more than 2×,
   * packed quantized weights, implausible for the architecture): why. Such a count stays visible but
   * is left out of the Pareto front, efficiency and size-filter edges.
   */
  parameter_suspect: z.string().optional(),
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
  /** Met only on a benchmark leaderboard and its metadata (size, family, date, tags) not read yet. */
  metadata_pending: z.boolean().optional(),
  /** The models this one declares as its base (`base_model` in its card): a fine-tune, merge, quantization or adapter. */
  base_models: z.array(z.string()).optional(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/** One more source of a measurement already carried by a result. */
export const OtherSourceSchema = z.object({
  source: ResultSourceSchema,
  verified: z.boolean(),
  value: z.number(),
  original_value: z.number(),
  source_name: z.string().optional(),
  source_url: z.string().optional(),
  snapshot_file: z.string().optional(),
  snapshot_date: z.string().optional(),
  /** Community Evals: the result is proposed by an open pull request on the model repo (not merged). */
  community: z.boolean().optional(),
  /** Community Evals: that pull request's number. */
  pull_request: z.number().int().positive().optional(),
  /** Community Evals: the setup as its `notes` say ("tools", "chain-of-thought"). */
  notes: z.string().optional(),
  /** Community Evals: when the evaluation ran (ISO), where the file says. */
  eval_date: z.string().optional(),
  /** Community Evals: the file in the model repo the result came from (`.eval_results/gpqa.yaml`). */
  eval_file: z.string().optional(),
});

export type OtherSource = z.infer<typeof OtherSourceSchema>;

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
  /** Canonical benchmark id (the Hub dataset id where known, through the alias table). */
  benchmark: z.string().optional(),
  /** What changes the number beyond dataset and metric: "5-shot", "leaderboard-normalized", notes. */
  setup: z.string().optional(),
  /** The measurement key (task|benchmark|config|split|metric|setup): results with one key measure one thing. */
  key: z.string().optional(),
  source: ResultSourceSchema,
  /** True only when the Hub marked the metric as verified; everything else is reported by someone. */
  verified: z.boolean(),
  source_name: z.string().optional(),
  source_url: z.string().optional(),
  /** For snapshot results: which file, and the date of its data. */
  snapshot_file: z.string().optional(),
  snapshot_date: z.string().optional(),
  /** Community Evals: the result is proposed by an open pull request on the model repo (not merged). */
  community: z.boolean().optional(),
  /** Community Evals: that pull request's number. */
  pull_request: z.number().int().positive().optional(),
  /** Community Evals: the setup as its `notes` say ("tools", "chain-of-thought"). */
  notes: z.string().optional(),
  /** Community Evals: when the evaluation ran (ISO), where the file says. */
  eval_date: z.string().optional(),
  /** Community Evals: the file in the model repo the result came from (`.eval_results/gpqa.yaml`). */
  eval_file: z.string().optional(),
  /** Community Evals: the benchmark's task id (from its eval.yaml), e.g. `gpqa_diamond`. */
  benchmark_task: z.string().optional(),
  /** The same measurement as published by other sources (another layer: snapshot, import, Hub), with their values. */
  other_sources: z.array(OtherSourceSchema).optional(),
});
export type EvaluationResult = z.infer<typeof EvaluationResultSchema>;

export const BenchmarkRecordSchema = z.object({
  model_info: ModelInfoSchema,
  evaluation_results: z.array(EvaluationResultSchema),
  evaluated_at: z.string(),
});
export type BenchmarkRecord = z.infer<typeof BenchmarkRecordSchema>;

const NumberRecord = z.record(z.string(), z.number());

export const TopResultSchema = z.object({
  model_id: z.string(),
  model_name: z.string(),
  dataset_name: z.string(),
  metric_name: z.string(),
  value: z.number(),
});
export type TopResult = z.infer<typeof TopResultSchema>;

export const TaskStatSchema = z.object({
  task_type: z.string(),
  model_count: z.number().int(),
  dataset_count: z.number().int(),
  result_count: z.number().int(),
  /** metric_name → mean value (canonical scale) over every result of that metric in the task. */
  avg_metrics: NumberRecord,
  /** Model ids, best first, on the task's most-populated benchmark and metric (the one in top_results). */
  top_models: z.array(z.string()),
  /** The same models with the result that ranks them. */
  top_results: z.array(TopResultSchema),
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
  family: z.string(),
  model_count: z.number().int(),
  /** Mean parameter_count over the models_with_parameters models whose size is known; absent when none is. */
  avg_parameter_count: z.number().optional(),
  models_with_parameters: z.number().int(),
  avg_performance: NumberRecord,
  task_distribution: z.record(z.string(), z.number().int()),
});
export type FamilyStat = z.infer<typeof FamilyStatSchema>;

export const TrendPointSchema = z.object({
  task_type: z.string(),
  dataset_name: z.string(),
  metric_name: z.string(),
  /** The measurement the point follows, and its display label. */
  key: z.string(),
  variant: z.string(),
  metric_type: z.string(),
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
  /** One series per task and metric type (see computeTrends); every series is in /api/trends. */
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
  /** 95 % confidence bounds of each Pearson cell (Fisher's z); null where n ≤ 3. */
  ci_low_matrix: z.array(z.array(z.number().nullable())),
  ci_high_matrix: z.array(z.array(z.number().nullable())),
});
export type CorrelationMatrix = z.infer<typeof CorrelationMatrixSchema>;

/** Rich view: one entry per metric pair with enough paired models, both methods. */
export const CorrelationPairSchema = z.object({
  task_type: z.string(),
  metric_a: z.string(),
  metric_b: z.string(),
  n: z.number().int(),
  pearson: z.number(),
  /** 95 % confidence interval of `pearson` by Fisher's z; absent when n ≤ 3. */
  pearson_ci_low: z.number().optional(),
  pearson_ci_high: z.number().optional(),
  spearman: z.number(),
});
export type CorrelationPair = z.infer<typeof CorrelationPairSchema>;

export const LeaderboardEntrySchema = z.object({
  rank: z.number().int().positive(),
  model_info: ModelInfoSchema,
  primary_metric: EvaluationResultSchema,
  secondary_metrics: z.array(EvaluationResultSchema),
  /**
   * Size-adjusted score: this model's score as a share of the best score reached on this leaderboard
   * by any model of its size or smaller (1 = on the size frontier; 0.8 = it reaches 80 % of what the
   * best model no larger than it reaches). Absent for unknown or suspect sizes, and for metrics
   * without a fixed zero (raw scale) or a known direction.
   */
  efficiency_score: z.number().optional(),
  on_pareto_front: z.boolean(),
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntrySchema>;

/** What identifies a leaderboard: one measurement (see pipeline/measurementKey), and how it is shown. */
export const BoardIdentitySchema = z.object({
  task_type: z.string(),
  /** The benchmark's display name; a benchmark can have several leaderboards (configs, splits, setups). */
  dataset_name: z.string(),
  metric_name: z.string(),
  /** The measurement key every entry shares: task|benchmark|config|split|metric|setup. */
  key: z.string(),
  /** Canonical benchmark id. */
  benchmark: z.string(),
  dataset_config: z.string().optional(),
  dataset_split: z.string(),
  setup: z.string().optional(),
  /** How this leaderboard is told apart: name · config · split · setup. */
  variant: z.string(),
});
export type BoardIdentity = z.infer<typeof BoardIdentitySchema>;

/** A leaderboard's identity fields, copied from anything that has them (a metric key, a leaderboard). */
export function boardIdentity(b: BoardIdentity): BoardIdentity {
  const out: BoardIdentity = {
    task_type: b.task_type,
    dataset_name: b.dataset_name,
    metric_name: b.metric_name,
    key: b.key,
    benchmark: b.benchmark,
    dataset_split: b.dataset_split,
    variant: b.variant,
  };
  if (b.dataset_config !== undefined) out.dataset_config = b.dataset_config;
  if (b.setup !== undefined) out.setup = b.setup;
  return out;
}

export const LeaderboardSchema = BoardIdentitySchema.extend({
  metric_type: z.string(),
  direction: DirectionSchema,
  total_entries: z.number().int(),
  entries: z.array(LeaderboardEntrySchema),
  last_updated: z.string(),
});
export type Leaderboard = z.infer<typeof LeaderboardSchema>;
