// tRPC over HTTP under /trpc: JSON-only mutations, bounded batches (heavy procedures alone), and a
// body limit per procedure (only the imports may send a large one).
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appRouter } from '../api/appRouter.js';
import type { Context } from '../api/createContext.js';
import { MAX_BATCH_CALLS, UNBATCHED_PROCEDURES } from '../api/unbatchedProcedures.js';
import { mediaType } from './readJsonBody.js';
import { sendError } from './sendResponse.js';

export const isTrpcPath = (p: string) => p === '/trpc' || p.startsWith('/trpc/');

type OnError = NonNullable<Parameters<typeof createHTTPHandler>[0]['onError']>;

export function createTrpcRoute(options: { createContext: () => Context; maxBody: number; maxImport: number; maxMetafileImport: number; onError: OnError }) {
  const handlerWithLimit = (maxBodySize: number) =>
    createHTTPHandler({ router: appRouter, createContext: () => options.createContext(), basePath: '/trpc/', maxBodySize, onError: options.onError });
  const small = handlerWithLimit(options.maxBody);
  const snapshotImport = handlerWithLimit(options.maxImport);
  const metafileImport = handlerWithLimit(options.maxMetafileImport);

  return function handleTrpc(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'POST') return sendError(res, 405, `${req.method} is not supported here`, { Allow: 'GET, POST, OPTIONS' });
    // tRPC also takes form data and octet streams; only JSON may run a mutation (no cross-site simple POSTs).
    if (req.method === 'POST' && mediaType(req) !== 'application/json') return sendError(res, 415, 'Content-Type must be application/json');
    const calls = decodeSafe(pathname.slice('/trpc/'.length)).split(',');
    if (calls.length > MAX_BATCH_CALLS) return sendError(res, 400, `a batch holds at most ${MAX_BATCH_CALLS} calls (this one has ${calls.length})`);
    const heavy = calls.find((c) => UNBATCHED_PROCEDURES.includes(c));
    if (heavy && calls.length > 1) return sendError(res, 400, `${heavy} is called alone, not in a batch (its answer or input is large)`);
    if (heavy === 'metafiles.import') return void metafileImport(req, res);
    if (heavy === 'snapshot.import') return void snapshotImport(req, res);
    return void small(req, res);
  };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
