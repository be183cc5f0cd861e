// Refresh control and cache state: start/join a refresh, read the cache status, watch progress.
import { z } from 'zod';
import { OfflineError, type RefreshProgress, type RefreshOutcome } from '../cache/createBenchmarkCache.js';
import { CacheStatusSchema, RefreshOutputSchema } from './apiSchemas.js';
import { publicProcedure, router } from './trpc.js';

export type RefreshEvent =
  | { type: 'status'; status: z.infer<typeof CacheStatusSchema> }
  | { type: 'progress'; progress: RefreshProgress }
  | { type: 'done'; outcome: RefreshOutcome; status: z.infer<typeof CacheStatusSchema> };

export const refreshRouter = router({
  start: publicProcedure
    .meta({ openapi: { method: 'POST', path: '/api/refresh', tags: ['cache'], summary: 'Start a background refresh from the Hub (or join the running one)' } })
    .input(z.object({}).passthrough().optional())
    .output(RefreshOutputSchema)
    .mutation(({ ctx }) => {
      const timestamp = new Date(ctx.clock()).toISOString();
      try {
        const { started, promise } = ctx.cache.refresh();
        promise.catch(() => undefined);
        return {
          message: started ? 'Refresh started in the background' : 'A refresh is already running; joined it',
          timestamp,
          started,
          refresh_in_progress: true,
        };
      } catch (error) {
        if (!(error instanceof OfflineError)) throw error;
        return { message: `Refresh not started: ${error.message}; serving cached data`, timestamp, started: false, refresh_in_progress: false };
      }
    }),
  status: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/api/cache-status', tags: ['cache'], summary: 'Cache status, data source and refresh progress' } })
    .input(z.void())
    .output(CacheStatusSchema)
    .query(({ ctx }) => ctx.cache.status()),
  events: publicProcedure.subscription(async function* ({ ctx, signal }): AsyncGenerator<RefreshEvent> {
    const queue: RefreshEvent[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = ctx.cache.subscribe((e) => {
      queue.push(e);
      wake?.();
    });
    // One abort listener for the whole subscription, not one per wait.
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      yield { type: 'status', status: ctx.cache.status() };
      while (!signal?.aborted) {
        if (queue.length === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
          continue;
        }
        yield queue.shift()!;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      unsubscribe();
    }
  }),
});
