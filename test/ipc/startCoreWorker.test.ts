// The desktop app's core in a worker thread, in plain Node: a tRPC client over ipcLink → the relay on
// this (main) thread → the worker (cache, router, REST server) → back, with errors keeping their codes,
// refused senders relayed nothing, and the state file shared with the headless server. Also prints how
// long this thread's event loop stalls while a dataset is built, in-thread and in the worker (printed,
// never asserted).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serialize } from 'node:v8';
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppRouter } from '../../src/api/appRouter.js';
import { appRouter } from '../../src/api/appRouter.js';
import { createContextFactory } from '../../src/api/createContext.js';
import { createConfStore } from '../../src/cache/createConfStore.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createIpcHandler, type IpcHandler, type IpcSender } from '../../src/ipc/createIpcHandler.js';
import { ipcLink } from '../../src/ipc/ipcLink.js';
import type { IpcResponse } from '../../src/ipc/ipcProtocol.js';
import { startCoreWorker, type CoreWorker } from '../../src/ipc/startCoreWorker.js';
import { startServer } from '../../src/server/startServer.js';

/** The worker runs the TypeScript sources through tsx, as this test process does through vitest. */
const WORKER_URL = new URL('../support/tsxWorker.js', import.meta.url);
const WORKER_ARGV = [new URL('../../src/ipc/coreWorker.ts', import.meta.url).href];
/** data/README.md line 3: the bundled snapshot holds 7,948 models. */
const BUNDLED_MODELS = 7948;
const APP_FRAME = { url: 'file:///app/out/renderer/index.html', isMainFrame: true };

let dir: string;
const dirs: string[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'core-worker-'));
});
afterAll(async () => {
  await Promise.all([dir, ...dirs].map((d) => rm(d, { recursive: true, force: true })));
});

async function dataDir(): Promise<string> {
  const d = await mkdtemp(join(dir, 'data-'));
  dirs.push(d);
  return d;
}

const configFor = (env: Record<string, string>): Config => loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...env });

interface Window {
  client: ReturnType<typeof createTRPCClient<AppRouter>>;
  sender: IpcSender & { destroyed: boolean };
  received: IpcResponse[];
}

/** A renderer window: its sender as main/ describes it, and a tRPC client over ipcLink on its bridge. */
function openWindow(handler: IpcHandler, id = 1, frame: IpcSender['frame'] = APP_FRAME): Window {
  const listeners = new Set<(message: IpcResponse) => void>();
  const received: IpcResponse[] = [];
  const sender: Window['sender'] = {
    id,
    frame,
    destroyed: false,
    isDestroyed: () => sender.destroyed,
    // Cloned as webContents.send does.
    send: (message) => {
      const copy = structuredClone(message);
      received.push(copy);
      for (const l of listeners) l(copy);
    },
  };
  const client = createTRPCClient<AppRouter>({
    links: [
      ipcLink<AppRouter>({
        send: (message) => void handler.handle(structuredClone(message), sender),
        onMessage: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      }),
    ],
  });
  return { client, sender, received };
}

const allowAppFrame = (sender: IpcSender) => sender.frame?.url === APP_FRAME.url && sender.frame.isMainFrame;

function start(config: Config): CoreWorker {
  return startCoreWorker({ workerUrl: WORKER_URL, argv: WORKER_ARGV, data: { config }, isAllowedSender: allowAppFrame });
}

