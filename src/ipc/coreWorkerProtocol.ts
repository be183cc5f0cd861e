// Messages between the Electron main process and the worker thread that runs the core (cache,
// pipeline, router, REST server). Plain data only: they cross a worker MessagePort (structured clone).
import type { Config } from '../config.js';
import type { IpcSenderFrame } from './createIpcHandler.js';
import type { IpcResponse } from './ipcProtocol.js';

/** What the worker is started with (`workerData`). */
export interface CoreWorkerData {
  config: Config;
  /** The built UI, served at /app/ by the REST server too. */
  rendererDir?: string;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Main → worker. */
export type ToCoreWorker =
  /** One IPC message from an allowed sender, as it arrived (the worker parses and answers it). */
  | { type: 'ipc'; sender: { id: number; frame: IpcSenderFrame | null }; message: unknown }
  /** The sender's page went away: end its operations unanswered. */
  | { type: 'release'; senderId: number }
  /** Quit: end every operation, close the server and the cache, then answer `closed`. */
  | { type: 'close' };

/** Worker → main. */
export type FromCoreWorker =
  | { type: 'ready'; url: string }
  | { type: 'failed'; error: { message: string; code?: string } }
  | { type: 'ipc'; senderId: number; response: IpcResponse }
  | { type: 'log'; level: LogLevel; message: string }
  | { type: 'closed' };
