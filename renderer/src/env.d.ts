// Globals the explorer UI may find on window: the desktop app's preload exposes the IPC bridge there.
import type { IpcBridge } from '../../src/ipc/ipcProtocol';

declare global {
  interface Window {
    mbeIpc?: IpcBridge;
  }
}

export {};
