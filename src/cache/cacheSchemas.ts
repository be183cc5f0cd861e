// The cache's status, refresh progress and outcome as zod schemas: the API validates its answers
// with them and the cache's types are inferred from them, so each shape is written once.
import { z } from 'zod';
import { CommunityEvalsReportSchema } from '../schemas/communityEvalsSchemas.js';

export const RefreshProgressSchema = z.object({
  phase: z.enum(['fetching', 'processing', 'saving']),
  started_at: z.string(),
  tasks_total: z.number().int(),
  tasks_done: z.number().int(),
  tasks_failed: z.number().int(),
  pages: z.number().int(),
  models: z.number().int(),
  current_tasks: z.array(z.string()),
  /** Set while the client waits out the Hub's rate limit or its own request budget. */
  waiting_ms: z.number().optional(),
  message: z.string().optional(),
  benchmarks_total: z.number().int().optional(),
  benchmarks_done: z.number().int().optional(),
  benchmarks_failed: z.number().int().optional(),
  /** Models met only on leaderboards: metadata read in this refresh / still to read. */
  models_done: z.number().int().optional(),
  models_left: z.number().int().optional(),
});
export type RefreshProgress = z.infer<typeof RefreshProgressSchema>;

export const RefreshOutcomeSchema = z.object({
  status: z.enum(['ok', 'partial', 'failed']),
  at: z.string(),
  started_at: z.string(),
  reason: z.string().optional(),
  failed_tasks: z.array(z.object({ task: z.string(), reason: z.string() })),
  models: z.number().int().optional(),
  results: z.number().int().optional(),
});
export type RefreshOutcome = z.infer<typeof RefreshOutcomeSchema>;

/** What happened when a store or data file could not be read at start. */
export const RecoveryNoticeSchema = z.object({ file: z.string(), movedTo: z.string().optional(), reason: z.string(), at: z.string() });
export type RecoveryNotice = z.infer<typeof RecoveryNoticeSchema>;

export const SnapshotSourceOutSchema = z.object({
  name: z.string(),
  file: z.string().optional(),
  url: z.string().optional(),
  license: z.string().optional(),
  date: z.string().optional(),
  model_count: z.number().int().optional(),
});

export const CacheStatusSchema = z.object({
  cache_valid: z.boolean(),
  last_updated: z.string(),
  ttl_minutes: z.number().int(),
  has_data: z.boolean(),
  data_count: z.number().int(),
  result_count: z.number().int(),
  refresh_in_progress: z.boolean(),
  source: z.enum(['snapshot', 'hub', 'import']),
  dataset_version: z.string(),
  stale: z.boolean(),
  last_refresh_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  progress: RefreshProgressSchema.nullable(),
  last_outcome: RefreshOutcomeSchema.nullable(),
  last_error: z.string().nullable(),
  offline: z.boolean(),
  sources: z.array(SnapshotSourceOutSchema),
  recovered: z.array(RecoveryNoticeSchema),
  community_evals: CommunityEvalsReportSchema.nullable().describe('What the last benchmark crawl met: entries skipped by reason, models whose metadata is pending'),
});
export type CacheStatus = z.infer<typeof CacheStatusSchema>;
