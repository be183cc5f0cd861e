// One node:http server for everything on localhost. A request flows through:
//   guardRequest (Host, Origin, Fetch Metadata, CORS, token or session cookie)
//   → browserLogin (/login: a one-time code or the token for a session cookie)
//   → handleTrpc (/trpc: tRPC, bounded batches) | serveDocs | serveExplorerUi (/app/)
//   → handleRest (everything else: REST through the router; cacheable answers as bytes from the
//     per-version response cache, compressed and with ETags by sendEncoded).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from '../api/createContext.js';
import { createBrowserLogin, type BrowserLogin } from './browserLogin.js';
import { guardRequest } from './guardRequest.js';
import { requestTarget } from './requestTarget.js';
import { createRestRoute } from './handleRest.js';
import { createTrpcRoute, isTrpcPath } from './handleTrpc.js';
import type { SecurityPolicy } from './securityPolicy.js';
import { sendError } from './sendResponse.js';
import { createDocsRoutes, isDocsPath } from './serveDocs.js';
import { isExplorerUiPath, serveExplorerUi } from './serveExplorerUi.js';

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
  /** Where a snapshot import's body is staged while it arrives (default: the OS's temp folder). */
  tempDir?: string;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
  /** Log each request and procedure call at debug level (its lines are built per request, so only when asked). */
  logRequests?: boolean;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

export function createHttpServer(options: HttpServerOptions) {
  const log = options.log ?? (() => undefined);
  const limits = {
    maxBody: options.maxBodyBytes ?? 1_000_000,
    maxImport: options.maxImportBytes ?? 512 * 1024 * 1024,
    maxMetafileImport: options.maxMetafileImportBytes ?? 96 * 1024 * 1024,
  };
  let port = 0;
  // One policy object per port, so the sets derived from it are worked out once.
  let policyNow: SecurityPolicy = { ...options.policy, port };
  const policy = (): SecurityPolicy => (policyNow.port === port ? policyNow : (policyNow = { ...options.policy, port }));

  const onError = ({ error, path: procedurePath }: { error: { code: string; message: string; cause?: unknown }; path?: string }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      const cause = error.cause instanceof Error ? (error.cause.stack ?? error.cause.message) : error.message;
      log('error', `${procedurePath ?? 'request'} failed: ${cause}`);
    }
  };
  // With logRequests, every procedure call is logged at debug level by the router's first middleware
  // (unless the context brings its own observer).
  const logRequests = options.logRequests === true && options.log !== undefined;
  const debugCall: NonNullable<Context['observe']> = (call) => log('debug', `${call.type} ${call.path}: ${call.cached ? 'cached' : 'ran'}, ${call.ms.toFixed(1)} ms`);
  let observedOf: Context | undefined;
  let observed: Context | undefined;
  const withObserver = (): Context => {
    const ctx = options.createContext();
    if (ctx.observe || !logRequests) return ctx;
    // The factory hands out one shared context: wrap it once, not on every request.
    if (ctx !== observedOf) {
      observedOf = ctx;
      observed = { ...ctx, observe: debugCall };
    }
    return observed!;
  };
  const handleTrpc = createTrpcRoute({ createContext: withObserver, onError, tempDir: options.tempDir, ...limits });
  const handleRest = createRestRoute({ createContext: withObserver, onError, tempDir: options.tempDir, ...limits });
  const serveDocs = createDocsRoutes(options.version);
  const login: BrowserLogin = createBrowserLogin();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const p = policy();
    const url = requestTarget(req.url ?? '/');
    if (guardRequest(req, res, p, { beforeToken: (r, s) => login.handle(r, s, url, p) })) return;
    const pathname = url.pathname;
    if (logRequests) log('debug', `${req.method} ${req.url}`);
    if (isTrpcPath(pathname)) return handleTrpc(req, res, url);
    if (isDocsPath(pathname)) return serveDocs(req, res, pathname);
    if (isExplorerUiPath(pathname)) return serveExplorerUi(req, res, pathname, options.rendererDir);
    return handleRest(req, res, url);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log('error', `request failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendError(res, 500, 'Internal server error');
      else res.destroy();
    });
  });
  // A client that half-closes after its request (sends FIN) still gets the answer, also one that
  // waits for something to load; by default node:http would close the socket at once.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;

  return {
    server,
    /** A one-time sign-in address path for a browser (`/login?code=…`), when a token is required. */
    loginPath: () => `/login?code=${login.issueCode()}`,
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
