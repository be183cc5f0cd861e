// The one tRPC init. Errors leave with a FastAPI-style `detail` string naming the problem (what
// seed clients read) and never with a stack trace.
import { initTRPC } from '@trpc/server';
import type { Context } from './createContext.js';
import { cachedResponse, DEFAULT_RESPONSE_CACHE_BYTES, encodeResponse, stableKey, storedResponse } from './responseCache.js';

/**
 * What the REST layer (trpc-to-openapi) reads from a procedure, as our own type: its OpenApiMeta
 * would bring its server adapters' types (express, koa, next, h3) into the typed client's types.
 * openApiDocument.ts checks that this stays assignable to OpenApiMeta.
 */
export type ApiMeta = {
  openapi?: {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    path: `/${string}`;
    summary?: string;
    description?: string;
    tags?: string[];
    deprecated?: boolean;
  };
};

interface ZodLikeIssue { path: PropertyKey[]; message: string }

/** "limit: Too small: expected number to be >=1" — the field first, so a 400 names it. */
export function describeIssues(issues: readonly ZodLikeIssue[]): string {
  return issues
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : 'input'}: ${i.message}`)
    .join('; ');
}

function isZodError(e: unknown): e is { issues: ZodLikeIssue[] } {
  return !!e && typeof e === 'object' && Array.isArray((e as { issues?: unknown }).issues) && (e as Error).name === 'ZodError';
}

const t = initTRPC
  .context<Context>()
  .meta<ApiMeta>()
  .create({
    isDev: false,
    errorFormatter({ shape, error }) {
      // Internal errors say nothing more: not even an output schema's field paths leave the process.
      const detail =
        error.code === 'INTERNAL_SERVER_ERROR'
          ? 'Internal server error'
          : isZodError(error.cause)
            ? describeIssues(error.cause.issues)
            : error.message;
      const { stack: _stack, ...data } = shape.data as typeof shape.data & { stack?: string };
      return { ...shape, message: error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : shape.message, detail, data };
    },
  });

/** What answers while the data opens at start-up; every other call waits for it. */
const ANSWERED_WHILE_OPENING = new Set(['meta.root', 'meta.health']);

/**
 * The first middleware of every procedure, on every transport: holds calls until the data is open,
 * and tells the context's observer about each call.
 */
const everyCall = t.middleware(async (opts) => {
  const started = performance.now();
  const opening = opts.ctx.cache.opening();
  // A failed open leaves no data: the procedure then says so.
  if (opening && !ANSWERED_WHILE_OPENING.has(opts.path)) await opening.catch(() => undefined);
  try {
    return await opts.next();
  } finally {
    opts.ctx.observe?.({ path: opts.path, type: opts.type, cached: opts.ctx.responseSlot?.hit === true, ms: performance.now() - started });
  }
});

/**
 * For a query whose answer depends only on the dataset version and its input, used after .input() and
 * before .output(): when the transport asked for bytes (ctx.responseSlot), the answer comes from the
 * per-version response cache, keyed by the parsed input, and the procedure returns null — the bytes
 * are in the slot. Other callers (IPC, createCaller) get the answer as usual.
 * A large answer is also kept on disk with its version (the cache's answer files) and read back from
 * there by the next process, instead of running the procedure again. Answers with synthetic fill-ins
 * are not: those are made anew by each process.
 */
export const cachedPerVersion = t.middleware(async (opts) => {
  const { ctx } = opts;
  const slot = ctx.responseSlot;
  if (!slot || opts.type !== 'query') return opts.next();
  let version: object;
  try {
    version = ctx.cache.current();
  } catch {
    return opts.next(); // no data yet: the procedure says so
  }
  let failed: Awaited<ReturnType<typeof opts.next>> | undefined;
  const key = `${opts.path}?${stableKey(opts.input)}`;
  const versionId = (version as { id?: unknown }).id;
  const synthetic = (opts.input as { include_synthetic?: unknown } | undefined)?.include_synthetic === true;
  const answers = typeof versionId === 'string' && !synthetic ? ctx.cache.answerFiles?.() : undefined;
  const got = await cachedResponse(version, key, { maxEntries: ctx.maxMemoEntries, maxBytes: DEFAULT_RESPONSE_CACHE_BYTES }, async () => {
    const stored = await answers?.load(versionId as string, key);
    if (stored?.state === 'loaded') return storedResponse(stored.answer);
    const result = await opts.next();
    if (!result.ok) {
      failed = result;
      return undefined;
    }
    const encoded = encodeResponse(result.data);
    answers?.keep(versionId as string, key, encoded);
    return encoded;
  });
  if (failed) return failed;
  // Another request's computation of this key failed: this one runs the procedure for its own answer.
  if (!got.encoded) return opts.next();
  slot.encoded = got.encoded;
  slot.hit = got.hit;
  return { ok: true as const, data: null, marker: undefined as never } as unknown as Awaited<ReturnType<typeof opts.next>>;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(everyCall);
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;
