// Worker side of the desktop app's core: opens the cache (state in DATA_DIR through conf, the same
// file and format electron-store writes), starts the REST server, and answers the IPC messages the
// main process relays, on this thread, so building a dataset never blocks the window.
import { createContextFactory, type Context } from '../api/createContext.js';
import { appRouter } from '../api/appRouter.js';
import { appInfo } from '../appInfo.js';
import { startServer, type StartedApp } from '../server/startServer.js';
import { createIpcHandler, type IpcSender } from './createIpcHandler.js';
import type { CoreWorkerData, FromCoreWorker, ToCoreWorker } from './coreWorkerProtocol.js';

/** The worker's end of its channel to the main process (node:worker_threads' parentPort). */
export interface CorePort {
  postMessage(message: FromCoreWorker): void;
  on(event: 'message', listener: (message: ToCoreWorker) => void): unknown;
}

export function runCoreWorker(port: CorePort, data: CoreWorkerData): void {
  const { config } = data;
  const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => port.postMessage({ type: 'log', level, message });

  const ready: Promise<{ backend: StartedApp; createContext: () => Context }> = (async () => {
    const options = { config, log, rendererDir: data.rendererDir };
    let backend: StartedApp;
    try {
      backend = await startServer(options);
    } catch (error) {
      // Another explorer (or anything else) holds the port: the app still needs its own API.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || config.PORT === 0) throw error;
      log('warn', `port ${config.PORT} is in use; the REST API takes a free port instead`);
      backend = await startServer({ ...options, config: { ...config, PORT: 0 } });
    }
    log('info', `REST API on ${backend.server.url}/ (docs at ${backend.server.url}/docs)`);
    const info = appInfo();
    const createContext = createContextFactory({
      cache: backend.cache,
      app: { name: info.productName, version: info.version, startedAt: Date.now() },
      maxMemoEntries: config.CACHE_MAX_ENTRIES,
    });
    return { backend, createContext };
  })();
  ready.then(
    ({ backend }) => port.postMessage({ type: 'ready', url: backend.server.url }),
    (error: unknown) =>
      port.postMessage({
        type: 'failed',
        error: { message: error instanceof Error ? error.message : String(error), code: (error as NodeJS.ErrnoException)?.code },
      }),
  );

  const handler = createIpcHandler({
    router: appRouter,
    // Messages that arrive during start-up wait here for the cache.
    createContext: async () => (await ready).createContext(),
    // The main process checked the sender (window and frame) before relaying the message.
    isAllowedSender: () => true,
    log,
  });

  const senderFor = (id: number, frame: IpcSender['frame']): IpcSender => ({
    id,
    frame,
    // The main process drops answers to a window that is gone and releases its operations here.
    isDestroyed: () => false,
    // Data goes as JSON text, encoded here: the main thread then moves one string, whatever its size.
    // A value JSON cannot hold throws here, and the handler answers with an error instead.
    send: (response) =>
      port.postMessage({
        type: 'ipc',
        senderId: id,
        response: response.kind === 'data' && response.data !== undefined ? { id: response.id, kind: 'json', json: JSON.stringify(response.data) } : response,
      }),
  });

  let closing: Promise<void> | undefined;
  port.on('message', (message) => {
    if (message.type === 'ipc') {
      handler.handle(message.message, senderFor(message.sender.id, message.sender.frame)).catch((error: unknown) => log('error', `IPC handler failed: ${(error as Error)?.message ?? String(error)}`));
    } else if (message.type === 'release') {
      handler.releaseSender(message.senderId);
    } else if (message.type === 'close') {
      closing ??= (async () => {
        handler.close();
        // Also covers a quit during start-up: the server is closed as soon as it exists.
        await ready.then(({ backend }) => backend.close(), () => undefined);
      })()
        .catch((error: unknown) => log('error', `closing failed: ${(error as Error)?.message ?? String(error)}`))
        .finally(() => port.postMessage({ type: 'closed' }));
    }
  });
}
