// tRPC over HTTP under /trpc: JSON-only mutations, bounded batches (heavy procedures alone), and a
// body limit per procedure (only the imports may send a large one). A snapshot import's body is staged
// and read as REST's is (stageImportBody), then the procedure is called with the checked snapshot and
// its answer written as tRPC's own adapter writes one.
import { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { callProcedure, getErrorShape, getTRPCErrorFromUnknown } from '@trpc/server/unstable-core-do-not-import';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appRouter } from '../api/appRouter.js';
import type { Context } from '../api/createContext.js';
import { MAX_BATCH_CALLS, UNBATCHED_PROCEDURES } from '../api/unbatchedProcedures.js';
import { mediaType } from './readJsonBody.js';
import { sendError, sendJson } from './sendResponse.js';
import { stageImportBody } from './stageImportBody.js';

export const isTrpcPath = (p: string) => p === '/trpc' || p.startsWith('/trpc/');

/** What the server logs of an error (the adapter passes more; this is what it reads). */
type OnError = (opts: { error: { code: string; message: string; cause?: unknown }; path?: string }) => void;

const CODE_OF_STATUS = { 400: 'BAD_REQUEST', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' } as const;

export function createTrpcRoute(options: {
  createContext: () => Context;
  maxBody: number;
  maxImport: number;
  maxMetafileImport: number;
  onError: OnError;
  /** Where a snapshot import's body is staged while it arrives. */
  tempDir?: string;
}) {
  const handlerWithLimit = (maxBodySize: number) =>
    createHTTPHandler({ router: appRouter, createContext: () => options.createContext(), basePath: '/trpc/', maxBodySize, onError: options.onError });
  const small = handlerWithLimit(options.maxBody);
  const metafileImport = handlerWithLimit(options.maxMetafileImport);

  /** An error as tRPC's adapter writes one: the router's error shape under `error`, with its HTTP status. */
  function sendTrpcError(res: ServerResponse, error: TRPCError, ctx?: Context) {
    const path = 'snapshot.import';
    options.onError({ error, path });
    const shape = getErrorShape({ config: appRouter._def._config, error, type: 'mutation', path, input: undefined, ctx });
    sendJson(res, getHTTPStatusCodeFromError(error), { error: shape });
  }

  /** POST /trpc/snapshot.import (unbatched: the body is the snapshot): staged, read as a stream, then the procedure. */
  async function snapshotImport(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (new URL(req.url ?? '/', 'http://localhost').searchParams.get('batch') === '1') {
      req.resume();
      return sendError(res, 400, 'snapshot.import is sent unbatched (its body is the snapshot file, as httpLink sends it), or to POST /api/snapshot/import');
    }
    const body = await stageImportBody(req, options.maxImport, options.tempDir);
    if (!body.ok) return sendTrpcError(res, new TRPCError({ code: CODE_OF_STATUS[body.status], message: body.detail }));
    const ctx = options.createContext();
    let data: unknown;
    try {
      data = await callProcedure({ router: appRouter, path: 'snapshot.import', getRawInput: async () => body.value, ctx, type: 'mutation', signal: undefined, batchIndex: 0 });
    } catch (cause) {
      return sendTrpcError(res, getTRPCErrorFromUnknown(cause), ctx);
    }
    sendJson(res, 200, { result: { data } });
  }

  return function handleTrpc(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'POST') return sendError(res, 405, `${req.method} is not supported here`, { Allow: 'GET, POST, OPTIONS' });
    // tRPC also takes form data and octet streams; only JSON may run a mutation (no cross-site simple POSTs).
    if (req.method === 'POST' && mediaType(req) !== 'application/json') return sendError(res, 415, 'Content-Type must be application/json');
    const calls = decodeSafe(pathname.slice('/trpc/'.length)).split(',');
    if (calls.length > MAX_BATCH_CALLS) return sendError(res, 400, `a batch holds at most ${MAX_BATCH_CALLS} calls (this one has ${calls.length})`);
    const heavy = calls.find((c) => UNBATCHED_PROCEDURES.includes(c));
    if (heavy && calls.length > 1) return sendError(res, 400, `${heavy} is called alone, not in a batch (its answer or input is large)`);
    if (heavy === 'metafiles.import') return void metafileImport(req, res);
    if (heavy === 'snapshot.import' && req.method === 'POST') {
      return void snapshotImport(req, res).catch((error: unknown) => {
        if (res.headersSent) return void res.destroy();
        sendTrpcError(res, getTRPCErrorFromUnknown(error));
      });
    }
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
