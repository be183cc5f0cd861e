// The one IPC channel between the renderer and the main process, and the messages on it.
// Transport-neutral: main/ wires it to Electron's ipcMain/ipcRenderer, tests to MessageChannel.
// Every payload is plain data (structured-clone safe): no functions, no class instances.

/** The single channel name. */
export const IPC_CHANNEL = 'mbe:trpc';

/** Name of the bridge object the preload exposes on `window` (and nothing else). */
export const BRIDGE_GLOBAL = 'mbeIpc';

export type IpcRequest =
  | { id: number; kind: 'request'; type: 'query' | 'mutation' | 'subscription'; path: string; input: unknown }
  | { id: number; kind: 'stop' };

/** A tRPC error as it crosses the wire: the router's error shape flattened, never a stack trace. */
export interface IpcError {
  message: string;
  /** tRPC error code key, e.g. "BAD_REQUEST", "NOT_FOUND". */
  code: string;
  httpStatus: number;
  detail?: string;
  /** The procedure path the error belongs to. */
  path?: string;
}

/**
 * Queries and mutations answer once with `data` (or `json`) or `error`. Subscriptions answer `started`,
 * then any number of `data` (or `json`), and end with `complete` (also after a `stop`) or `error`.
 */
export type IpcResponse =
  | { id: number; kind: 'started' }
  | { id: number; kind: 'data'; data: unknown }
  /**
   * `data` as JSON text, the form the desktop app's core (in a worker thread) answers in: the main
   * process then passes one string on instead of decoding and re-encoding a large object graph, and
   * the page parses it, as it parses the HTTP transport's answers.
   */
  | { id: number; kind: 'json'; json: string }
  | { id: number; kind: 'error'; error: IpcError }
  | { id: number; kind: 'complete' };

/** What the preload exposes: send a request, listen for responses. */
export interface IpcBridge {
  send(message: IpcRequest): void;
  onMessage(listener: (message: IpcResponse) => void): () => void;
}
