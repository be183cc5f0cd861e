// tRPC over HTTP under /trpc: JSON-only mutations, bounded batches (heavy procedures alone), and a
// body limit per procedure (only the imports may send a large one). A snapshot import's body is staged
// and read as REST's is (stageImportBody), then the procedure is called with the checked snapshot and
// its answer written as tRPC's own adapter writes one. A lone query (GET, no batch) is called through
// the router here, as handleRest calls one, so a cacheable answer leaves as the bytes of the
// per-version response cache (in tRPC's envelope, compressed once, with an ETag); batches, other
// mutations and subscriptions go through tRPC's own adapter.
import { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { getErrorShape, getTRPCErrorFromUnknown } from '@trpc/server/unstable-core-do-not-import';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appRouter } from '../api/appRouter.js';
import type { Context } from '../api/createContext.js';
import { encodeResponse, type EncodedResponse, type ResponseSlot } from '../api/responseCache.js';
import { MAX_BATCH_CALLS, UNBATCHED_PROCEDURES } from '../api/unbatchedProcedures.js';
import { callRouter } from './callRouter.js';
import type { RouteOptions } from './handleRest.js';
import { mediaType } from './readJsonBody.js';
import type { RequestTarget } from './requestTarget.js';
import { sendEncoded } from './sendEncoded.js';
import { sendError, sendJson } from './sendResponse.js';
import { stageImportBody } from './stageImportBody.js';

export const isTrpcPath = (p: string) => p === '/trpc' || p.startsWith('/trpc/');

/** tRPC's answer to a lone call ({"result":{"data":…}}) around cached bytes, made once per cached answer. */
const enveloped = new WeakMap<EncodedResponse, EncodedResponse>();
const ENVELOPE_START = Buffer.from('{"result":{"data":');
const ENVELOPE_END = Buffer.from('}}');
function inEnvelope(encoded: EncodedResponse): EncodedResponse {
  let wrapped = enveloped.get(encoded);
  if (!wrapped) {
    wrapped = { etag: encoded.etag.replace(/^"/, '"trpc-'), identity: Buffer.concat([ENVELOPE_START, encoded.identity, ENVELOPE_END]) };
    enveloped.set(encoded, wrapped);
  }
  return wrapped;
}

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } } | undefined>;

const CODE_OF_STATUS = { 400: 'BAD_REQUEST', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' } as const;
const IMPORT_CALL = { path: 'snapshot.import', type: 'mutation' } as const;

export function createTrpcRoute(options: RouteOptions) {
  const handlerWithLimit = (maxBodySize: number) =>
    createHTTPHandler({ router: appRouter, createContext: () => options.createContext(), basePath: '/trpc/', maxBodySize, onError: options.onError });
  const small = handlerWithLimit(options.maxBody);
  const metafileImport = handlerWithLimit(options.maxMetafileImport);

  /** An error of a lone call as tRPC's adapter writes one: the router's error shape under `error`, with its HTTP status. */
  function sendTrpcError(res: ServerResponse, error: TRPCError, call: { path: string; type: 'query' | 'mutation'; input?: unknown; ctx?: Context }) {
    options.onError({ error, path: call.path });
    const shape = getErrorShape({ config: appRouter._def._config, error, type: call.type, path: call.path, input: call.input, ctx: call.ctx });
    sendJson(res, getHTTPStatusCodeFromError(error), { error: shape }, call.type === 'query' ? { Vary: 'trpc-accept, accept' } : {});
  }

  /** A lone query's input as tRPC reads it (JSON in `input`); undefined when tRPC's adapter should answer. */
  function loneQuery(req: IncomingMessage, params: URLSearchParams, calls: string[]): { path: string; input: unknown } | undefined {
    if (req.method !== 'GET' || calls.length !== 1 || procedures[calls[0]]?._def.type !== 'query' || req.headers['trpc-accept']) return undefined;
    if (params.has('batch') || params.has('connectionParams')) return undefined;
    const raw = params.get('input');
    if (raw === null) return { path: calls[0], input: undefined };
    try {
      return { path: calls[0], input: JSON.parse(raw) };
    } catch {
      return undefined; // tRPC's adapter answers with its parse error
    }
  }

  async function answerLoneQuery(req: IncomingMessage, res: ServerResponse, call: { path: string; input: unknown }): Promise<void> {
    const slot: ResponseSlot = {};
    const ctx: Context = { ...options.createContext(), responseSlot: slot };
    let data: unknown;
    try {
      data = await callRouter(ctx, call.path, 'query', call.input);
    } catch (cause) {
      return sendTrpcError(res, getTRPCErrorFromUnknown(cause), { path: call.path, type: 'query', input: call.input, ctx });
    }
    res.setHeader('Vary', 'trpc-accept, accept');
    return sendEncoded(req, res, slot.encoded ? inEnvelope(slot.encoded) : encodeResponse({ result: { data } }));
  }

  /** POST /trpc/snapshot.import (unbatched: the body is the snapshot): staged, read as a stream, then the procedure. */
  async function snapshotImport(req: IncomingMessage, res: ServerResponse, params: URLSearchParams): Promise<void> {
    if (params.get('batch') === '1') {
      req.resume();
      return sendError(res, 400, 'snapshot.import is sent unbatched (its body is the snapshot file, as httpLink sends it), or to POST /api/snapshot/import');
    }
    const body = await stageImportBody(req, options.maxImport, options.tempDir);
    if (!body.ok) return sendTrpcError(res, new TRPCError({ code: CODE_OF_STATUS[body.status], message: body.detail }), IMPORT_CALL);
    const ctx = options.createContext();
    let data: unknown;
    try {
      data = await callRouter(ctx, IMPORT_CALL.path, IMPORT_CALL.type, body.value);
    } catch (cause) {
      return sendTrpcError(res, getTRPCErrorFromUnknown(cause), { ...IMPORT_CALL, ctx });
    }
    sendJson(res, 200, { result: { data } });
  }

  return function handleTrpc(req: IncomingMessage, res: ServerResponse, url: RequestTarget): void | Promise<void> {
    if (req.method !== 'GET' && req.method !== 'POST') return sendError(res, 405, `${req.method} is not supported here`, { Allow: 'GET, POST, OPTIONS' });
    // tRPC also takes form data and octet streams; only JSON may run a mutation (no cross-site simple POSTs).
    if (req.method === 'POST' && mediaType(req) !== 'application/json') return sendError(res, 415, 'Content-Type must be application/json');
    const calls = decodeSafe(url.pathname.slice('/trpc/'.length)).split(',');
    if (calls.length > MAX_BATCH_CALLS) return sendError(res, 400, `a batch holds at most ${MAX_BATCH_CALLS} calls (this one has ${calls.length})`);
    const heavy = calls.find((c) => UNBATCHED_PROCEDURES.includes(c));
    if (heavy && calls.length > 1) return sendError(res, 400, `${heavy} is called alone, not in a batch (its answer or input is large)`);
    const lone = loneQuery(req, url.searchParams, calls);
    if (lone) return answerLoneQuery(req, res, lone);
    if (heavy === 'metafiles.import') return void metafileImport(req, res);
    if (heavy === 'snapshot.import' && req.method === 'POST') {
      return void snapshotImport(req, res, url.searchParams).catch((error: unknown) => {
        if (res.headersSent) return void res.destroy();
        sendTrpcError(res, getTRPCErrorFromUnknown(error), IMPORT_CALL);
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
