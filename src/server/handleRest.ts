// REST (the original API's paths and the focused queries): every request is a procedure call through
// the router. GET and HEAD are matched and answered here with trpc-to-openapi's route table, input
// rules and error shape (without its per-request machinery, which costs more than a cached answer);
// a cacheable query's answer comes back as bytes from the per-version response cache
// (src/api/responseCache.ts) and is sent with its ETag, compressed as asked. Mutations go through
// trpc-to-openapi's adapter.
import { getErrorShape, getTRPCErrorFromUnknown } from '@trpc/server/unstable-core-do-not-import';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appRouter, createCaller } from '../api/appRouter.js';
import type { Context } from '../api/createContext.js';
import type { ResponseSlot } from '../api/responseCache.js';
import { readJsonBody } from './readJsonBody.js';
import { sendEncoded } from './sendEncoded.js';
import { sendError } from './sendResponse.js';
import { stageImportBody } from './stageImportBody.js';

type OnError = (opts: { error: { code: string; message: string; cause?: unknown }; path?: string }) => void;

/** What the adapter writes, kept until we know whether the bytes come from the response cache instead. */
class CapturedResponse {
  statusCode = 200;
  readonly headers: Record<string, string | number | readonly string[]> = {};
  body: string | undefined;
  constructor(private readonly real: ServerResponse) {}
  setHeader(name: string, value: string | number | readonly string[]) {
    this.headers[name] = value;
    return this;
  }
  end(body?: string) {
    this.body = body;
    return this;
  }
  get writableEnded() {
    return this.real.writableEnded;
  }
  once(event: string, listener: () => void) {
    this.real.once(event, listener);
    return this;
  }
  off(event: string, listener: () => void) {
    this.real.off(event, listener);
    return this;
  }
}

export interface RestRouteOptions {
  createContext: () => Context;
  maxBody: number;
  maxImport: number;
  maxMetafileImport: number;
  onError: OnError;
  /** Where a snapshot import's body is staged while it arrives. */
  tempDir?: string;
}

