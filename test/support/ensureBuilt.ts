// Builds main, preload and renderer into out/ once when a test needs the real build output and
// it is missing or older than the sources (the build needs no Electron binary).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const OUT = path.join(ROOT, 'out');

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const s = statSync(full);
    max = Math.max(max, s.isDirectory() ? newest(full) : s.mtimeMs);
  }
  return max;
}

export function ensureBuilt(): string {
  const index = path.join(OUT, 'renderer', 'index.html');
  const built = existsSync(index) && existsSync(path.join(OUT, 'main')) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(newest(path.join(ROOT, 'renderer')), newest(path.join(ROOT, 'main')), statSync(path.join(ROOT, 'electron.vite.config.ts')).mtimeMs);
  if (built === 0 || sources > built) {
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  }
  return OUT;
}
