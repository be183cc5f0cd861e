// The main window's options: every security switch explicit, a usable size, a theme-matching background.
import { describe, expect, it } from 'vitest';
import { BACKGROUND, windowOptions } from '../../main/windowOptions.js';

describe('windowOptions', () => {
  it('isolates and sandboxes the renderer with the preload given', () => {
    const o = windowOptions({ preloadPath: '/app/out/preload/index.cjs', prefersDark: false });
    expect(o.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('loads a CommonJS preload when the preload path is given', () => {
    const o = windowOptions({ preloadPath: '/app/out/preload/index.cjs', prefersDark: false });
    expect(o.webPreferences?.preload).toMatch(/\.cjs$/);
  });

  it('opens large enough for the tables and refuses to shrink below a usable minimum', () => {
    const o = windowOptions({ preloadPath: '/p.cjs', prefersDark: false });
    expect(o.width).toBeGreaterThanOrEqual(1200);
    expect(o.height).toBeGreaterThanOrEqual(800);
    expect(o.minWidth).toBeGreaterThanOrEqual(800);
    expect(o.minHeight).toBeGreaterThanOrEqual(500);
    expect(o.minWidth!).toBeLessThanOrEqual(o.width!);
    expect(o.minHeight!).toBeLessThanOrEqual(o.height!);
  });

  it('starts hidden so the first visible frame is the page', () => {
    expect(windowOptions({ preloadPath: '/p.cjs', prefersDark: false }).show).toBe(false);
  });

  it('paints a dark background when the OS prefers dark, a light one otherwise', () => {
    expect(windowOptions({ preloadPath: '/p.cjs', prefersDark: true }).backgroundColor).toBe(BACKGROUND.dark);
    expect(windowOptions({ preloadPath: '/p.cjs', prefersDark: false }).backgroundColor).toBe(BACKGROUND.light);
    expect(BACKGROUND.dark).not.toBe(BACKGROUND.light);
  });
});
