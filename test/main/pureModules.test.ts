// The pure main-process modules must load in plain Node: they may name Electron's types, never load it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = path.resolve(import.meta.dirname, '../../main');
const PURE = ['windowOptions.ts', 'navigationPolicy.ts', 'contentSecurityPolicy.ts', 'ipcMainWiring.ts', 'desktopConfig.ts'];
const RUNTIME_ELECTRON = /(?:import\s+(?!type\b)[^'";]*from\s*|import\s*\(\s*|require\s*\(\s*|^\s*import\s*)['"](electron|electron-store)(?:\/[^'"]*)?['"]/m;

describe('main/ pure modules', () => {
  it.each(PURE)('%s imports electron for types only', (file) => {
    expect(RUNTIME_ELECTRON.test(readFileSync(path.join(MAIN, file), 'utf8'))).toBe(false);
  });

  it('is checked by a pattern that catches runtime imports and lets type imports through', () => {
    expect(RUNTIME_ELECTRON.test(`import { app } from 'electron';`)).toBe(true);
    expect(RUNTIME_ELECTRON.test(`import Store from "electron-store";`)).toBe(true);
    expect(RUNTIME_ELECTRON.test(`import 'electron';`)).toBe(true);
    expect(RUNTIME_ELECTRON.test(`const e = await import('electron')`)).toBe(true);
    expect(RUNTIME_ELECTRON.test(`import type { BrowserWindowConstructorOptions } from 'electron';`)).toBe(false);
  });
});
