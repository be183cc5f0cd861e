// Wires the whole headless app from a Config: storage, bundled snapshot, Hub fetcher, cache,
// router context and the HTTP server. The CLI, `npm start` and tests all start it this way.
import { hostname, networkInterfaces } from 'node:os';
import { createContextFactory } from '../api/createContext.js';
import { appInfo } from '../appInfo.js';
import type { BenchmarkCache, HubFetcher } from '../cache/createBenchmarkCache.js';
import { createCacheFor, type Logger, type OpenCacheOptions } from '../cache/openBenchmarkCache.js';
import type { KeyValueStore } from '../cache/storagePort.js';
import type { Config } from '../config.js';
import { loadOrCreateApiToken } from './apiToken.js';
import { createHttpServer, type RunningServer } from './createHttpServer.js';
import { isLoopbackHost } from './securityPolicy.js';

export type { Logger };

export interface StartOptions {
  config: Config;
  /** Overrides for tests and the desktop app. */
  store?: KeyValueStore;
  fetchFromHub?: HubFetcher;
  hub?: OpenCacheOptions['hub'];
  bundledSnapshot?: string;
  /** Where the prebuilt version of the bundled data is (default: next to the compiled modules); null: none. */
  prebuiltDir?: string | null;
  rendererDir?: string;
  clock?: () => number;
  log?: Logger;
  /** Refresh in the background at start when the data is stale, and later whenever it expires (default: true unless offline). */
  refreshOnStart?: boolean;
}

export interface StartedApp {
  server: RunningServer;
  cache: BenchmarkCache;
  apiToken?: string;
  /** When a token is required: addresses that sign a browser in once (a one-time code each run). */
  loginUrls?: string[];
  /** Addresses other machines may use (HOST beyond loopback). */
  reachableUrls?: string[];
  close(): Promise<void>;
}

const allInterfaces = (host: string) => host === '0.0.0.0' || host === '::';

/** Addresses of this machine's network interfaces (IPv6 in brackets), loopback left out. */
function interfaceAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal) out.push(a.family === 'IPv6' ? `[${a.address}]` : a.address);
  }
  return out;
}

/** Names other machines may use for this one when it listens on every interface (the token guards them). */
function interfaceHosts(): string[] {
  return [hostname().toLowerCase(), ...interfaceAddresses()];
}

export async function startServer(options: StartOptions): Promise<StartedApp> {
  const { config } = options;
  const log: Logger = options.log ?? (() => undefined);
  const clock = options.clock ?? Date.now;

  const cache = createCacheFor({
    config,
    store: options.store,
    fetchFromHub: options.fetchFromHub,
    hub: options.hub,
    bundledSnapshot: options.bundledSnapshot,
    prebuiltDir: options.prebuiltDir,
    clock,
    log,
  });
  // The server listens while the data opens: /health answers at once (saying it is loading), every
  // other request waits for the data (the router's first middleware).
  const opened = cache.start();
  opened.catch(() => undefined);

  let apiToken = config.API_TOKEN;
  const loopback = isLoopbackHost(config.HOST);
  if (!loopback && !apiToken) {
    const t = loadOrCreateApiToken(config.DATA_DIR);
    apiToken = t.token;
    log('warn', `listening beyond loopback on ${config.HOST}: every request needs "Authorization: Bearer <token>" (token in ${t.file})`);
  }
  const info = appInfo();
  const createContext = createContextFactory({
    cache,
    app: { name: info.productName, version: info.version, startedAt: clock() },
    clock,
    maxMemoEntries: config.CACHE_MAX_ENTRIES,
  });
  const http = createHttpServer({
    createContext,
    version: info.version,
    policy: {
      extraHosts: loopback ? [] : allInterfaces(config.HOST) ? interfaceHosts() : [config.HOST],
      corsOrigins: config.CORS_ORIGINS,
      apiToken: loopback ? config.API_TOKEN : apiToken,
    },
    rendererDir: options.rendererDir,
    log,
    logRequests: config.LOG_LEVEL === 'debug',
  });
  let server: RunningServer;
  try {
    server = await http.listen(config.PORT, config.HOST);
  } catch (error) {
    // A busy port must not leave a started cache behind (callers may retry on another port).
    await cache.close();
    throw error;
  }
  try {
    await opened;
  } catch (error) {
    // No data at all: the start fails as a whole, and the port is free again.
    await server.close();
    await cache.close();
    throw error;
  }
  if (options.refreshOnStart ?? !config.OFFLINE) cache.keepFresh();
  let loginUrls: string[] | undefined;
  let reachableUrls: string[] | undefined;
  if (!loopback) {
    const hosts = allInterfaces(config.HOST) ? ['127.0.0.1', ...interfaceAddresses().filter((a) => !a.startsWith('[fe80:'))] : [config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST];
    reachableUrls = hosts.map((h) => `http://${h}:${server.port}`);
    // One code for all of them: whichever address is opened first uses it up.
    const login = http.loginPath();
    loginUrls = reachableUrls.map((u) => `${u}${login}`);
  }
  return {
    server,
    cache,
    apiToken,
    loginUrls,
    reachableUrls,
    async close() {
      await server.close();
      await cache.close();
    },
  };
}
