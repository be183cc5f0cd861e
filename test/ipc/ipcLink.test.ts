// The IPC transport end to end in plain Node: a tRPC client with ipcLink talks to createIpcHandler
// over a real MessageChannel (real structured cloning), serving the real router over the bundled snapshot.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { appRouter, createCaller, type AppRouter } from '../../src/api/appRouter.js';
import { createContextFactory, type Context } from '../../src/api/createContext.js';
import { createBenchmarkCache, type BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import { createDatasetFileStore } from '../../src/cache/createDatasetFileStore.js';
import { createMemoryStore } from '../../src/cache/storagePort.js';
import { createIpcHandler, type IpcHandler, type IpcSender } from '../../src/ipc/createIpcHandler.js';
import { ipcLink } from '../../src/ipc/ipcLink.js';
import type { IpcBridge, IpcResponse } from '../../src/ipc/ipcProtocol.js';
import { isAllowedSender } from '../../src/ipc/senderPolicy.js';
import { bundledSnapshotPath } from '../../src/snapshot/bundledSnapshotPath.js';
import { readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';

const APP_ENTRY_URL = pathToFileURL('/opt/ml-benchmark-explorer/out/renderer/index.html').href;
const WINDOW_ID = 7;

let dir: string;
let cache: BenchmarkCache;
let createContext: () => Context;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ipc-link-test-'));
  cache = createBenchmarkCache({
    store: createMemoryStore(),
    files: createDatasetFileStore({ dir }),
    loadBundled: () => readSnapshotFile(bundledSnapshotPath()),
    ttlMinutes: 60,
    offline: true,
  });
  await cache.start();
  createContext = createContextFactory({ cache, app: { name: 'ML Benchmark Explorer', version: '0.0.0-test', startedAt: Date.now() } });
});

afterAll(async () => {
  await cache.close();
  await rm(dir, { recursive: true, force: true });
});

interface Wiring {
  client: ReturnType<typeof createTRPCClient<AppRouter>>;
  handler: IpcHandler;
  sender: IpcSender & { destroyed: boolean; sent: IpcResponse[] };
  /** Everything the renderer end received, in order (after structured cloning). */
  received: IpcResponse[];
  /** Promises of every handle() call, to know when the main side is done. */
  handled: Promise<void>[];
  close(): void;
}

const open: Wiring[] = [];
afterEach(() => {
  for (const w of open.splice(0)) w.close();
});

/** Main side on port1, renderer side on port2, exactly as the preload bridge would be. */
function wire(): Wiring {
  const { port1, port2 }: { port1: MessagePort; port2: MessagePort } = new MessageChannel();
  const handler = createIpcHandler({
    router: appRouter,
    createContext,
    isAllowedSender: (s) => isAllowedSender(s, { windowIds: [WINDOW_ID], appEntryUrl: APP_ENTRY_URL }),
  });
  const sender = {
    id: WINDOW_ID,
    frame: { url: `${APP_ENTRY_URL}#/models`, isMainFrame: true },
    destroyed: false,
    sent: [] as IpcResponse[],
    isDestroyed: () => sender.destroyed,
    send(message: IpcResponse) {
      sender.sent.push(message);
      port1.postMessage(message);
    },
  };
  const handled: Promise<void>[] = [];
  port1.on('message', (message: unknown) => handled.push(handler.handle(message, sender)));

  const received: IpcResponse[] = [];
  port2.on('message', (message: IpcResponse) => received.push(message));
  const bridge: IpcBridge = {
    send: (message) => port2.postMessage(message),
    onMessage(listener) {
      const onMessage = (message: IpcResponse) => listener(message);
      port2.on('message', onMessage);
      return () => void port2.off('message', onMessage);
    },
  };
  const client = createTRPCClient<AppRouter>({ links: [ipcLink<AppRouter>(bridge)] });
  const w: Wiring = {
    client,
    handler,
    sender,
    received,
    handled,
    close() {
      handler.close();
      port1.close();
      port2.close();
    },
  };
  open.push(w);
  return w;
}

