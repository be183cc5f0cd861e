// The HTTP server's procedure runner (callRouter) against tRPC's own caller: the same answers, the same
// errors, and tRPC's rules for what a middleware hands the next one — on a small router built for each
// rule, and on the app's router, procedure by procedure.
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src/api/appRouter.js';
import type { Context } from '../../src/api/createContext.js';
import type { BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import { callRouter, routerCaller } from '../../src/server/callRouter.js';
import { rejectionOf, testContext, useSharedTestCache } from '../support/testCache.js';
import { snapshotOf, SST2_MODELS, WER_MODELS } from '../support/testSnapshots.js';

interface Ctx {
  user?: string;
  seen: string[];
}
const t = initTRPC.context<Ctx>().create();
const record = (name: string) =>
  t.middleware(async (opts) => {
    opts.ctx.seen.push(`${name}:${JSON.stringify(opts.input) ?? '-'}`);
    return opts.next();
  });
const testRouter = t.router({
  // next({ ctx }) merges into the context; the resolver sees both keys.
  withUser: t.procedure
    .use(async ({ next }) => next({ ctx: { user: 'ada' } }))
    .use(record('after-ctx'))
    .query(({ ctx }) => ({ user: ctx.user, keys: Object.keys(ctx).sort() })),
  // Input middlewares: the parsed input, objects of two .input() calls merged, transforms applied.
  echo: t.procedure
    .input(z.object({ a: z.number() }))
    .input(z.object({ b: z.string().transform((s) => s.toUpperCase()) }))
    .use(record('after-input'))
    .query(({ input }) => input),
  // next({ input }) replaces the input for the rest of the chain.
  replaced: t.procedure
    .use(async ({ next }) => next({ input: { replaced: true } }))
    .use(record('after-replace'))
    .query(({ input }) => input),
  // next({ getRawInput }) replaces the raw input the input middleware parses.
  rawReplaced: t.procedure
    .use(async ({ next }) => next({ getRawInput: async () => ({ n: 41 }) }))
    .input(z.object({ n: z.number() }))
    .query(({ input }) => input.n + 1),
  // The output schema strips and transforms; a wrong answer is an internal error.
  shaped: t.procedure
    .input(z.object({ good: z.boolean() }))
    .output(z.object({ n: z.number().transform((n) => n * 2) }))
    .query(({ input }) => (input.good ? ({ n: 2, extra: 'dropped' } as { n: number }) : ({ n: 'two' } as unknown as { n: number }))),
  // A middleware that throws, and one that answers without calling next.
  throws: t.procedure.use(() => {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'no' });
  }).query(() => 'unreached'),
  shortCircuit: t.procedure.use(async () => ({ ok: true as const, data: 'early', marker: undefined as never, ctx: {} })).query(() => 'late'),
  // An output middleware that sees the error of the resolver and passes it on.
  failing: t.procedure.output(z.string()).query(() => {
    throw new Error('inside');
  }),
  write: t.procedure.input(z.object({ v: z.number() })).mutation(({ input }) => input.v),
});
const callTest = routerCaller<Ctx>(testRouter);
const tRPCCaller = (ctx: Ctx) => t.createCallerFactory(testRouter)(ctx) as unknown as Record<string, (input?: unknown) => Promise<unknown>>;

/** What a call ends in, comparable across the two callers: its data, or its error's class, code, message and cause. */
async function outcome(call: () => Promise<unknown>) {
  try {
    return { data: await call() };
  } catch (error) {
    const e = error as TRPCError;
    return { error: { isTRPCError: e instanceof TRPCError, code: e.code, message: e.message, cause: e.cause instanceof Error ? `${e.cause.name}: ${e.cause.message}` : undefined } };
  }
}

