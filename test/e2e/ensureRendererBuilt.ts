// Builds the explorer UI into out/renderer when it is missing or older than its sources: with the
// project's electron-vite config when there is one, else with an equivalent inline Vite config.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const rendererOutDir = path.join(repoRoot, 'out', 'renderer');
const rendererSrc = path.join(repoRoot, 'renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Core modules the UI bundles (not just imports types from). */
const bundledCore = ['src/ipc/ipcLink.ts', 'src/ipc/ipcProtocol.ts', 'src/analytics/efficiencyScore.ts', 'src/analytics/paretoFront.ts', 'src/export/leaderboardColumns.ts', 'src/api/parseParameterText.ts'].map((f) => path.join(repoRoot, f));

function isFresh(): boolean {
  const index = path.join(rendererOutDir, 'index.html');
  if (!existsSync(index)) return false;
  const newest = Math.max(newestMtime(rendererSrc), ...bundledCore.filter(existsSync).map((f) => statSync(f).mtimeMs));
  return statSync(index).mtimeMs >= newest;
}

async function viteBuild(): Promise<void> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    configFile: false,
    root: rendererSrc,
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: rendererOutDir, emptyOutDir: true, rollupOptions: { input: path.join(rendererSrc, 'index.html') } },
  });
}

/** Returns the directory to serve at /app/. */
export async function ensureRendererBuilt(log: (line: string) => void = () => undefined): Promise<string> {
  if (isFresh()) return rendererOutDir;
  if (existsSync(path.join(repoRoot, 'electron.vite.config.ts'))) {
    log('building the renderer with electron-vite…');
    const run = spawnSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
    if (run.status === 0 && isFresh()) return rendererOutDir;
    log(`electron-vite build did not produce the renderer (exit ${run.status}): ${(run.stderr || run.stdout).slice(-800)}`);
  }
  log('building the renderer with Vite…');
  await viteBuild();
  if (!existsSync(path.join(rendererOutDir, 'index.html'))) throw new Error(`ensureRendererBuilt: no index.html in ${rendererOutDir} after building`);
  return rendererOutDir;
}
