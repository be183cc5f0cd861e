// One procedure call through the router, as tRPC's own handlers make one (callProcedure): every
// middleware runs, and a cacheable query puts its encoded answer in the context's response slot.
import { callProcedure } from '@trpc/server/unstable-core-do-not-import';
import { appRouter } from '../api/appRouter.js';
import type { Context } from '../api/createContext.js';

export function callRouter(ctx: Context, path: string, type: 'query' | 'mutation', input: unknown): Promise<unknown> {
  return callProcedure({ router: appRouter, path, getRawInput: async () => input, ctx, type, signal: undefined, batchIndex: 0 });
}
