// One procedure call through the router, as tRPC's own callProcedure makes one: the procedure found
// by its path, and its middlewares (everyCall, input and output validation, the response cache, the
// resolver — the procedure's `_def.middlewares`, in order) run one after another, each handing the
// next its options, so a cacheable query puts its encoded answer in the context's response slot.
//
// The chain is run here rather than by calling the procedure: tRPC's runner copies every call's
// options twice per middleware with a transpiled object-spread helper (a property definition per
// key), which cost about a third of the server's CPU for a small answer such as /health. This runner
// keeps tRPC's rules — `next()` continues with the same options; `next({ input })` replaces the
// input; `next({ ctx })` merges into the context; `next({ getRawInput })` replaces the raw input; a
// throw becomes `{ ok: false, error }` — and copies with the language's own spread. The output
// check is done here as tRPC's output middleware does it (the same parse function, made from the
// procedure's output schema, and the same error), for the same reason: tRPC's copies its result
// with that helper.
// test/server/callRouter.test.ts holds it to tRPC's own caller, procedure by procedure.
import { TRPCError } from '@trpc/server';
import { getParseFn, getTRPCErrorFromUnknown } from '@trpc/server/unstable-core-do-not-import';
import type { AnyRouter } from '@trpc/server';
import { appRouter } from '../api/appRouter.js';
import type { Context } from '../api/createContext.js';

type Result = { ok: true; data: unknown; marker?: unknown } | { ok: false; error: TRPCError; marker?: unknown };
interface CallOptions {
  path: string;
  type: 'query' | 'mutation';
  ctx: object;
  input: unknown;
  getRawInput: () => Promise<unknown>;
  signal: undefined;
  batchIndex: number;
}
interface NextOptions {
  ctx?: object;
  input?: unknown;
  getRawInput?: () => Promise<unknown>;
}
type Middleware = ((opts: CallOptions & { meta: unknown; next: (nextOpts?: NextOptions) => Promise<Result> }) => Promise<Result>) & { _type?: string };
interface ProcedureDef {
  type: string;
  meta?: unknown;
  output?: Parameters<typeof getParseFn>[0];
  middlewares: Middleware[];
}

/** One procedure's chain, worked out on its first call: what stays the same from call to call. */
interface Chain {
  path: string;
  type: 'query' | 'mutation';
  meta: unknown;
  middlewares: Middleware[];
  /** At an output middleware's place, the procedure's output parse function, run here; elsewhere undefined. */
  outputChecks: (Parse | undefined)[];
}
type Parse = (value: unknown) => unknown;

/** A function that calls a router's procedures by path (its context type is the router's). */
export function routerCaller<Ctx extends object>(router: AnyRouter) {
  const procedures = router._def.procedures as unknown as Record<string, { _def: ProcedureDef } | undefined>;
  const chains = new Map<string, Chain>();
  return async function call(ctx: Ctx, path: string, type: 'query' | 'mutation', input: unknown): Promise<unknown> {
    const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
    if (!procedure || procedure._def.type !== type) throw new TRPCError({ code: 'NOT_FOUND', message: `No "${type}"-procedure on path "${path}"` });
    let chain = chains.get(path);
    if (!chain) chains.set(path, (chain = chainOf(path, type, procedure._def)));
    const result = await runMiddleware(chain, 0, ctx, undefined, async () => input);
    if (!result) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'No result from middlewares - did you forget to `return next()`?' });
    if (!result.ok) throw result.error;
    return result.data;
  };
}

export const callRouter = routerCaller<Context>(appRouter);

function chainOf(path: string, type: 'query' | 'mutation', def: ProcedureDef): Chain {
  const isOutput = (m: Middleware) => m._type === 'output';
  // With more than one output schema tRPC's own output middlewares run (each holds its own parser).
  const parse = def.output && def.middlewares.filter(isOutput).length === 1 ? (getParseFn(def.output) as Parse) : undefined;
  return { path, type, meta: def.meta, middlewares: def.middlewares, outputChecks: def.middlewares.map((m) => (isOutput(m) ? parse : undefined)) };
}

// A middleware's options are written out as one object literal (one shape at every level), not spread.
async function runMiddleware(chain: Chain, index: number, ctx: object, input: unknown, getRawInput: () => Promise<unknown>): Promise<Result> {
  const next = (nextOpts?: NextOptions) =>
    runMiddleware(
      chain,
      index + 1,
      nextOpts?.ctx ? { ...ctx, ...nextOpts.ctx } : ctx,
      nextOpts && 'input' in nextOpts ? nextOpts.input : input,
      nextOpts?.getRawInput ?? getRawInput,
    );
  try {
    const checkOutput = chain.outputChecks[index];
    if (checkOutput) return await checkedOutput(await next(), checkOutput);
    return await chain.middlewares[index]({ path: chain.path, type: chain.type, ctx, input, getRawInput, signal: undefined, batchIndex: 0, meta: chain.meta, next });
  } catch (cause) {
    return { ok: false, error: getTRPCErrorFromUnknown(cause) };
  }
}

async function checkedOutput(result: Result, parse: Parse): Promise<Result> {
  if (!result.ok) return result;
  let data: unknown;
  try {
    data = await parse(result.data);
  } catch (cause) {
    throw new TRPCError({ message: 'Output validation failed', code: 'INTERNAL_SERVER_ERROR', cause });
  }
  return { ...result, data };
}
