// One node:http server for everything on localhost: REST (seed paths and focused queries) via
// trpc-to-openapi, tRPC under /trpc, the OpenAPI document, offline docs, and the built UI.
// Transport checks (Host, Origin, token, content type, size) happen here, before the router.
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { BenchmarksOutputSchema, ModelsListInputSchema, queryBoolean } from '../api/apiSchemas.js';
import { appRouter } from '../api/appRouter.js';
import type { Context } from '../api/createContext.js';
import { datasetFor } from '../api/datasetFor.js';
import { benchmarksBody, listModels } from '../api/datasetQueries.js';
import { healthBody } from '../api/metaRouter.js';
import { memoFor } from '../api/versionMemo.js';
import { BenchmarkRecordSchema, type BenchmarkRecord } from '../schemas/benchmarkSchemas.js';
import { faviconIco, REDOC_HTML, REDOC_LOCAL_LOGO, REDOC_LOGO_SVG, redocBundleBytes, SWAGGER_HTML, SWAGGER_INIT_JS, swaggerUiDir } from './docsPages.js';
import {
  checkHost,
  checkOrigin,
  checkToken,
  corsHeaders,
  HTML_CSP,
  SECURITY_HEADERS,
  type SecurityPolicy,
} from './securityPolicy.js';
import { resolveInside, serveFile } from './serveStatic.js';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export interface HttpServerOptions {
  createContext: () => Context;
  version: string;
  policy: Omit<SecurityPolicy, 'port'>;
  /** The built renderer (index.html + assets), served under /app/. */
  rendererDir?: string;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
  /** Largest accepted snapshot import, in bytes. */
  maxImportBytes?: number;
  /** Largest accepted model-zoo metafile import (the files' texts as JSON), in bytes. */
  maxMetafileImportBytes?: number;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
}

