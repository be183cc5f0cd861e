// Inputs and outputs of the API that are not the seed's record shapes: query parameters (strict
// when they arrive as strings over REST) and the envelopes of the focused queries.
import { z } from 'zod';
import { PARAMETER_TEXT_HINT, parseParameterText } from './parseParameterText.js';
import { CacheStatusSchema, RefreshOutcomeSchema, RefreshProgressSchema, SnapshotSourceOutSchema } from '../cache/cacheSchemas.js';
import { MODEL_TAGS } from '../schemas/modelTags.js';
import { parseModelTypes } from './modelTagFilters.js';
import { BenchmarkInfoSchema, CommunityEvalsReportSchema } from '../schemas/communityEvalsSchemas.js';

export { CacheStatusSchema, RefreshOutcomeSchema, RefreshProgressSchema, SnapshotSourceOutSchema };
import {
  BenchmarkRecordSchema,
  BoardIdentitySchema,
  CorrelationMatrixSchema,
  CorrelationPairSchema,
  DirectionSchema,
  LeaderboardSchema,
  ModelInfoSchema,
  ScaleSchema,
  SummarySchema,
  TrendPointSchema,
} from '../schemas/benchmarkSchemas.js';

/**
 * A boolean that arrives as a real boolean (tRPC) or as the exact strings "true"/"false"/"1"/"0"
 * (REST). Never a coercion: "false" must not become true.
 */
export const queryBoolean = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

/**
 * A number that arrives as a number (tRPC) or as a plain decimal string (REST). "0x10", " 5", "+5"
 * and "" are refused, never coerced (an empty min_params must not silently mean 0).
 */
export const queryNumber = z.union(
  [z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/).transform(Number)],
  { error: 'expected a number (plain decimal digits)' },
);
const num = <T extends z.ZodNumber>(rule: T) => queryNumber.pipe(rule);

/** A parameter count as a number (tRPC) or as text with an optional unit (REST): 7000000000, "7B", "350M", "1.5e9". */
export const queryParameterCount = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d+(\.\d+)?([eE][+-]?\d+)?[kKmMbBtT]?$/)
      .transform((s) => parseParameterText(s)!),
  ], { error: PARAMETER_TEXT_HINT })
  .pipe(z.number().nonnegative().finite());

const text = (max = 200) => z.string().trim().min(1).max(max);

/** The Open LLM Leaderboard's filters: model type (one or a comma list) and its flags. */
const modelTagFilters = {
  model_type: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .transform((text, ctx) => {
      const parsed = parseModelTypes(text);
      if ('types' in parsed) return parsed.types;
      ctx.addIssue({ code: 'custom', message: `unknown model type "${parsed.unknown}"; known: ${MODEL_TAGS.types.join(', ')}` });
      return z.NEVER;
    })
    .describe(`Open LLM Leaderboard model type, one or a comma list: ${MODEL_TAGS.types.join(', ')}. Models without one are left out when set`)
    .optional(),
  merged: queryBoolean.describe('true: only models the leaderboard marks as merges; false: none of them').optional(),
  moe: queryBoolean.describe('true: only mixture-of-experts models (leaderboard flag); false: none of them').optional(),
  flagged: queryBoolean.describe('true: only models the leaderboard flagged (e.g. contaminated or misreported); false: none of them').optional(),
  official_provider: queryBoolean.describe('true: only models from their official provider (leaderboard flag); false: none of them').optional(),
};

/** Which results count: verified only, without open pull requests, base models only. */
const provenanceFilters = {
  verified_only: queryBoolean.optional().describe('true: only verified results (a valid Hub verify token or verified metric). Default false'),
  include_community: queryBoolean
    .default(true)
    .describe('false: leave out results proposed by open pull requests (community results), as the Hub can hide them. Default true'),
  base_models_only: queryBoolean.optional().describe('true: only models that declare no base model (no fine-tunes, merges, quantizations), as Hub leaderboards by default'),
};

export const includeSynthetic = queryBoolean.default(false).describe('Include invented values (marked source "synthetic"). Default false.');

export const ModelsListInputSchema = z.object({
  task_type: text(64).optional(),
  dataset_name: text().optional(),
  family: text(64).optional(),
  search: text().optional().describe('Case-insensitive substring of the model id'),
  min_params: queryParameterCount.optional().describe('Fewest parameters (7000000000, 7B, 350M, 1.5e9); models of unknown size are left out when set'),
  max_params: queryParameterCount.optional().describe('Most parameters (7000000000, 7B, 350M, 1.5e9); models of unknown size are left out when set'),
  has_results: queryBoolean.optional(),
  ...modelTagFilters,
  ...provenanceFilters,
  sort: z
    .enum(['downloads', 'likes', 'created_at', 'parameter_count', 'model_id', 'results', 'match'])
    .default('downloads')
    .describe('"match": with search, the exact id or name first, then ids and names that start with it, then the rest; each group by downloads'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: num(z.number().int().min(1).max(500)).default(50).describe('Page size, 1–500 (default 50)'),
  offset: num(z.number().int().min(0).max(10_000_000)).default(0).describe('Entries to skip (default 0)'),
  include_synthetic: includeSynthetic,
});
export type ModelsListInput = z.infer<typeof ModelsListInputSchema>;

export const ModelsListOutputSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(BenchmarkRecordSchema),
});

