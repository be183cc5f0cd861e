// Main-process side of the desktop app's core: starts the core in a worker thread and relays IPC to it.
// The sender check stays here (it needs the window); parsing, routing and every computation run in the
// worker, so the main thread only moves messages and the window stays responsive during a dataset build.
// Knows nothing of Electron: main/ passes the worker file and the sender check; tests run it in Node.
import { Worker } from 'node:worker_threads';
import { createSenderGate, parseIpcRequest, type IpcHandler, type IpcLogger, type IpcSender } from './createIpcHandler.js';
import type { CoreWorkerData, FromCoreWorker, ToCoreWorker } from './coreWorkerProtocol.js';
import type { IpcError, IpcResponse } from './ipcProtocol.js';

export interface CoreWorkerOptions {
  /** The worker's entry file (out/main/coreWorker.js in the app; a tsx bootstrap in tests). */
  workerUrl: URL;
  /** The worker's extra `process.argv` (the tests' bootstrap reads the TypeScript entry from it). */
  argv?: string[];
  data: CoreWorkerData;
  /** Called for every message before it is relayed; false (or a throw) drops it unanswered. */
  isAllowedSender: (sender: IpcSender) => boolean;
  log?: IpcLogger;
}

export interface CoreWorker {
  /** Relays to the worker; `handle` resolves once the message is passed on, not when it is answered. */
  handler: IpcHandler;
  /** The REST server's URL once the core is up; rejects when it could not start or the worker died first. */
  ready: Promise<{ url: string }>;
  /** Ends every operation, closes the server and the cache in the worker, then ends the worker. */
  close(): Promise<void>;
}


/** The answer to operations the worker can no longer run (it exited or crashed). */
function coreStoppedError(reason: string): IpcError {
  return { message: `the explorer core stopped (${reason})`, code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 };
}

export function startCoreWorker(options: CoreWorkerOptions): CoreWorker {
  const log: IpcLogger = options.log ?? (() => undefined);
  const worker = new Worker(options.workerUrl, { workerData: options.data, ...(options.argv ? { argv: options.argv } : {}) });
  /** Senders with operations in the worker, and the operations each has open (id → procedure type). */
  const senders = new Map<number, { sender: IpcSender; ops: Map<number, string> }>();
  const gate = createSenderGate(options.isAllowedSender, log, release);
  let malformed = 0;
  let stopped: string | undefined;
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  const post = (message: ToCoreWorker) => {
    if (stopped === undefined) worker.postMessage(message);
  };

  function release(senderId: number): void {
    if (!senders.delete(senderId)) return;
    post({ type: 'release', senderId });
  }

  let resolveReady: (value: { url: string }) => void = () => undefined;
  let rejectReady: (error: Error) => void = () => undefined;
  const ready = new Promise<{ url: string }>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // Callers that never wait for readiness must not get an unhandled rejection; awaiting callers still see it.
  ready.catch(() => undefined);

  function answer(senderId: number, response: IpcResponse): void {
    const entry = senders.get(senderId);
    if (!entry) return; // released: the page that asked is gone
    const { sender, ops } = entry;
    const type = ops.get(response.id);
    const final = response.kind === 'error' || response.kind === 'complete' || ((response.kind === 'data' || response.kind === 'json') && type !== 'subscription');
    if (final) ops.delete(response.id);
    if (sender.isDestroyed()) {
      release(senderId);
      return;
    }
    try {
      sender.send(response);
    } catch (error) {
      log('warn', `IPC answer to sender ${senderId} could not be sent: ${(error as Error)?.message}`);
    }
  }

  worker.on('message', (message: FromCoreWorker) => {
    switch (message.type) {
      case 'ipc':
        answer(message.senderId, message.response);
        break;
      case 'log':
        log(message.level, message.message);
        break;
      case 'ready':
        resolveReady({ url: message.url });
        break;
      case 'failed':
        rejectReady(Object.assign(new Error(message.error.message), message.error.code ? { code: message.error.code } : {}));
        break;
      case 'closed':
        resolveClosed();
        break;
    }
  });

  /** The worker is gone: whatever it had open is answered with an error, and so is anything sent later. */
  const onStopped = (reason: string) => {
    if (stopped !== undefined) return;
    stopped = reason;
    rejectReady(new Error(`the explorer core stopped before it was ready (${reason})`));
    resolveClosed();
    for (const [senderId, { ops }] of senders) {
      for (const id of ops.keys()) answer(senderId, { id, kind: 'error', error: coreStoppedError(reason) });
    }
  };
  worker.on('error', (error) => {
    log('error', `the explorer core failed: ${error.message}`);
    onStopped(error.message);
  });
  worker.on('exit', (code) => onStopped(`exit code ${code}`));

  const handler: IpcHandler = {
    async handle(message, sender) {
      if (!gate.admit(sender)) return;
      // Parsed here only to know which operations are open; the worker parses again and answers.
      const parsed = parseIpcRequest(message);
      if (!parsed.ok) malformed += 1;
      let entry = senders.get(sender.id);
      if (!entry) {
        entry = { sender, ops: new Map() };
        senders.set(sender.id, entry);
      }
      entry.sender = sender;
      if (parsed.ok && parsed.request.kind === 'request' && !entry.ops.has(parsed.request.id)) entry.ops.set(parsed.request.id, parsed.request.type);
      // A stopped query or mutation is never answered; a stopped subscription still ends with `complete`.
      if (parsed.ok && parsed.request.kind === 'stop' && entry.ops.get(parsed.request.id) !== 'subscription') entry.ops.delete(parsed.request.id);
      if (stopped !== undefined) {
        if (parsed.ok && parsed.request.kind === 'request') answer(sender.id, { id: parsed.request.id, kind: 'error', error: coreStoppedError(stopped) });
        return;
      }
      post({ type: 'ipc', sender: { id: sender.id, frame: sender.frame ? { url: sender.frame.url, isMainFrame: sender.frame.isMainFrame } : null }, message });
    },
    releaseSender: release,
    close() {
      for (const senderId of [...senders.keys()]) release(senderId);
    },
    stats() {
      let active = 0;
      for (const { ops } of senders.values()) active += ops.size;
      return { refused: gate.refused(), malformed, active };
    },
  };

  return {
    handler,
    ready,
    async close() {
      handler.close();
      post({ type: 'close' });
      await closed;
      await worker.terminate();
    },
  };
}