const CODE_BY_STATUS: Record<number, string> = { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_SUPPORTED', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 500: 'INTERNAL_SERVER_ERROR' };

function sendError(res: ServerResponse, status: number, detail: string, headers: Record<string, string> = {}) {
  sendJson(res, status, { detail, message: detail, code: CODE_BY_STATUS[status] ?? 'ERROR' }, headers);
}

interface EncodedBody {
  etag: string;
  identity: Buffer;
  gzip?: Promise<Buffer>;
  br?: Promise<Buffer>;
}

/** If-None-Match per RFC 9110: "*", or any listed tag, weak or strong, equal to ours. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Picks br, then gzip, from an Accept-Encoding header (q=0 means refused). */
export function pickEncoding(accept: string | undefined): 'br' | 'gzip' | 'identity' {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    offered.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (n: string) => (offered.get(n) ?? offered.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

export function createHttpServer(options: HttpServerOptions) {
  const log = options.log ?? (() => undefined);
  const maxBody = options.maxBodyBytes ?? 1_000_000;
  const maxImport = options.maxImportBytes ?? 512 * 1024 * 1024;
  const maxMetafileImport = options.maxMetafileImportBytes ?? 96 * 1024 * 1024;
  let port = 0;
  const policy = (): SecurityPolicy => ({ ...options.policy, port });
  let openApiJson: Buffer | undefined;

  const onError = ({ error, path: procedurePath }: { error: { code: string; message: string; cause?: unknown }; path?: string }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      const cause = error.cause instanceof Error ? (error.cause.stack ?? error.cause.message) : error.message;
      log('error', `${procedurePath ?? 'request'} failed: ${cause}`);
    }
  };
  const trpcHandlerWithLimit = (maxBodySize: number) =>
    createHTTPHandler({ router: appRouter, createContext: () => options.createContext(), basePath: '/trpc/', maxBodySize, onError });
  const trpcHandler = trpcHandlerWithLimit(maxBody);
  // Only a snapshot import may send a large body; every other call keeps the small limit.
  const trpcImportHandler = trpcHandlerWithLimit(maxImport);
  const trpcMetafileImportHandler = trpcHandlerWithLimit(maxMetafileImport);
  // The REST adapter and the OpenAPI generator load on first use: the health check, the seed blob and
  // /api/models pages are answered without them, so start-up does not pay for loading them.
  let restHandlerLoading: Promise<(req: IncomingMessage, res: ServerResponse) => Promise<void>> | undefined;
  const restHandler = async (req: IncomingMessage, res: ServerResponse) => {
    restHandlerLoading ??= import('trpc-to-openapi').then(({ createOpenApiNodeHttpHandler }) =>
      createOpenApiNodeHttpHandler({ router: appRouter, createContext: () => options.createContext(), maxBodySize: maxImport, onError }),
    );
    return (await restHandlerLoading)(req, res);
  };

  /** The seed blob, serialized (and compressed) once per dataset version. */
  function encodedBenchmarks(ctx: Context, includeSynthetic: boolean): EncodedBody {
    const version = datasetFor(ctx, includeSynthetic);
    return memoFor(version, 'benchmarks:encoded', ctx.maxMemoEntries, () => {
      // Parsed through the output schema once, so these bytes equal what the procedure returns.
      const parsed = BenchmarksOutputSchema.parse(benchmarksBody(version, ctx.maxMemoEntries));
      return { etag: `"${version.id}"`, identity: Buffer.from(JSON.stringify(parsed)) };
    });
  }

  async function serveBenchmarks(req: IncomingMessage, res: ServerResponse, url: URL, headers: Record<string, string>): Promise<boolean> {
    const keys = [...url.searchParams.keys()];
    // Anything unusual (other keys, a repeated key) goes to the procedure, which validates it.
    if (new Set(keys).size !== keys.length || keys.some((k) => k !== 'include_synthetic' && k !== 'force_refresh')) return false;
    const force = url.searchParams.get('force_refresh');
    if (force !== null && queryBoolean.safeParse(force).data !== false) return false; // validation or a real refresh: the procedure handles it
    const synth = url.searchParams.get('include_synthetic');
    const includeSynthetic = synth === null ? false : queryBoolean.safeParse(synth).data;
    if (includeSynthetic === undefined) return false;
    const ctx = options.createContext();
    const body = encodedBenchmarks(ctx, includeSynthetic);
    const common: Record<string, string> = { ...headers, ETag: body.etag, Vary: headers.Vary ? `${headers.Vary}, Accept-Encoding` : 'Accept-Encoding', 'Cache-Control': 'no-cache' };
    const encoding = pickEncoding(req.headers['accept-encoding']);
    // One strong validator per representation: identity, gzip and br bytes differ.
    const etag = encoding === 'identity' ? body.etag : body.etag.replace(/"$/, `-${encoding}"`);
    common.ETag = etag;
    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, common);
      res.end();
      return true;
    }
    let bytes = body.identity;
    if (encoding === 'br') {
      body.br ??= brotliAsync(body.identity, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } });
      bytes = await body.br;
    } else if (encoding === 'gzip') {
      body.gzip ??= gzipAsync(body.identity, { level: 6 });
      bytes = await body.gzip;
    }
    res.writeHead(200, {
      ...common,
      'Content-Type': 'application/json',
      'Content-Length': bytes.length,
      ...(encoding !== 'identity' ? { 'Content-Encoding': encoding } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
    return true;
  }

  /**
   * A page of /api/models assembled from each record's JSON, validated and serialized once per record
   * (the procedure would validate and serialize all fifty on every request). Anything the fast path
   * does not accept as is — bad input, an unknown task — goes to the procedure, which answers it.
   */
  function serveModelsPage(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const keys = [...url.searchParams.keys()];
    if (new Set(keys).size !== keys.length) return false;
    const input = ModelsListInputSchema.safeParse(Object.fromEntries(url.searchParams));
    if (!input.success) return false;
    const ctx = options.createContext();
    let page: ReturnType<typeof listModels>;
    try {
      page = listModels(datasetFor(ctx, input.data.include_synthetic), input.data, ctx.maxMemoEntries);
    } catch {
      return false;
    }
    const body = Buffer.from(`{"total":${page.total},"limit":${page.limit},"offset":${page.offset},"items":[${page.items.map(recordJson).join(',')}]}`);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const p = policy();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const host = checkHost(req.headers, p);
    if (!host.ok) return sendError(res, host.status, host.detail);
    const origin = checkOrigin(req.headers, p);
    if (!origin.ok) return sendError(res, origin.status, origin.detail);
    const cors = corsHeaders(req.headers, p);
    for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { Allow: 'GET, POST, OPTIONS' });
      res.end();
      return;
    }
    const token = checkToken(req.headers, p);
    if (!token.ok) return sendError(res, token.status, token.detail, { 'WWW-Authenticate': 'Bearer' });

    const url = new URL(req.url ?? '/', 'http://localhost');
    const pathname = url.pathname;
    log('debug', `${req.method} ${req.url}`);

    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    if (pathname === '/trpc' || pathname.startsWith('/trpc/')) {
      if (req.method !== 'GET' && req.method !== 'POST') return sendError(res, 405, `${req.method} is not supported here`, { Allow: 'GET, POST, OPTIONS' });
      // tRPC also takes form data and octet streams; only JSON may run a mutation (no cross-site simple POSTs).
      if (req.method === 'POST' && mediaType(req) !== 'application/json') return sendError(res, 415, 'Content-Type must be application/json');
      if (pathname === '/trpc/metafiles.import') return trpcMetafileImportHandler(req, res);
      return pathname === '/trpc/snapshot.import' ? trpcImportHandler(req, res) : trpcHandler(req, res);
    }
    const isStatic = pathname === '/openapi.json' || pathname === '/docs' || pathname.startsWith('/docs/') || pathname === '/redoc' || pathname.startsWith('/redoc/') || pathname === '/app' || pathname.startsWith('/app/');
    if (isStatic && !readOnly) return sendError(res, 405, `${req.method} is not supported here`, { Allow: 'GET, HEAD' });

    if (pathname === '/openapi.json') {
      if (!openApiJson) {
        const { createOpenApiDocument } = await import('../api/openApiDocument.js');
        openApiJson = Buffer.from(JSON.stringify(createOpenApiDocument({ version: options.version }), null, 2));
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': openApiJson.length });
      res.end(req.method === 'HEAD' ? undefined : openApiJson);
      return;
    }

    if (pathname === '/docs' || pathname === '/docs/' || pathname.startsWith('/docs/')) {
      res.setHeader('Content-Security-Policy', HTML_CSP);
      if (pathname === '/docs' || pathname === '/docs/') return sendText(res, SWAGGER_HTML, 'text/html; charset=utf-8');
      if (pathname === '/docs/init.js') return sendText(res, SWAGGER_INIT_JS, 'text/javascript; charset=utf-8');
      const file = resolveInside(swaggerUiDir, pathname.slice('/docs/'.length));
      if (file && (await serveFile(req, res, file))) return;
      return sendError(res, 404, 'Not found');
    }
    if (pathname === '/redoc' || pathname === '/redoc/') {
      res.setHeader('Content-Security-Policy', HTML_CSP);
      return sendText(res, REDOC_HTML, 'text/html; charset=utf-8');
    }
    if (pathname === '/redoc/redoc.standalone.js') return sendBytes(req, res, redocBundleBytes(), 'text/javascript; charset=utf-8');
    if (pathname === REDOC_LOCAL_LOGO) return sendBytes(req, res, Buffer.from(REDOC_LOGO_SVG), 'image/svg+xml');
    if (pathname === '/favicon.ico') {
      if (!readOnly) return sendError(res, 405, `${req.method} is not supported here`, { Allow: 'GET, HEAD' });
      return sendBytes(req, res, faviconIco(), 'image/x-icon');
    }

    if (pathname === '/app' || pathname.startsWith('/app/')) {
      if (!options.rendererDir) return sendError(res, 404, 'the explorer UI is not built: run `npm run build`');
      res.setHeader('Content-Security-Policy', HTML_CSP);
      if (pathname === '/app') {
        res.writeHead(308, { Location: '/app/' });
        res.end();
        return;
      }
      const rel = pathname.slice('/app/'.length) || 'index.html';
      const file = resolveInside(options.rendererDir, rel);
      if (file && (await serveFile(req, res, file))) return;
      // Client-side routes fall back to the app shell; missing assets stay 404.
      if (!path.extname(rel) && (await serveFile(req, res, path.join(options.rendererDir, 'index.html')))) return;
      return sendError(res, 404, 'Not found');
    }

    if (pathname === '/health' && readOnly && url.search === '') {
      // Same body as the procedure (healthBody), without the adapter's per-request machinery.
      const bytes = Buffer.from(JSON.stringify(healthBody(options.createContext())));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes.length, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : bytes);
      return;
    }

    if (pathname === '/api/benchmarks' && (req.method === 'GET' || req.method === 'HEAD')) {
      if (await serveBenchmarks(req, res, url, cors)) return;
    }
    if (pathname === '/api/models' && readOnly && serveModelsPage(req, res, url)) return;

    // A REST path asked with a method it does not take: 405 naming the ones it does, not a bare 404.
    const allowed = restMethodsFor(pathname);
    if (allowed.length > 0 && !allowed.includes(req.method === 'HEAD' ? 'GET' : (req.method ?? ''))) {
      // The Host header passed checkHost above, so it is one of our own names.
      const hint = allowed.includes('POST') ? ` with Content-Type: application/json, e.g. curl -X POST -H 'Content-Type: application/json' http://${req.headers.host}${pathname}` : '';
      return sendError(res, 405, `${req.method} is not supported on ${pathname}: use ${allowed.join(' or ')}${hint}`, { Allow: allowed.join(', ') });
    }

    // Hub ids contain a slash; the REST route takes one path segment, so fold the rest into it.
    const modelPath = /^\/api\/models\/(.+)$/.exec(pathname);
    if (modelPath && modelPath[1].includes('/')) {
      req.url = `/api/models/${encodeURIComponent(decodeSafe(modelPath[1]))}${url.search}`;
    }
    // The adapter indexes a plain object by query key: "?toString=1" would break it. Null prototype.
    const query: Record<string, string[]> = Object.create(null);
    for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
    const rest = req as IncomingMessage & { body?: unknown; query?: Record<string, string[]> };
    rest.query = query;
    if (!readOnly) {
      const limit = pathname === '/api/snapshot/import' ? maxImport : pathname === '/api/metafiles/import' ? maxMetafileImport : maxBody;
      const body = await readJsonBody(req, limit);
      if (!body.ok) return sendError(res, body.status, body.detail);
      rest.body = body.value;
      req.headers['content-type'] = 'application/json'; // media types are case-insensitive; the adapter is not
    }
    return restHandler(req, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log('error', `request failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendError(res, 500, 'Internal server error');
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;

  return {
    server,
    async listen(listenPort: number, host: string): Promise<RunningServer> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(listenPort, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      port = (server.address() as AddressInfo).port;
      const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
      return {
        server,
        port,
        url: `http://${shownHost}:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      };
    },
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

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** Deepest nesting of arrays/objects in a JSON text, counted outside strings, without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Deeper JSON than any real request needs would overflow the stack when re-serialized. */
const MAX_JSON_DEPTH = 64;

type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; detail: string };

/**
 * Reads a REST request body: JSON only (which also blocks cross-site "simple" form posts), bounded
 * in size, and an empty body counts as `{}` — browser clients send exactly that to POST /api/refresh.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const type = mediaType(req);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (type !== 'application/json') {
    req.resume();
    return { ok: false, status: 415, detail: type ? `Content-Type "${type}" is not supported: send application/json` : 'Content-Type is required: send application/json' };
  }
  if (declared > maxBytes) {
    req.resume();
    return { ok: false, status: 413, detail: `request body is larger than ${maxBytes} bytes` };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return { ok: false, status: 413, detail: `request body is larger than ${maxBytes} bytes` };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return { ok: true, value: {} };
  if (jsonDepth(text) > MAX_JSON_DEPTH) return { ok: false, status: 400, detail: `body: JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, status: 400, detail: `body: not valid JSON (${(error as Error).message})` };
  }
}

const recordJsonCache = new WeakMap<BenchmarkRecord, string>();

/** A record as the output schema shapes it, serialized once (records never change within a version). */
function recordJson(record: BenchmarkRecord): string {
  let json = recordJsonCache.get(record);
  if (json === undefined) {
    json = JSON.stringify(BenchmarkRecordSchema.parse(record));
    recordJsonCache.set(record, json);
  }
  return json;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Bytes held in memory (a patched bundle, an icon), cached by the browser until they change. */
function sendBytes(req: IncomingMessage, res: ServerResponse, bytes: Buffer, type: string) {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': bytes.length, 'Cache-Control': 'max-age=3600' });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

function sendText(res: ServerResponse, text: string, type: string) {
  const bytes = Buffer.from(text);
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': bytes.length, 'Cache-Control': 'no-cache' });
  res.end(bytes);
}
