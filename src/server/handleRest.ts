// REST (the original API's paths and the focused queries): every request is a procedure call through
// the router. GET and HEAD are matched with trpc-to-openapi's route table and read with its query
// rules; the procedure is then called through its middlewares (callRouter), without the adapter's
// per-request machinery, which costs more than a cached answer. A cacheable query's answer
// comes back as bytes from the per-version response cache (src/api/responseCache.ts) and is sent with
// its ETag, compressed as asked; errors leave in the adapter's shape. Mutations go through
// trpc-to-openapi's adapter.
import { TRPCError } from '@trpc/server';
import { getErrorShape, getTRPCErrorFromUnknown } from '@trpc/server/unstable-core-do-not-import';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appRouter } from '../api/appRouter.js';
import type { Context } from '../api/createContext.js';
import type { ResponseSlot } from '../api/responseCache.js';
import { callRouter } from './callRouter.js';
import { readJsonBody } from './readJsonBody.js';
import type { RequestTarget } from './requestTarget.js';
import { sendEncoded } from './sendEncoded.js';
import { sendError } from './sendResponse.js';
import { stageImportBody } from './stageImportBody.js';

/** What the server logs of an error (the adapters pass more; this is what it reads). */
type OnError = (opts: { error: { code: string; message: string; cause?: unknown }; path?: string }) => void;

/** What the REST and tRPC routes are made with. */
export interface RouteOptions {
  createContext: () => Context;
  maxBody: number;
  maxImport: number;
  maxMetafileImport: number;
  onError: OnError;
  /** Where a snapshot import's body is staged while it arrives. */
  tempDir?: string;
}

type OpenApi = typeof import('trpc-to-openapi');
type RestRequest = IncomingMessage & { body?: unknown; query?: Record<string, string[]> };

