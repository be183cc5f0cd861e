// The ipcMain adapter with stand-ins for Electron's objects (its module imports only electron types):
// the exact sending frame is what the handler checks, and a page going away releases its operations.
import { EventEmitter } from 'node:events';
import type { IpcMain, WebContents, WebFrameMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { toIpcSender, wireIpcMain } from '../../main/ipcMainWiring.js';
import type { IpcHandler, IpcSender } from '../../src/ipc/createIpcHandler.js';
import { IPC_CHANNEL } from '../../src/ipc/ipcProtocol.js';

class FakeWebContents extends EventEmitter {
  destroyed = false;
  sent: [string, unknown][] = [];
  constructor(readonly id: number) {
    super();
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, message: unknown) {
    this.sent.push([channel, message]);
  }
}

function frame(url: string, parent: object | null = null, destroyed = false) {
  return { url, parent, isDestroyed: () => destroyed } as unknown as WebFrameMain;
}

function fakeHandler() {
  const handled: { message: unknown; sender: IpcSender }[] = [];
  const handler: IpcHandler = {
    handle: vi.fn(async (message: unknown, sender: IpcSender) => void handled.push({ message, sender })),
    releaseSender: vi.fn(),
    close: vi.fn(),
    stats: () => ({ refused: 0, malformed: 0, active: 0 }),
  };
  return { handler, handled };
}

describe('toIpcSender', () => {
  it('describes the main frame when the sending frame has no parent', () => {
    const wc = new FakeWebContents(4);
    const s = toIpcSender(wc as unknown as WebContents, frame('file:///app/index.html'));
    expect(s.id).toBe(4);
    expect(s.frame).toEqual({ url: 'file:///app/index.html', isMainFrame: true });
  });

  it('describes a subframe when the sending frame has a parent', () => {
    const wc = new FakeWebContents(4);
    const s = toIpcSender(wc as unknown as WebContents, frame('https://evil.example/', frame('file:///app/index.html')));
    expect(s.frame).toEqual({ url: 'https://evil.example/', isMainFrame: false });
  });

  it('has no frame when the frame is gone or destroyed', () => {
    const wc = new FakeWebContents(4);
    expect(toIpcSender(wc as unknown as WebContents, null).frame).toBeNull();
    expect(toIpcSender(wc as unknown as WebContents, frame('file:///app/index.html', null, true)).frame).toBeNull();
  });

  it('sends on the one channel and reports the webContents state', () => {
    const wc = new FakeWebContents(4);
    const s = toIpcSender(wc as unknown as WebContents, null);
    s.send({ id: 1, kind: 'complete' });
    expect(wc.sent).toEqual([[IPC_CHANNEL, { id: 1, kind: 'complete' }]]);
    expect(s.isDestroyed()).toBe(false);
    wc.destroyed = true;
    expect(s.isDestroyed()).toBe(true);
  });
});

describe('wireIpcMain', () => {
  it('hands every message on the channel to the handler with its sender, and nothing else', () => {
    const ipcMain = new EventEmitter();
    const { handler, handled } = fakeHandler();
    wireIpcMain(ipcMain as unknown as IpcMain, handler);
    const wc = new FakeWebContents(9);
    ipcMain.emit(IPC_CHANNEL, { sender: wc, senderFrame: frame('file:///app/index.html') }, { id: 1, kind: 'stop' });
    ipcMain.emit('another-channel', { sender: wc, senderFrame: frame('file:///app/index.html') }, { id: 2, kind: 'stop' });
    expect(handled).toHaveLength(1);
    expect(handled[0].message).toEqual({ id: 1, kind: 'stop' });
    expect(handled[0].sender.id).toBe(9);
    expect(handled[0].sender.frame).toEqual({ url: 'file:///app/index.html', isMainFrame: true });
  });

  it('releases a window’s operations when its page navigates, its renderer dies or it is destroyed', () => {
    const ipcMain = new EventEmitter();
    const { handler } = fakeHandler();
    wireIpcMain(ipcMain as unknown as IpcMain, handler);
    const wc = new FakeWebContents(9);
    ipcMain.emit(IPC_CHANNEL, { sender: wc, senderFrame: null }, { id: 1, kind: 'stop' });
    ipcMain.emit(IPC_CHANNEL, { sender: wc, senderFrame: null }, { id: 2, kind: 'stop' });
    expect(wc.listenerCount('did-navigate')).toBe(1);
    wc.emit('did-navigate');
    wc.emit('render-process-gone');
    wc.emit('destroyed');
    expect(handler.releaseSender).toHaveBeenCalledTimes(3);
    expect(handler.releaseSender).toHaveBeenCalledWith(9);
  });

  it('stops listening when unwired', () => {
    const ipcMain = new EventEmitter();
    const { handler, handled } = fakeHandler();
    const unwire = wireIpcMain(ipcMain as unknown as IpcMain, handler);
    unwire();
    ipcMain.emit(IPC_CHANNEL, { sender: new FakeWebContents(1), senderFrame: null }, { id: 1, kind: 'stop' });
    expect(handled).toEqual([]);
    expect(ipcMain.listenerCount(IPC_CHANNEL)).toBe(0);
  });
});