export function createRestRoute(options: RestRouteOptions) {
  type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  type Rest = { handler: Handler; routes: ReturnType<typeof import('trpc-to-openapi').createProcedureCache>; status: Record<string, number> };
  // trpc-to-openapi loads on first use, so start-up does not pay for it.
  let loading: Promise<Rest> | undefined;
  const slots = new WeakMap<IncomingMessage, ResponseSlot>();
  const rest = () =>
    (loading ??= import('trpc-to-openapi').then(({ createOpenApiNodeHttpHandler, createProcedureCache, TRPC_ERROR_CODE_HTTP_STATUS }) => ({
      handler: createOpenApiNodeHttpHandler({
        router: appRouter,
        // Each request gets its own context with a slot for the encoded answer.
        createContext: ({ req }: { req: IncomingMessage }) => ({ ...options.createContext(), responseSlot: slots.get(req) }),
        maxBodySize: options.maxImport,
        onError: options.onError,
      }) as unknown as Handler,
      routes: createProcedureCache(appRouter),
      status: TRPC_ERROR_CODE_HTTP_STATUS as Record<string, number>,
    })));

  /** GET/HEAD: the procedure called through the router, its answer (bytes when cached) or error written here. */
  async function answerQuery(req: IncomingMessage, res: ServerResponse, url: URL, r: Rest): Promise<boolean> {
    const found = r.routes('GET', `/${url.pathname.replace(/^\/|\/$/g, '')}`); // trpc-to-openapi's normalizePath
    if (!found?.procedure || found.procedure.type !== 'query') return false;
    const procedurePath = found.procedure.path;
    const inputs = (found.procedure.procedure as unknown as { _def: { inputs: { _zod?: { def?: { type?: string } } }[] } })._def.inputs;
    let input: Record<string, unknown> | undefined;
    if (inputs.length > 0 && inputs[0]._zod?.def?.type !== 'void') {
      // As trpc-to-openapi reads a query: one value as a string, a repeated key as an array; path parameters on top.
      input = {};
      for (const key of new Set(url.searchParams.keys())) {
        const values = url.searchParams.getAll(key);
        input[key] = values.length === 1 ? values[0] : values;
      }
      Object.assign(input, found.pathInput);
    }
    const slot: ResponseSlot = {};
    const ctx = { ...options.createContext(), responseSlot: slot };
    let data: unknown;
    try {
      const caller = createCaller(ctx) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
      const [domain, name] = procedurePath.split('.');
      data = await caller[domain][name](input);
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      options.onError({ error, path: procedurePath });
      const shape = getErrorShape({ config: appRouter._def._config, error, type: 'query', path: procedurePath, input, ctx });
      const zod = error.code === 'BAD_REQUEST' && error.cause instanceof Error && error.cause.name === 'ZodError' ? (error.cause as Error & { issues: unknown }) : undefined;
      const body = Buffer.from(JSON.stringify({ ...shape, message: zod ? 'Input validation failed' : (shape?.message ?? error.message), code: error.code, issues: zod?.issues }));
      res.writeHead(r.status[error.code] ?? 500, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }
    if (slot.encoded) {
      await sendEncoded(req, res, slot.encoded);
      return true;
    }
    const body = Buffer.from(JSON.stringify(data));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  return async function handleRest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const pathname = url.pathname;
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    // A REST path asked with a method it does not take: 405 naming the ones it does, not a bare 404.
    const allowed = restMethodsFor(pathname);
    if (allowed.length > 0 && !allowed.includes(readOnly ? 'GET' : (req.method ?? ''))) {
      // The Host header passed checkHost, so it is one of our own names.
      const hint = allowed.includes('POST') ? ` with Content-Type: application/json, e.g. curl -X POST -H 'Content-Type: application/json' http://${req.headers.host}${pathname}` : '';
      return sendError(res, 405, `${req.method} is not supported on ${pathname}: use ${allowed.join(' or ')}${hint}`, { Allow: allowed.join(', ') });
    }
    // Hub ids contain a slash; the REST route takes one path segment, so fold the rest into it.
    const modelPath = /^\/api\/models\/(.+)$/.exec(pathname);
    if (modelPath && modelPath[1].includes('/')) req.url = `/api/models/${encodeURIComponent(decodeSafe(modelPath[1]))}${url.search}`;
    // The adapter indexes a plain object by query key: "?toString=1" would break it. Null prototype.
    const query: Record<string, string[]> = Object.create(null);
    for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
    const withBody = req as IncomingMessage & { body?: unknown; query?: Record<string, string[]> };
    withBody.query = query;
    const loaded = await rest();
    if (readOnly && (await answerQuery(req, res, new URL(req.url ?? '/', 'http://localhost'), loaded))) return;
    if (!readOnly) {
      const body =
        pathname === '/api/snapshot/import'
          ? await stageImportBody(req, options.maxImport, options.tempDir)
          : await readJsonBody(req, pathname === '/api/metafiles/import' ? options.maxMetafileImport : options.maxBody);
      if (!body.ok) return sendError(res, body.status, body.detail);
      withBody.body = body.value;
      req.headers['content-type'] = 'application/json'; // media types are case-insensitive; the adapter is not
    }
    const head = req.method === 'HEAD';
    if (head) req.method = 'GET'; // the adapter routes HEAD nowhere; the body is left out below
    const slot: ResponseSlot = {};
    slots.set(req, slot);
    const captured = new CapturedResponse(res);
    await loaded.handler(req, captured as unknown as ServerResponse);
    if (head) req.method = 'HEAD';
    if (slot.encoded && captured.statusCode === 200) return sendEncoded(req, res, slot.encoded);
    const bytes = Buffer.from(captured.body ?? '');
    res.writeHead(captured.statusCode, { ...captured.headers, 'Content-Length': bytes.length });
    res.end(head ? undefined : bytes);
  };
}

let restRoutes: { pattern: RegExp; method: string }[] | undefined;

/** The methods the REST API takes on a path (from the procedures' OpenAPI meta); [] when it is not a REST path. */
export function restMethodsFor(pathname: string): string[] {
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