export function createRestRoute(options: RouteOptions) {
  type Rest = { openapi: OpenApi; routes: ReturnType<OpenApi['createProcedureCache']>; mutate: (req: IncomingMessage, res: ServerResponse) => Promise<void> };
  // trpc-to-openapi loads on first use, so start-up does not pay for it.
  let loading: Promise<Rest> | undefined;
  const rest = () =>
    (loading ??= import('trpc-to-openapi').then((openapi) => ({
      openapi,
      routes: openapi.createProcedureCache(appRouter),
      mutate: openapi.createOpenApiNodeHttpHandler({
        router: appRouter,
        createContext: () => options.createContext(),
        maxBodySize: options.maxImport,
        onError: options.onError,
      }) as unknown as Rest['mutate'],
    })));

  /** An error as the adapter writes one: the router's error shape, with `code` and a bad input's `issues`. */
  function sendProcedureError(req: IncomingMessage, res: ServerResponse, r: Rest, error: TRPCError, call: { path?: string; input?: unknown; ctx?: Context } = {}) {
    options.onError({ error, path: call.path });
    const shape = getErrorShape({ config: appRouter._def._config, error, type: call.path ? 'query' : 'unknown', path: call.path, input: call.input, ctx: call.ctx });
    const zod = error.code === 'BAD_REQUEST' && error.cause instanceof Error && error.cause.name === 'ZodError' ? (error.cause as Error & { issues: unknown }) : undefined;
    const body = Buffer.from(JSON.stringify({ ...shape, message: zod ? 'Input validation failed' : (shape?.message ?? error.message), code: error.code, issues: zod?.issues }));
    res.writeHead(r.openapi.TRPC_ERROR_CODE_HTTP_STATUS[error.code] ?? 500, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  type QueryRoute = { path: string; pathInput: Record<string, string>; takesInput: boolean } | undefined;
  /** Route lookups by path, worked out once per path (monitors and the UI ask the same ones again and again). */
  const queryRoutes = new BoundedMemo<string, QueryRoute>(512);
  const queryRoute = (r: Rest, pathname: string): QueryRoute =>
    queryRoutes.get(pathname, () => {
      const { procedure, pathInput } = r.routes('GET', r.openapi.normalizePath(pathname)) ?? {};
      if (!procedure) return undefined;
      const { inputParser } = r.openapi.getInputOutputParsers(procedure.procedure);
      return { path: procedure.path, pathInput: pathInput ?? {}, takesInput: !r.openapi.instanceofZodTypeLikeVoid(r.openapi.unwrapZodType(inputParser, true)) };
    });

  /** GET/HEAD: the route's procedure called through the router, its answer (bytes when cached) or error written here. */
  async function answerQuery(req: RestRequest, res: ServerResponse, url: RequestTarget, r: Rest): Promise<void> {
    const route = queryRoute(r, url.pathname);
    if (!route) return sendProcedureError(req, res, r, new TRPCError({ code: 'NOT_FOUND', message: 'Not found' }));
    // As the adapter reads a query: one value as a string, a repeated key as an array; path parameters on top.
    // getQuery reads req.query, set from the target's query before this.
    const input = route.takesInput ? { ...r.openapi.getQuery(req, url as URL), ...route.pathInput } : undefined;
    const slot: ResponseSlot = {};
    const ctx: Context = { ...options.createContext(), responseSlot: slot };
    let data: unknown;
    try {
      data = await callRouter(ctx, route.path, 'query', input);
    } catch (cause) {
      return sendProcedureError(req, res, r, getTRPCErrorFromUnknown(cause), { path: route.path, input, ctx });
    }
    if (slot.encoded) return sendEncoded(req, res, slot.encoded);
    sendAnswer(req, res, data);
  }

  async function answerHealth(req: IncomingMessage, res: ServerResponse): Promise<void> {
    sendAnswer(req, res, await callRouter(options.createContext(), 'meta.health', 'query', undefined));
  }

  return async function handleRest(req: IncomingMessage, res: ServerResponse, url: RequestTarget): Promise<void> {
    const pathname = url.pathname;
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    // A REST path asked with a method it does not take: 405 naming the ones it does, not a bare 404.
    const allowed = restMethodsFor(pathname);
    if (allowed.length > 0 && !allowed.includes(readOnly ? 'GET' : (req.method ?? ''))) {
      // The Host header passed checkHost, so it is one of our own names.
      const hint = allowed.includes('POST') ? ` with Content-Type: application/json, e.g. curl -X POST -H 'Content-Type: application/json' http://${req.headers.host}${pathname}` : '';
      return sendError(res, 405, `${req.method} is not supported on ${pathname}: use ${allowed.join(' or ')}${hint}`, { Allow: allowed.join(', ') });
    }
    // Monitors poll /health, also while the data opens at start-up: it takes no input and needs none of the REST layer.
    if (pathname === '/health' && req.method === 'GET') return answerHealth(req, res);
    // Hub ids contain a slash; the REST route takes one path segment, so fold the rest into it.
    const modelPath = /^\/api\/models\/(.+)$/.exec(pathname);
    if (modelPath && modelPath[1].includes('/')) {
      req.url = `/api/models/${encodeURIComponent(decodeSafe(modelPath[1]))}${url.search}`;
      url = new URL(req.url, 'http://localhost');
    }
    // trpc-to-openapi indexes a plain object by query key unless the request brings its query:
    // "?toString=1" would break it. Null prototype.
    const query: Record<string, string[]> = Object.create(null);
    if (url.search) for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
    const restReq = req as RestRequest;
    restReq.query = query;
    const r = await rest();
    if (readOnly) return answerQuery(restReq, res, url, r);
    const body =
      pathname === '/api/snapshot/import'
        ? await stageImportBody(req, options.maxImport, options.tempDir)
        : await readJsonBody(req, pathname === '/api/metafiles/import' ? options.maxMetafileImport : options.maxBody);
    if (!body.ok) return sendError(res, body.status, body.detail);
    restReq.body = body.value;
    req.headers['content-type'] = 'application/json'; // media types are case-insensitive; the adapter is not
    return r.mutate(req, res);
  };
}

/** An answer that is not held as bytes: serialized now (no body for HEAD). */
function sendAnswer(req: IncomingMessage, res: ServerResponse, data: unknown): void {
  // A string, not bytes: node:http then sends the head and a small body in one write.
  const body = JSON.stringify(data);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A Map that keeps at most `max` entries (the oldest goes first): paths come from clients. */
class BoundedMemo<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K, compute: () => V): V {
    if (this.map.has(key)) return this.map.get(key) as V;
    const value = compute();
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
    return value;
  }
}

let restRoutes: { pattern: RegExp; method: string }[] | undefined;
const methodsByPath = new BoundedMemo<string, string[]>(512);

/** The methods the REST API takes on a path (from the procedures' OpenAPI meta); [] when it is not a REST path. */
function restMethodsFor(pathname: string): string[] {
  return methodsByPath.get(pathname, () => restMethodsOf(pathname));
}

function restMethodsOf(pathname: string): string[] {
  restRoutes ??= Object.values(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { openapi?: { method: string; path: string } } } }>)
    .map((p) => p._def.meta?.openapi)
    .filter((o): o is { method: string; path: string } => o !== undefined)
    .map((o) => ({ method: o.method, pattern: new RegExp(`^${o.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '.+')}/?$`) }));
  return [...new Set(restRoutes.filter((r) => r.pattern.test(pathname)).map((r) => r.method))];
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
