// The one tRPC client of the UI: the IPC link when the desktop app's preload exposed a bridge,
// otherwise HTTP to the serving origin (batched queries, Server-Sent Events for subscriptions).
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '../../../src/api/appRouter';
import { MAX_BATCH_CALLS, UNBATCHED_PROCEDURES } from '../../../src/api/unbatchedProcedures';
import { ipcLink } from '../../../src/ipc/ipcLink';
import type { IpcBridge } from '../../../src/ipc/ipcProtocol';

export type ApiClient = TRPCClient<AppRouter>;
export type Transport = 'ipc' | 'http';

export interface ApiClientHost {
  mbeIpc?: IpcBridge;
  location: { origin: string };
}

export function createApiClient(host: ApiClientHost = window): { client: ApiClient; transport: Transport } {
  if (host.mbeIpc) {
    return { transport: 'ipc', client: createTRPCClient<AppRouter>({ links: [ipcLink<AppRouter>(host.mbeIpc)] }) };
  }
  // Served by the local server (under /app/): the API lives on the same origin.
  const url = `${host.location.origin}/trpc`;
  return {
    transport: 'http',
    client: createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({ url }),
          // The server takes bounded batches, and the large procedures (a snapshot's export and import) alone.
          false: splitLink({
            condition: (op) => UNBATCHED_PROCEDURES.includes(op.path),
            true: httpLink({ url }),
            false: httpBatchLink({ url, maxURLLength: 2000, maxItems: MAX_BATCH_CALLS }),
          }),
        }),
      ],
    }),
  };
}
