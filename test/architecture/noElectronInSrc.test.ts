import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The core must run in plain Node: nothing under src/ may load Electron or electron-store.
const SRC = path.resolve(import.meta.dirname, '../../src');
const FORBIDDEN = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](electron|electron-store)(?:\/[^'"]*)?['"]/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.[cm]?[jt]sx?$/.test(name) ? [full] : [];
  });
}

describe('src/', () => {
  it('imports neither electron nor electron-store in any file', () => {
    const offenders = files(SRC).filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('is checked by a pattern that does catch such imports', () => {
    expect(FORBIDDEN.test(`import { app } from 'electron';`)).toBe(true);
    expect(FORBIDDEN.test(`const Store = require("electron-store")`)).toBe(true);
    expect(FORBIDDEN.test(`await import('electron/main')`)).toBe(true);
    expect(FORBIDDEN.test(`import x from 'electron-vite'`)).toBe(false);
  });
});
