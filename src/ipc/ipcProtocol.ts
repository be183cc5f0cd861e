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

export type IpcResponse =
  | { id: number; kind: 'data'; data: unknown }
  | { id: number; kind: 'error'; error: { message: string; code: string; httpStatus: number; detail?: string } }
  | { id: number; kind: 'complete' };

/** What the preload exposes: send a request, listen for responses. */
export interface IpcBridge {
  send(message: IpcRequest): void;
  onMessage(listener: (message: IpcResponse) => void): () => void;
}
