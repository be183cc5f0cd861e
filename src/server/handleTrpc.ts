// tRPC over HTTP under /trpc: JSON-only mutations, bounded batches (heavy procedures alone), and a
// body limit per procedure (only the imports may send a large one). A lone query (GET, no batch) is
// called through the router here, as handleRest calls one, so a cacheable answer leaves as the bytes
// of the per-version response cache (wrapped in tRPC's envelope, compressed once, with an ETag);
// batches, mutations and subscriptions go through tRPC's own adapter.
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { callProcedure, getErrorShape, getHTTPStatusCode, getTRPCErrorFromUnknown } from '@trpc/server/unstable-core-do-not-import';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appRouter } from '../api/appRouter.js';
import type { Context } from '../api/createContext.js';
import { encodeResponse, type EncodedResponse, type ResponseSlot } from '../api/responseCache.js';
import { MAX_BATCH_CALLS, UNBATCHED_PROCEDURES } from '../api/unbatchedProcedures.js';
import { mediaType } from './readJsonBody.js';
import { sendEncoded } from './sendEncoded.js';
import { sendError } from './sendResponse.js';

export const isTrpcPath = (p: string) => p === '/trpc' || p.startsWith('/trpc/');

type OnError = NonNullable<Parameters<typeof createHTTPHandler>[0]['onError']>;

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

export function createTrpcRoute(options: { createContext: () => Context; maxBody: number; maxImport: number; maxMetafileImport: number; onError: OnError }) {
  const handlerWithLimit = (maxBodySize: number) =>
    createHTTPHandler({ router: appRouter, createContext: () => options.createContext(), basePath: '/trpc/', maxBodySize, onError: options.onError });
  const small = handlerWithLimit(options.maxBody);
  const snapshotImport = handlerWithLimit(options.maxImport);
  const metafileImport = handlerWithLimit(options.maxMetafileImport);

  /** A lone query's input as tRPC reads it (JSON in `input`); undefined when tRPC's adapter should answer. */
  function loneQuery(req: IncomingMessage, calls: string[]): { path: string; input: unknown } | undefined {
    if (req.method !== 'GET' || calls.length !== 1 || procedures[calls[0]]?._def.type !== 'query' || req.headers['trpc-accept']) return undefined;
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
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
      data = await callProcedure({ router: appRouter, path: call.path, getRawInput: async () => call.input, ctx, type: 'query', signal: undefined, batchIndex: 0 });
    } catch (cause) {
      // As tRPC's adapter answers a failed lone call: the router's error shape, the status it maps to.
      const error = getTRPCErrorFromUnknown(cause);
      options.onError({ error, path: call.path, input: call.input, ctx, type: 'query', req: req as never });
      const body = { error: getErrorShape({ config: appRouter._def._config, error, type: 'query', path: call.path, input: call.input, ctx }) };
      const bytes = Buffer.from(JSON.stringify(body));
      res.writeHead(getHTTPStatusCode([body], [error]), { 'Content-Type': 'application/json', 'Content-Length': bytes.length, Vary: 'trpc-accept, accept' });
      res.end(bytes);
      return;
    }
    res.setHeader('Vary', 'trpc-accept, accept');
    return sendEncoded(req, res, slot.encoded ? inEnvelope(slot.encoded) : encodeResponse({ result: { data } }));
  }

  return function handleTrpc(req: IncomingMessage, res: ServerResponse, pathname: string): void | Promise<void> {
    if (req.method !== 'GET' && req.method !== 'POST') return sendError(res, 405, `${req.method} is not supported here`, { Allow: 'GET, POST, OPTIONS' });
    // tRPC also takes form data and octet streams; only JSON may run a mutation (no cross-site simple POSTs).
    if (req.method === 'POST' && mediaType(req) !== 'application/json') return sendError(res, 415, 'Content-Type must be application/json');
    const calls = decodeSafe(pathname.slice('/trpc/'.length)).split(',');
    if (calls.length > MAX_BATCH_CALLS) return sendError(res, 400, `a batch holds at most ${MAX_BATCH_CALLS} calls (this one has ${calls.length})`);
    const heavy = calls.find((c) => UNBATCHED_PROCEDURES.includes(c));
    if (heavy && calls.length > 1) return sendError(res, 400, `${heavy} is called alone, not in a batch (its answer or input is large)`);
    const lone = loneQuery(req, calls);
    if (lone) return answerLoneQuery(req, res, lone);
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
