// Typed client for scripts: the same procedures and types as the router, over HTTP tRPC.
// import { createExplorerClient } from 'ml-benchmark-explorer/client'
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '../api/appRouter.js';
import { MAX_BATCH_CALLS, UNBATCHED_PROCEDURES } from '../api/unbatchedProcedures.js';

export type { AppRouter };
export type ExplorerClient = TRPCClient<AppRouter>;

export interface ExplorerClientOptions {
  /** Server base URL (default http://127.0.0.1:8000). */
  url?: string;
  /** API token, when the server listens beyond loopback. */
  token?: string;
  /** An EventSource implementation for refresh.events in runtimes without one (Node 20). */
  EventSource?: typeof globalThis.EventSource;
}

export function createExplorerClient(options: ExplorerClientOptions = {}): ExplorerClient {
  const base = (options.url ?? 'http://127.0.0.1:8000').replace(/\/$/, '');
  const headers = options.token ? { authorization: `Bearer ${options.token}` } : undefined;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: `${base}/trpc`, EventSource: options.EventSource }),
        // The server takes bounded batches, and the large procedures alone.
        false: splitLink({
          condition: (op) => UNBATCHED_PROCEDURES.includes(op.path),
          true: httpLink({ url: `${base}/trpc`, headers: () => headers ?? {} }),
          false: httpBatchLink({ url: `${base}/trpc`, headers: () => headers ?? {}, maxItems: MAX_BATCH_CALLS }),
        }),
      }),
    ],
  });
}
