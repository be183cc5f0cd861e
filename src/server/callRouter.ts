// One procedure call through the router, as tRPC's own callProcedure makes one: the procedure found
// by its path and called with the call's options, so every middleware runs, and a cacheable query
// puts its encoded answer in the context's response slot.
// The options hold only what a procedure reads: tRPC copies them once per middleware, per call.
import { TRPCError } from '@trpc/server';
import { appRouter } from '../api/appRouter.js';
import type { Context } from '../api/createContext.js';

type Procedure = ((opts: { path: string; type: 'query' | 'mutation'; ctx: Context; getRawInput: () => Promise<unknown>; signal: undefined }) => Promise<unknown>) & {
  _def: { type: string };
};
const procedures = appRouter._def.procedures as unknown as Record<string, Procedure | undefined>;

export function callRouter(ctx: Context, path: string, type: 'query' | 'mutation', input: unknown): Promise<unknown> {
  const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
  if (!procedure || procedure._def.type !== type) return Promise.reject(new TRPCError({ code: 'NOT_FOUND', message: `No "${type}"-procedure on path "${path}"` }));
  return procedure({ path, type, ctx, getRawInput: async () => input, signal: undefined });
}