describe('callRouter runs a procedure as tRPC does', () => {
  it.each([
    ['withUser', 'query', undefined],
    ['echo', 'query', { a: 1, b: 'x' }],
    ['echo', 'query', { a: 'one', b: 'x' }],
    ['replaced', 'query', { original: true }],
    ['rawReplaced', 'query', { n: 'ignored' }],
    ['shaped', 'query', { good: true }],
    ['shaped', 'query', { good: false }],
    ['throws', 'query', undefined],
    ['shortCircuit', 'query', undefined],
    ['failing', 'query', undefined],
    ['write', 'mutation', { v: 3 }],
  ] as const)('gives %s (%s, input %j) the answer, error and middleware trail tRPC’s caller gives', async (path, type, input) => {
    const ours: Ctx = { seen: [] };
    const theirs: Ctx = { seen: [] };
    const a = await outcome(() => callTest(ours, path, type, input));
    const b = await outcome(() => tRPCCaller(theirs)[path](input));
    expect(a).toEqual(b);
    expect(ours.seen).toEqual(theirs.seen);
  });

  it('merges next({ ctx }) into the context, transforms input and output, and replaces input when asked', async () => {
    // Written out, so a difference shared by both callers would still show.
    const ctx: Ctx = { seen: [] };
    expect(await callTest(ctx, 'withUser', 'query', undefined)).toEqual({ user: 'ada', keys: ['seen', 'user'] });
    expect(await callTest(ctx, 'echo', 'query', { a: 1, b: 'x' })).toEqual({ a: 1, b: 'X' });
    expect(await callTest(ctx, 'replaced', 'query', { original: true })).toEqual({ replaced: true });
    expect(await callTest(ctx, 'rawReplaced', 'query', undefined)).toBe(42);
    expect(await callTest(ctx, 'shaped', 'query', { good: true })).toEqual({ n: 4 });
    expect(ctx.seen).toEqual(['after-ctx:-', 'after-input:{"a":1,"b":"X"}', 'after-replace:{"replaced":true}']);
    const bad = (await rejectionOf(callTest(ctx, 'shaped', 'query', { good: false }))) as TRPCError;
    expect([bad.code, bad.message]).toEqual(['INTERNAL_SERVER_ERROR', 'Output validation failed']);
  });

  it('answers NOT_FOUND for an unknown path, a type it does not have and an inherited property name', async () => {
    for (const [path, type] of [['nope', 'query'], ['write', 'query'], ['echo', 'mutation'], ['toString', 'query']] as const) {
      const error = (await rejectionOf(callTest({ seen: [] }, path, type, undefined))) as TRPCError;
      expect(error).toBeInstanceOf(TRPCError);
      expect(error.code).toBe('NOT_FOUND');
    }
  });
});

describe('callRouter on the app router', () => {
  let cache: BenchmarkCache;
  useSharedTestCache('call-router', { bundled: snapshotOf([...SST2_MODELS, ...WER_MODELS]), offline: true }, (c) => {
    cache = c;
  });

  it.each([
    ['meta.root', undefined],
    ['meta.health', undefined],
    ['models.list', { task_type: 'text-classification', limit: 3, sort: 'model_id' }],
    ['models.list', { limit: -1 }],
    ['models.byId', { model_id: SST2_MODELS[0].id }],
    ['models.byId', { model_id: 'nobody/nothing' }],
    ['leaderboards.catalog', {}],
    ['analytics.summary', {}],
    ['refresh.status', undefined],
  ] as const)('answers %s (input %j) as tRPC’s caller does', async (path, input) => {
    const ctx = testContext(cache)();
    const [group, name] = path.split('.');
    const viaTrpc = (createCaller(ctx) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[group][name];
    const a = await outcome(() => callRouter(ctx, path, 'query', input));
    const b = await outcome(() => viaTrpc(input));
    expect(a).toEqual(b);
  });

  it('fails a health answer that breaks its output schema, as the output check of the procedure says', async () => {
    const ctx = testContext(cache)();
    const broken: Context = { ...ctx, cache: { ...ctx.cache, status: () => ({ ...ctx.cache.status(), data_count: 'many' as unknown as number }) } };
    const error = (await rejectionOf(callRouter(broken, 'meta.health', 'query', undefined))) as TRPCError;
    expect([error.code, error.message]).toEqual(['INTERNAL_SERVER_ERROR', 'Output validation failed']);
  });
});
