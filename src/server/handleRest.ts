// REST (the original API's paths and the focused queries) through trpc-to-openapi: every request is a
// procedure call through the router. A cacheable query's answer comes back as bytes from the
// per-version response cache (src/api/responseCache.ts) and is sent with its ETag, compressed as asked.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appRouter } from '../api/appRouter.js';
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
  // The adapter loads on first use, so start-up does not pay for it.
  let loading: Promise<Handler> | undefined;
  const slots = new WeakMap<IncomingMessage, ResponseSlot>();
  const adapter = () =>
    (loading ??= import('trpc-to-openapi').then(
      ({ createOpenApiNodeHttpHandler }) =>
        createOpenApiNodeHttpHandler({
          router: appRouter,
          // Each request gets its own context with a slot for the encoded answer.
          createContext: ({ req }: { req: IncomingMessage }) => ({ ...options.createContext(), responseSlot: slots.get(req) }),
          maxBodySize: options.maxImport,
          onError: options.onError,
        }) as unknown as Handler,
    ));

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
    const rest = req as IncomingMessage & { body?: unknown; query?: Record<string, string[]> };
    rest.query = query;
    if (!readOnly) {
      const body =
        pathname === '/api/snapshot/import'
          ? await stageImportBody(req, options.maxImport, options.tempDir)
          : await readJsonBody(req, pathname === '/api/metafiles/import' ? options.maxMetafileImport : options.maxBody);
      if (!body.ok) return sendError(res, body.status, body.detail);
      rest.body = body.value;
      req.headers['content-type'] = 'application/json'; // media types are case-insensitive; the adapter is not
    }
    const head = req.method === 'HEAD';
    if (head) req.method = 'GET'; // the adapter routes HEAD nowhere; the body is left out below
    const slot: ResponseSlot = {};
    slots.set(req, slot);
    const captured = new CapturedResponse(res);
    await (await adapter())(req, captured as unknown as ServerResponse);
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
