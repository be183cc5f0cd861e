// The main window's options: every Electron security switch set explicitly (not left to defaults that
// change between versions), a size that fits the explorer's tables, and a background matching the theme.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the built preload script (CommonJS, so it loads with sandbox: true). */
  preloadPath: string;
  /** Whether the OS prefers dark colors (nativeTheme.shouldUseDarkColors). */
  prefersDark: boolean;
  title?: string;
}

/** Painted before the page does: no white flash on a dark desktop, no black flash on a light one. */
export const BACKGROUND = { light: '#ffffff', dark: '#111418' } as const;

export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: input.title ?? 'ML Benchmark Explorer',
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    // Shown on 'ready-to-show', so the first frame the user sees is the page, not a blank window.
    show: false,
    backgroundColor: input.prefersDark ? BACKGROUND.dark : BACKGROUND.light,
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}
