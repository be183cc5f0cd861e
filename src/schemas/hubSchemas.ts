// Shapes of what the Hugging Face Hub API returns for /api/models (listing and single model).
// Kept loose on purpose: the Hub adds fields freely and cards are user-written, so deep
// validation of model-index happens in the enrich stage, where bad entries are counted, not fatal.
import { z } from 'zod';

/** A Hub model record as this app stores it (snapshot files): a wrong type means a damaged file. */
export const HubRecordSchema = z.looseObject({
  id: z.string().min(1),
  modelId: z.string().nullish(),
  pipeline_tag: z.string().nullish(),
  library_name: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  downloads: z.number().nullish(),
  likes: z.number().nullish(),
  createdAt: z.string().nullish(),
  lastModified: z.string().nullish(),
  private: z.boolean().nullish(),
  gated: z.unknown().optional(),
  config: z.unknown().optional(),
  cardData: z.unknown().optional(),
  'model-index': z.unknown().optional(),
  safetensors: z.unknown().optional(),
  gguf: z.unknown().optional(),
  /** Community Evals results (`expand=evalResults`), plus rows of benchmark leaderboards in the same shape. */
  evalResults: z.array(z.unknown()).optional(),
  /** Met only on a benchmark leaderboard; its metadata (size, family, date, tags) is still to be read. */
  metadata_pending: z.literal(true).optional(),
  /** The task a model without a pipeline tag is listed under: its benchmarks' usual one (not a Hub field). */
  task_hint: z.string().optional(),
  /**
   * Set on models a partial refresh kept from an earlier layer (an import, a snapshot): that layer's
   * origin and sources, so their results keep saying where they came from (not a Hub field).
   */
  kept_from: z
    .object({
      origin: z.enum(['bundled', 'hub', 'metafiles']),
      fetched_at: z.string(),
      imported_at: z.string().optional(),
      sources: z.array(z.object({ name: z.string(), file: z.string().optional(), date: z.string().optional() }).loose()),
    })
    .optional(),
  /** A parameter count a results publisher states (a leaderboard, a model zoo), not read from weight files. */
  declared_parameters: z.object({ total: z.number(), source: z.enum(['leaderboard', 'model-zoo']) }).optional(),
  /** FLOPs per forward pass as a model zoo states them. */
  declared_flops: z.number().optional(),
  /** Set for models that are not Hub repos: the model zoo they come from (e.g. "openmmlab/mmdet"). */
  model_zoo: z.string().optional(),
  /** Where a model that is not a Hub repo is described: its paper, code, config and weights. */
  links: z
    .object({ paper: z.string().optional(), code: z.string().optional(), config: z.string().optional(), weights: z.string().optional() })
    .optional(),
});

const OPTIONAL_FIELDS = Object.entries(HubRecordSchema.shape).filter(([key]) => key !== 'id');

/**
 * A model as the Hub lists it. A field of the wrong type is dropped, not the model: one odd field
 * must not hide a model's results.
 */
export const HubModelSchema = z.preprocess((value) => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  let out = value as Record<string, unknown>;
  for (const [key, schema] of OPTIONAL_FIELDS) {
    if (key in out && !schema.safeParse(out[key]).success) {
      if (out === value) out = { ...out };
      delete out[key];
    }
  }
  return out;
}, HubRecordSchema);
export type HubModel = z.infer<typeof HubModelSchema>;

/** The placeholder the Hub uses as createdAt for repos older than its creation-date tracking. */
export const HUB_PLACEHOLDER_CREATED_AT = '2022-03-02T23:29:04.000Z';

/** The nine tasks the seed fetched, used when TASKS is not set. */
export const DEFAULT_TASKS = [
  'text-classification',
  'image-classification',
  'text-generation',
  'question-answering',
  'token-classification',
  'translation',
  'summarization',
  'object-detection',
  'automatic-speech-recognition',
] as const;
