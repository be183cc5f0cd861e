// The OpenAPI document, generated from the router's procedure metadata (one source of truth).
import { generateOpenApiDocument, type OpenApiMeta } from 'trpc-to-openapi';
import { appRouter } from './appRouter.js';
import type { ApiMeta } from './trpc.js';

/** The router's own meta type must stay something the generator reads (a type error here otherwise). */
type Assignable<T extends OpenApiMeta> = T;
export type CheckedApiMeta = Assignable<ApiMeta>;

export function createOpenApiDocument(options: { version: string; baseUrl?: string }) {
  return generateOpenApiDocument(appRouter, {
    title: 'ML Benchmark Explorer API',
    description:
      'Real machine-learning benchmark results from Hugging Face model cards and bundled snapshots. ' +
      'Every value carries its provenance; synthetic values appear only with include_synthetic=true and are marked as such. ' +
      'Accuracy-like metrics are fractions in 0–1; each result states its direction (higher or lower is better).',
    version: options.version,
    baseUrl: options.baseUrl ?? '/',
    tags: ['meta', 'benchmarks', 'cache', 'models', 'leaderboards', 'analytics', 'snapshot'],
  });
}