describe('startCoreWorker', () => {
  let core: CoreWorker;
  let win: Window;
  beforeAll(async () => {
    core = start(configFor({ DATA_DIR: await dataDir(), OFFLINE: 'true' }));
    win = openWindow(core.handler);
  }, 120_000);
  afterAll(() => core?.close());

  it('answers a query sent before the core is ready, from the worker, once the dataset is built', async () => {
    const first = win.client.models.list.query({ limit: 3 });
    const { url } = await core.ready;
    const page = await first;
    expect(page.total).toBe(BUNDLED_MODELS);
    expect(page.items).toHaveLength(3);
    // The REST server runs in the worker too, over the same cache.
    const rest = (await (await fetch(`${url}/api/models?limit=1`)).json()) as { total: number };
    expect(rest.total).toBe(BUNDLED_MODELS);
  }, 120_000);

  it('keeps error codes and HTTP statuses across the relay when a model is unknown or the input is bad', async () => {
    const missing = await win.client.models.byId.query({ model_id: 'nobody/nothing' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TRPCClientError);
    expect((missing as TRPCClientError<AppRouter>).data).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
    const bad = await win.client.models.list.query({ limit: -1 }).catch((e: unknown) => e);
    expect((bad as TRPCClientError<AppRouter>).data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
  });

  it('answers a malformed message with BAD_REQUEST from the worker and counts it', async () => {
    const before = core.handler.stats().malformed;
    await core.handler.handle({ id: 901, kind: 'request', type: 'query', path: '../etc' }, win.sender);
    await vi.waitFor(() => expect(win.received.find((m) => m.id === 901)).toBeDefined());
    expect(win.received.find((m) => m.id === 901)).toMatchObject({ kind: 'error', error: { code: 'BAD_REQUEST', httpStatus: 400 } });
    expect(core.handler.stats().malformed).toBe(before + 1);
  });

  it('relays nothing from a sender that is not the app window', async () => {
    const stranger = openWindow(core.handler, 2, { url: 'https://example.org/', isMainFrame: true });
    await core.handler.handle({ id: 1, kind: 'request', type: 'query', path: 'models.list', input: { limit: 1 } }, stranger.sender);
    // A round trip of the app window's own after it: anything relayed for the stranger would be back by then.
    await win.client.models.list.query({ limit: 1 });
    expect(stranger.received).toEqual([]);
    expect(core.handler.stats().refused).toBe(1);
  });

  it('streams a subscription and ends it with complete when the window stops it', async () => {
    const events: unknown[] = [];
    let started = false;
    const sub = win.client.refresh.events.subscribe(undefined, { onStarted: () => (started = true), onData: (e) => events.push(e) });
    await vi.waitFor(() => expect(started).toBe(true));
    expect(core.handler.stats().active).toBe(1);
    sub.unsubscribe();
    await vi.waitFor(() => expect(core.handler.stats().active).toBe(0));
  });

  it('stops sending to a window that is gone and releases its operations in the worker', async () => {
    const gone = openWindow(core.handler, 3);
    await gone.client.models.list.query({ limit: 1 });
    gone.sender.destroyed = true;
    const late = gone.client.models.list.query({ limit: 1 });
    void late.catch(() => undefined);
    await win.client.models.list.query({ limit: 1 });
    expect(gone.received.filter((m) => m.kind === 'json')).toHaveLength(1);
    expect(core.handler.stats().active).toBe(0);
  });
});

describe('startCoreWorker state', () => {
  it('keeps refresh state in DATA_DIR/state.json, read back by the next start and by the headless server’s store', async () => {
    const data = await dataDir();
    // Nothing listens on port 9 of loopback: the start-up refresh fails at once and records that.
    const config = configFor({ DATA_DIR: data, HF_ENDPOINT: 'http://127.0.0.1:9', TASKS: 'text-classification' });
    const first = start(config);
    const win = openWindow(first.handler);
    await first.ready;
    const outcome = await vi.waitFor(
      async () => {
        const status = await win.client.refresh.status.query();
        expect(status.last_outcome).not.toBeNull();
        return status.last_outcome!;
      },
      { timeout: 60_000, interval: 100 },
    );
    expect(outcome.status).toBe('failed');
    await first.close();

    expect(existsSync(join(data, 'state.json'))).toBe(true);
    const { store } = createConfStore({ dir: data });
    expect(store.get('refresh.lastOutcome')).toEqual(outcome);

    const second = start({ ...config, OFFLINE: true });
    try {
      const again = await openWindow(second.handler).client.refresh.status.query();
      expect(again.last_outcome).toEqual(outcome);
    } finally {
      await second.close();
    }
  }, 120_000);
});

describe('main thread responsiveness', () => {
  type Stall = { max: number; p99: number };
  /** The longest and the 99th-percentile stall of this thread's event loop while `work` runs, in ms. */
  async function stalls<T>(work: () => Promise<T>): Promise<[T, Stall]> {
    const h = monitorEventLoopDelay({ resolution: 5 });
    // The monitor records a stall between two ticks of its timer: let it tick before and after the work.
    const ticks = () => new Promise((resolve) => setTimeout(resolve, 20));
    h.enable();
    await ticks();
    const value = await work();
    await ticks();
    h.disable();
    return [value, { max: Math.round(h.max / 1e6), p99: Math.round(h.percentile(99) / 1e6) }];
  }

  /**
   * A window as the main process sees it: each answer is encoded as webContents.send encodes it (V8's
   * serializer, the structured clone format) and kept; decoding it is the page's work, not measured.
   */
  function mainSideWindow(handler: IpcHandler) {
    const answers = new Map<number, (response: IpcResponse) => void>();
    const sender: IpcSender = {
      id: 1,
      frame: APP_FRAME,
      isDestroyed: () => false,
      send: (response) => {
        serialize(response);
        answers.get(response.id)?.(response);
      },
    };
    let lastId = 0;
    return (path: string, input: unknown) =>
      new Promise<IpcResponse>((resolve) => {
        const id = ++lastId;
        answers.set(id, resolve);
        void handler.handle({ id, kind: 'request', type: 'query', path, input }, sender);
      });
  }

  const total = (response: IpcResponse, field: 'total' | 'data') => {
    const data = (response.kind === 'json' ? JSON.parse(response.json) : response.kind === 'data' ? response.data : undefined) as { total: number; data: unknown[] };
    return field === 'total' ? data.total : data.data.length;
  };

  /** Start-up (the dataset build), the synthetic version, and the first full benchmarks.get body, each measured. */
  async function phases(open: () => Promise<{ handler: IpcHandler; close(): Promise<void> }>) {
    const [core, startup] = await stalls(async () => {
      const c = await open();
      // The first answer needs the dataset built.
      await mainSideWindow(c.handler)('models.list', { limit: 1 });
      return c;
    });
    const call = mainSideWindow(core.handler);
    const [synthetic, syntheticStall] = await stalls(() => call('models.list', { limit: 1, include_synthetic: true }));
    const [all, benchmarksStall] = await stalls(() => call('benchmarks.get', {}));
    await core.close();
    return { answers: { synthetic: total(synthetic, 'total'), benchmarks: total(all, 'data') }, stalls: { startup, synthetic: syntheticStall, benchmarks: benchmarksStall } };
  }

  const describeStall = (s: Stall) => `max ${s.max} ms (p99 ${s.p99} ms)`;

  it('stalls the main thread less while the worker builds than when the build runs on it (figures printed)', async () => {
    const before = await phases(async () => {
      const app = await startServer({ config: configFor({ DATA_DIR: await dataDir(), OFFLINE: 'true' }) });
      const createContext = createContextFactory({ cache: app.cache, app: { name: 'test', version: '0', startedAt: 0 } });
      return { handler: createIpcHandler({ router: appRouter, createContext, isAllowedSender: allowAppFrame }), close: () => app.close() };
    });
    const after = await phases(async () => {
      const core = start(configFor({ DATA_DIR: await dataDir(), OFFLINE: 'true' }));
      return { handler: core.handler, close: () => core.close() };
    });

    // The same answers either way.
    expect(after.answers).toEqual(before.answers);
    expect(after.answers.benchmarks).toBe(BUNDLED_MODELS);
    for (const phase of ['startup', 'synthetic', 'benchmarks'] as const) {
      console.log(`main-thread event-loop stall, ${phase}: in-thread ${describeStall(before.stalls[phase])} → worker ${describeStall(after.stalls[phase])}`);
    }
  }, 180_000);
});
