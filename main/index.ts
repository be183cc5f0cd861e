// The Electron main process: one instance, one window showing the explorer, the router served to that
// window over IPC and to other local tools over the same localhost REST server as `npm run serve`.
// Decisions live in the pure modules next to this one; this file only wires them to Electron.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, nativeTheme, session, shell } from 'electron';
import type { Config } from '../src/config.js';
import type { IpcLogger } from '../src/ipc/createIpcHandler.js';
import { isAllowedSender } from '../src/ipc/senderPolicy.js';
import { startCoreWorker } from '../src/ipc/startCoreWorker.js';
import { contentSecurityPolicy } from './contentSecurityPolicy.js';
import { loadDesktopConfig } from './desktopConfig.js';
import { wireIpcMain } from './ipcMainWiring.js';
import { decideNavigation, decideWindowOpen, type AppLocation } from './navigationPolicy.js';
import { windowOptions } from './windowOptions.js';

const RENDERER_INDEX = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
/** The core (cache, pipeline, router, REST server), built next to this file: it runs in a worker thread. */
const CORE_WORKER = new URL('./coreWorker.js', import.meta.url);
/** Longest a quit waits for the server and the cache to close before it goes anyway. */
const CLOSE_TIMEOUT_MS = 5_000;

const LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
function createLogger(level: Config['LOG_LEVEL']): IpcLogger {
  const max = LEVELS.indexOf(level);
  return (l, message) => {
    if (LEVELS.indexOf(l) <= max) (l === 'error' || l === 'warn' ? console.error : console.log)(`[${l}] ${message}`);
  };
}

function fail(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${title}: ${message}`);
  // The dialog needs a ready app; exit() skips before-quit, which has nothing to close yet.
  void app.whenReady().then(() => {
    dialog.showErrorBox(title, message);
    app.exit(1);
  });
}

function run(config: Config): void {
  const log = createLogger(config.LOG_LEVEL);
  // A dev server URL is honoured only in a development run, never in a packaged app.
  const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL || undefined : undefined;
  const location: AppLocation = { appEntryUrl: pathToFileURL(RENDERER_INDEX).href, devServerUrl };
  const csp = contentSecurityPolicy({ devServerUrl });
  let mainWindow: BrowserWindow | undefined;

  // Every renderer sandboxed, whatever a window's own options say.
  app.enableSandbox();

  // The core runs in a worker thread, so building a dataset or a large answer never blocks this
  // thread (the window, IPC, quitting). It keeps its state in DATA_DIR/state.json through conf, the
  // library electron-store wraps, in the same file and format, shared with the headless server.
  // It starts at once; the window opens meanwhile and its first IPC calls wait in the worker.
  const core = startCoreWorker({
    workerUrl: CORE_WORKER,
    data: { config, rendererDir: existsSync(RENDERER_INDEX) ? RENDERER_DIR : undefined },
    // Read on every message: after macOS re-creates the window, only the new one is ours.
    isAllowedSender: (sender) =>
      isAllowedSender(sender, { ...location, windowIds: mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents.id] : [] }),
    log,
  });
  core.ready.catch((error: unknown) => fail('ML Benchmark Explorer could not start', error));
  const handler = core.handler;
  // Listening before any window exists, so the page's first request is never dropped.
  const unwireIpc = wireIpcMain(ipcMain, handler, (message) => log('error', message));

  function createWindow(): BrowserWindow {
    const options = windowOptions({ preloadPath: PRELOAD, prefersDark: nativeTheme.shouldUseDarkColors });
    // The hardening flags are pinned here too, where scanners and reviewers look for them.
    const win = new BrowserWindow({
      ...options,
      // Auxclick off: a middle click must not try to open a window (every window.open is denied anyway).
      webPreferences: { ...options.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' },
    });
    mainWindow = win;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = undefined;
    });
    const contents = win.webContents;
    contents.on('will-navigate', (event) => {
      const decision = decideNavigation(event.url, location);
      if (decision.allow) return;
      event.preventDefault();
      if (decision.openExternal) void shell.openExternal(decision.openExternal);
    });
    // A redirect is never a user's click: block it outright when it leaves the app.
    contents.on('will-redirect', (event) => {
      if (!decideNavigation(event.url, location).allow) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideWindowOpen(url);
      if (decision.openExternal) void shell.openExternal(decision.openExternal);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());

    if (devServerUrl) void win.loadURL(devServerUrl);
    else void win.loadFile(RENDERER_INDEX);
    return win;
  }

  function focusWindow(): void {
    if (!app.isReady()) return;
    if (!mainWindow || mainWindow.isDestroyed()) {
      createWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  }

  // A second launch (a double click on the icon again) brings this window forward instead of
  // starting another server and cache over the same files.
  app.on('second-instance', focusWindow);

  void app.whenReady().then(() => {
    if (!devServerUrl && !existsSync(RENDERER_INDEX)) {
      fail('The explorer UI is not built', new Error(`${RENDERER_INDEX} is missing: run \`npm run build\` first`));
      return;
    }
    // The page may load only the app's own files; the header covers the dev server (and file://
    // where Chromium reports it), the <meta> tag the build injects covers file:// everywhere.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
    // The explorer needs no camera, location or notifications; copying text is the one exception.
    const permitted = (permission: string) => permission === 'clipboard-sanitized-write';
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permitted(permission)));
    session.defaultSession.setPermissionCheckHandler((_contents, permission) => permitted(permission));
    createWindow();
  });

  // macOS keeps the app running without windows; clicking the dock icon brings one back.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) focusWindow();
  });

  // Elsewhere, closing the last window ends the app (and with it the local REST server).
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting waits (bounded) for subscriptions to end, the server to close and the cache to finish
  // any write, so the state file is never left half-updated by an abrupt exit.
  let shutdown: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (shutdown === 'closed') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    unwireIpc();
    // Also covers a quit during start-up: the worker closes the server as soon as it exists.
    const closing = core.close();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
    void Promise.race([closing, timeout])
      .catch((error: unknown) => log('error', `closing failed: ${(error as Error)?.message ?? String(error)}`))
      .finally(() => {
        shutdown = 'closed';
        app.quit();
      });
  });

  // Ctrl-C in the terminal that started the app: the same orderly quit as closing the window.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
}

// One instance per user: two would run two caches and two servers over the same DATA_DIR.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let config: Config | undefined;
  try {
    config = loadDesktopConfig(process.env);
  } catch (error) {
    fail('ML Benchmark Explorer could not start', error);
  }
  if (config) run(config);
}