async function clientError(promise: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected an error, got ${JSON.stringify(value)?.slice(0, 200)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as TRPCClientError<AppRouter>;
}

describe('ipcLink', () => {
  it('answers a query with the same data as createCaller when the sender is our window', async () => {
    const { client } = wire();
    const health = await client.meta.health.query();
    expect(health.status).toBe('healthy');
    expect(health.cache.source).toBe('snapshot');

    const input = { sort: 'model_id', order: 'asc', limit: 5, offset: 2 } as const;
    const viaIpc = await client.models.list.query(input);
    expect(viaIpc.items).toHaveLength(5);
    expect(viaIpc.offset).toBe(2);
    expect(viaIpc).toEqual(await createCaller(createContext()).models.list(input));
  });

  it('runs a mutation: refresh.start reports started:false when offline', async () => {
    const { client } = wire();
    const result = await client.refresh.start.mutate({});
    expect(result.started).toBe(false);
    expect(result.refresh_in_progress).toBe(false);
    expect(result.message).toMatch(/not started/i);
  });

  it('surfaces BAD_REQUEST as a TRPCClientError with code, httpStatus and detail when the input is invalid', async () => {
    const { client, received } = wire();
    const error = await clientError(client.models.list.query({ limit: 0 }));
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.httpStatus).toBe(400);
    expect(error.data?.path).toBe('models.list');
    expect((error.shape as { detail?: string }).detail).toMatch(/^limit: /);

    const wire_ = received.find((m) => m.kind === 'error');
    expect(wire_).toBeDefined();
    if (wire_?.kind !== 'error') return;
    expect(Object.keys(wire_.error).sort()).toEqual(['code', 'detail', 'httpStatus', 'message', 'path']);
    expect(JSON.stringify(wire_)).not.toMatch(/stack|\.ts:\d+|node_modules/);
  });

  it('carries the detail of a core InvalidQueryError when the task is unknown', async () => {
    const { client } = wire();
    const error = await clientError(client.models.list.query({ task_type: 'no-such-task' }));
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect((error.shape as { detail?: string }).detail).toMatch(/task_type: unknown task "no-such-task"/);
  });

  it('surfaces NOT_FOUND with httpStatus 404 when the model does not exist', async () => {
    const { client } = wire();
    const error = await clientError(client.models.byId.query({ model_id: 'nobody/no-such-model' }));
    expect(error.data?.code).toBe('NOT_FOUND');
    expect(error.data?.httpStatus).toBe(404);
  });

  it('surfaces NOT_FOUND when the procedure path does not exist', async () => {
    const { client } = wire();
    const untyped = client as unknown as { meta: { nothing: { query(): Promise<unknown> } } };
    const error = await clientError(untyped.meta.nothing.query());
    expect(error.data?.code).toBe('NOT_FOUND');
  });

  it('fails the call, not the page, when the input cannot be structured-cloned', async () => {
    const { client } = wire();
    const error = await clientError(client.models.list.query({ search: (() => 'x') as unknown as string }));
    expect(error.message).toMatch(/clone/i);
  });

  it('delivers the initial status event of a subscription and stops cleanly on unsubscribe', async () => {
    const { client, handler, received } = wire();
    const events: { type: string }[] = [];
    let started = false;
    await new Promise<void>((resolve, reject) => {
      const sub = client.refresh.events.subscribe(undefined, {
        onStarted: () => {
          started = true;
        },
        onData: (event) => {
          events.push(event);
          sub.unsubscribe();
          resolve();
        },
        onError: reject,
      });
    });
    expect(started).toBe(true);
    expect(events[0]).toMatchObject({ type: 'status', status: { source: 'snapshot', offline: true } });

    // The stop reaches the main side, the generator ends (its finally unsubscribes from the cache),
    // and the operation is released.
    await vi.waitFor(() => expect(handler.stats().active).toBe(0));
    const subId = received.find((m) => m.kind === 'started')!.id;
    await vi.waitFor(() => expect(received.some((m) => m.id === subId && m.kind === 'complete')).toBe(true));
    expect(received.filter((m) => m.id === subId && m.kind === 'error')).toEqual([]);
  });

  it('sends nothing to a destroyed sender and runs nothing for it', async () => {
    const { client, sender, handled } = wire();
    sender.destroyed = true;
    const abort = new AbortController();
    const pending = client.meta.health.query(undefined, { signal: abort.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(handled.length).toBe(1));
    await Promise.all(handled);
    expect(sender.sent).toEqual([]);
    abort.abort();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('answers nothing when the message comes from a subframe of our window', async () => {
    const w = wire();
    (w.sender as { frame: IpcSender['frame'] }).frame = { url: APP_ENTRY_URL, isMainFrame: false };
    const abort = new AbortController();
    const pending = w.client.meta.health.query(undefined, { signal: abort.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(w.handled.length).toBe(1));
    await Promise.all(w.handled);
    expect(w.sender.sent).toEqual([]);
    expect(w.handler.stats().refused).toBe(1);
    abort.abort();
    await pending;
  });
});
