// The preload: exposes exactly one bridge (send a request, listen for responses) on the one channel.
// Never ipcRenderer itself or its events, which would hand the page every channel and the sender object.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, IPC_CHANNEL, type IpcBridge, type IpcRequest, type IpcResponse } from '../src/ipc/ipcProtocol.js';

const bridge: IpcBridge = {
  send(message: IpcRequest) {
    ipcRenderer.send(IPC_CHANNEL, message);
  },
  onMessage(listener: (message: IpcResponse) => void) {
    const onChannel = (_event: IpcRendererEvent, message: IpcResponse) => listener(message);
    ipcRenderer.on(IPC_CHANNEL, onChannel);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNEL, onChannel);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
