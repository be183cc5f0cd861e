// Shapes of what the Hugging Face Hub API returns for /api/models (listing and single model).
// Kept loose on purpose: the Hub adds fields freely and cards are user-written, so deep
// validation of model-index happens in the enrich stage, where bad entries are counted, not fatal.
import { z } from 'zod';

export const HubModelSchema = z.looseObject({
  id: z.string().min(1),
  modelId: z.string().optional(),
  pipeline_tag: z.string().nullish(),
  library_name: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  downloads: z.number().nullish(),
  likes: z.number().nullish(),
  createdAt: z.string().nullish(),
  lastModified: z.string().nullish(),
  private: z.boolean().optional(),
  gated: z.unknown().optional(),
  config: z.unknown().optional(),
  cardData: z.unknown().optional(),
  'model-index': z.unknown().optional(),
  safetensors: z.unknown().optional(),
  gguf: z.unknown().optional(),
});
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
