// The one tRPC init. Errors leave with a FastAPI-style `detail` string naming the problem (what
// seed clients read) and never with a stack trace.
import { initTRPC } from '@trpc/server';
import type { Context } from './createContext.js';

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

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;
