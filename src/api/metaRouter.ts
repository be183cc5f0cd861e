// `/` and `/health`: what the service is and whether it is serving.
import { z } from 'zod';
import { HealthOutputSchema, RootOutputSchema } from './apiSchemas.js';
import type { Context } from './createContext.js';
import { publicProcedure, router } from './trpc.js';

export const SEED_ENDPOINTS = {
  root: '/',
  health: '/health',
  benchmarks: '/api/benchmarks',
  refresh: '/api/refresh',
  cache_status: '/api/cache-status',
  models: '/api/models',
  model: '/api/models/{model_id}',
  leaderboards: '/api/leaderboards',
  leaderboard_catalog: '/api/leaderboards/catalog',
  benchmark_catalog: '/api/benchmarks-catalog',
  correlations: '/api/correlations',
  summary: '/api/summary',
  trends: '/api/trends',
  snapshot_export: '/api/snapshot/export',
  snapshot_import: '/api/snapshot/import',
  openapi: '/openapi.json',
  docs: '/docs',
  redoc: '/redoc',
  trpc: '/trpc',
} as const;

/** The /health answer; the HTTP server also sends it directly, as monitors poll it often. */
export function healthBody(ctx: Context): z.infer<typeof HealthOutputSchema> {
  const s = ctx.cache.status();
  // While the data opens at start-up the server answers: data requests wait for it.
  const loading = ctx.cache.opening() !== undefined;
  return {
    status: s.has_data || loading ? 'healthy' : 'unhealthy',
    cache_valid: s.cache_valid,
    timestamp: new Date(ctx.clock()).toISOString(),
    version: ctx.app.version,
    uptime_seconds: Math.max(0, (ctx.clock() - ctx.app.startedAt) / 1000),
    cache: { has_data: s.has_data, cache_valid: s.cache_valid, source: s.source, data_count: s.data_count, refresh_in_progress: s.refresh_in_progress, loading },
  };
}

export const metaRouter = router({
  root: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/', tags: ['meta'], summary: 'API information and available endpoints' } })
    .input(z.void())
    .output(RootOutputSchema)
    .query(({ ctx }) => ({
      message: `${ctx.app.name} API`,
      version: ctx.app.version,
      docs: '/docs',
      redoc: '/redoc',
      openapi: '/openapi.json',
      endpoints: { ...SEED_ENDPOINTS },
    })),
  health: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/health', tags: ['meta'], summary: 'Health check and service status' } })
    .input(z.void())
    .output(HealthOutputSchema)
    .query(({ ctx }) => healthBody(ctx)),
});