export const RankSchema = z.object({
  task_type: z.string(),
  dataset_name: z.string(),
  metric_name: z.string(),
  key: z.string(),
  variant: z.string(),
  rank: z.number().int(),
  total: z.number().int(),
});

export const ModelByIdInputSchema = z.object({
  // Path parameters arrive percent-encoded; Hub ids never contain '%', so decoding is safe.
  model_id: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .transform((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .describe('Hub id, e.g. meta-llama/Llama-3.1-8B (the slash may stay unescaped in the path)'),
  include_synthetic: includeSynthetic,
});

export const ModelDetailSchema = BenchmarkRecordSchema.extend({
  ranks: z.array(RankSchema),
});

export const LeaderboardsInputSchema = z.object({
  task_type: text(64).optional(),
  key: text(600).optional().describe('One leaderboard by its measurement key (from the catalog); other selectors are then ignored'),
  dataset_name: text().optional().describe("Benchmark name, variant label or canonical id (any case); a benchmark can have several leaderboards"),
  metric_name: text().optional(),
  search: text().optional(),
  family: text(64).optional(),
  min_params: queryParameterCount.optional().describe('Fewest parameters (7000000000, 7B, 350M, 1.5e9); models of unknown size are left out when set'),
  max_params: queryParameterCount.optional().describe('Most parameters (7000000000, 7B, 350M, 1.5e9); models of unknown size are left out when set'),
  ...modelTagFilters,
  ...provenanceFilters,
  limit: num(z.number().int().min(1).max(100_000)).default(50).describe('Entries per leaderboard, 1–100000 (default 50)'),
  offset: num(z.number().int().min(0).max(10_000_000)).default(0).describe('Entries to skip (default 0)'),
  include_synthetic: includeSynthetic,
});
export type LeaderboardsInput = z.infer<typeof LeaderboardsInputSchema>;

export const LeaderboardsOutputSchema = z.object({
  total: z.number().int().describe('Number of leaderboards matching task/dataset/metric'),
  leaderboards: z.array(LeaderboardSchema),
});

export const LeaderboardValuesInputSchema = z.object({
  key: text(600).describe('A leaderboard key from the catalog'),
  ...provenanceFilters,
  include_synthetic: includeSynthetic,
});
export type LeaderboardValuesInput = z.infer<typeof LeaderboardValuesInputSchema>;

/** One leaderboard as ids and values only, in rank order: what a view needs to put it beside another. */
export const LeaderboardValuesOutputSchema = BoardIdentitySchema.extend({
  direction: DirectionSchema,
  scale: ScaleSchema.optional().describe('The scale of every value (absent for an empty leaderboard)'),
  total_entries: z.number().int(),
  model_ids: z.array(z.string()),
  values: z.array(z.number()),
  /** Each value's provenance, as an index into `sources` (most leaderboards have one or two kinds). */
  sources: z.array(z.string()),
  source_of: z.array(z.number().int()),
  /** Positions of the values the Hub verified. */
  verified: z.array(z.number().int()),
});

/** Fields of a leaderboard key: task|dataset|config|split|metric|setup. */
const KEY_FIELDS = 6;

/**
 * A REST comma list of leaderboard keys. A setup may itself hold a comma ("5-shot, leaderboard-normalized"),
 * so a piece without a key's six fields continues the key before it.
 */
export function splitKeyList(text: string): string[] {
  const keys: string[] = [];
  for (const piece of text.split(',')) {
    if (keys.length > 0 && piece.split('|').length < KEY_FIELDS) keys[keys.length - 1] += `,${piece}`;
    else keys.push(piece);
  }
  return keys.map((k) => k.trim()).filter(Boolean);
}

export const MeanInputSchema = z.object({
  keys: z
    .union([z.array(text(600)).min(1).max(12), text(8000)], { error: 'expected one or more leaderboard keys, comma-separated (see /api/leaderboards/catalog)' })
    .transform((v) => (Array.isArray(v) ? v : splitKeyList(v)))
    .pipe(z.array(z.string()).min(1, 'choose at least one leaderboard').max(12, 'at most 12 leaderboards'))
    .describe('Leaderboard keys from the catalog: an array over tRPC; over REST the key repeated (keys=a&keys=b) or a comma list (a comma inside a key\'s setup stays part of it)'),
  search: text().optional(),
  family: text(64).optional(),
  min_params: num(z.number().nonnegative()).optional(),
  max_params: num(z.number().nonnegative()).optional(),
  ...provenanceFilters,
  limit: num(z.number().int().min(1).max(100_000)).default(50),
  offset: num(z.number().int().min(0).max(10_000_000)).default(0),
  include_synthetic: includeSynthetic,
});
export type MeanInput = z.infer<typeof MeanInputSchema>;

export const MeanOutputSchema = z.object({
  keys: z.array(z.string()),
  direction: DirectionSchema,
  scale: ScaleSchema,
  /** Models with a result on every chosen leaderboard (before the search/family/size filters). */
  ranked: z.number().int(),
  /** Entries after the filters (what limit/offset page through). */
  total: z.number().int(),
  /** Models with some but not all of the chosen leaderboards: left out of the ranking. */
  left_out: z.number().int(),
  /** Per chosen leaderboard, how many of the left-out models miss it. */
  missing_by_board: z.array(z.number().int()),
  efficiency_definition: z.string(),
  entries: z.array(
    z.object({
      rank: z.number().int().positive(),
      model_info: ModelInfoSchema,
      mean: z.number(),
      values: z.array(z.number()),
      efficiency_score: z.number().optional(),
      on_pareto_front: z.boolean(),
    }),
  ),
});

export const CatalogEntrySchema = BoardIdentitySchema.extend({
  metric_type: z.string(),
  direction: DirectionSchema,
  /** How values travel: fraction (0–1), points (0–100) or raw; tells a client how to show and whether to average. */
  scale: ScaleSchema,
  total_entries: z.number().int(),
});
export const CatalogOutputSchema = z.object({ leaderboards: z.array(CatalogEntrySchema), tasks: z.array(z.string()) });

export const CorrelationsInputSchema = z.object({
  task_type: text(64).optional(),
  include_synthetic: includeSynthetic,
});
export const CorrelationsOutputSchema = z.object({
  correlations: z.array(CorrelationMatrixSchema),
  pairs: z.array(CorrelationPairSchema),
  min_pairs: z.number().int(),
});

export const TrendsInputSchema = z.object({
  task_type: text(64).optional(),
  dataset_name: text().optional(),
  metric_name: text().optional(),
  include_synthetic: includeSynthetic,
});
export const TrendsOutputSchema = z.object({ trend_data: z.array(TrendPointSchema) });

export const SummaryInputSchema = z.object({ include_synthetic: includeSynthetic });
export { SummarySchema };

export const BenchmarksInputSchema = z.object({
  force_refresh: queryBoolean
    .default(false)
    .describe('Kept from the original API. A GET changes nothing: it is answered from the data at hand with refresh_started false and a refresh_hint; POST /api/refresh starts a refresh.'),
  include_synthetic: includeSynthetic,
});

export const BenchmarksOutputSchema = z.object({
  data: z.array(BenchmarkRecordSchema),
  summary: SummarySchema,
  correlations: z.array(CorrelationMatrixSchema),
  leaderboards: z.array(LeaderboardSchema),
  dataset_version: z.string(),
  includes_synthetic: z.boolean(),
  refresh_started: z.boolean().optional().describe('With force_refresh: always false, a GET starts no refresh'),
  refresh_hint: z.string().optional().describe('With force_refresh: how to start a refresh (POST /api/refresh)'),
});

export const RefreshOutputSchema = z.object({
  message: z.string(),
  timestamp: z.string(),
  started: z.boolean().describe('true when this call started a refresh; false when it joined a running one or none could run'),
  refresh_in_progress: z.boolean(),
});

export const RootOutputSchema = z.object({
  message: z.string(),
  version: z.string(),
  docs: z.string(),
  redoc: z.string(),
  openapi: z.string(),
  /** Path of each endpoint by name; health, benchmarks and refresh are the seed's keys. */
  endpoints: z.object({ health: z.string(), benchmarks: z.string(), refresh: z.string() }).catchall(z.string()),
});

export const HealthOutputSchema = z.object({
  status: z.enum(['healthy', 'unhealthy']),
  cache_valid: z.boolean(),
  timestamp: z.string(),
  version: z.string(),
  uptime_seconds: z.number(),
  cache: z.object({
    has_data: z.boolean(),
    cache_valid: z.boolean(),
    source: z.string(),
    data_count: z.number().int(),
    refresh_in_progress: z.boolean(),
    /** The data is being opened (start-up): data requests wait for it; has_data turns true when it is open. */
    loading: z.boolean(),
  }),
});

export const BenchmarkCatalogInputSchema = z.object({
  search: text().optional().describe('Case-insensitive substring of the benchmark id, name or description'),
});
export const BenchmarkCatalogOutputSchema = z.object({
  benchmarks: z.array(
    BenchmarkInfoSchema.extend({
      /** The registry's canonical benchmark id the dataset maps onto (the measurement key's benchmark). */
      benchmark: z.string(),
      /** Its leaderboards in this app, per task: key, variant, entries. */
      leaderboards: z.array(z.object({ key: z.string(), variant: z.string(), task_type: z.string(), benchmark_task: z.string().optional(), total_entries: z.number().int() })),
    }),
  ),
  report: CommunityEvalsReportSchema.nullable(),
});
