// Connects Electron's ipcMain to the transport-neutral handler: one channel, the sender described by
// its webContents and the exact frame that sent the message, and cleanup when a page goes away.
import type { IpcMain, IpcMainEvent, WebContents, WebFrameMain } from 'electron';
import type { IpcHandler, IpcSender, IpcSenderFrame } from '../src/ipc/createIpcHandler.js';
import { IPC_CHANNEL, type IpcResponse } from '../src/ipc/ipcProtocol.js';

function describeFrame(frame: WebFrameMain | null): IpcSenderFrame | null {
  if (!frame) return null;
  try {
    // A frame that navigated away or was detached can throw on access: treat it as gone.
    if (frame.isDestroyed()) return null;
    return { url: frame.url, isMainFrame: frame.parent === null };
  } catch {
    return null;
  }
}

export function toIpcSender(webContents: WebContents, senderFrame: WebFrameMain | null): IpcSender {
  return {
    id: webContents.id,
    frame: describeFrame(senderFrame),
    isDestroyed: () => webContents.isDestroyed(),
    send: (message: IpcResponse) => webContents.send(IPC_CHANNEL, message),
  };
}

/** Returns a function that removes the listener (on quit). */
export function wireIpcMain(ipcMain: IpcMain, handler: IpcHandler, log: (message: string) => void = () => undefined): () => void {
  const watched = new Set<number>();

  // Operations belong to one page. When the window is destroyed, its renderer dies, or its main frame
  // commits another document (reload included), they are ended without answers, so the next page
  // never receives replies under ids it reuses. 'did-navigate' rather than 'did-start-navigation':
  // the latter also fires for navigations the navigation policy then blocks, while the page stays.
  const watch = (webContents: WebContents) => {
    if (watched.has(webContents.id)) return;
    const id = webContents.id;
    watched.add(id);
    const release = () => handler.releaseSender(id);
    webContents.on('did-navigate', release);
    webContents.on('render-process-gone', release);
    webContents.once('destroyed', () => {
      watched.delete(id);
      release();
    });
  };

  const listener = (event: IpcMainEvent, message: unknown) => {
    // Every webContents that can send here is one this app created (window.open is denied), so
    // watching each one costs three listeners per window.
    watch(event.sender);
    handler
      .handle(message, toIpcSender(event.sender, event.senderFrame))
      .catch((error: unknown) => log(`IPC handler failed: ${(error as Error)?.message ?? String(error)}`));
  };
  ipcMain.on(IPC_CHANNEL, listener);
  return () => {
    ipcMain.removeListener(IPC_CHANNEL, listener);
  };
}
