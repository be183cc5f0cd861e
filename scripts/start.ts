// `npm start`: builds the app when the UI sources are newer than the build, then opens the desktop app
// where Electron can run here, or serves the same explorer to the browser where it cannot.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAIN_ENTRY = 'out/main/index.js';
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist']);

/** Newest modification time of any file under dir (0 when there is none). */
export function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) newest = Math.max(newest, newestMtime(path.join(dir, entry.name)));
    } else if (entry.isFile()) {
      newest = Math.max(newest, statSync(path.join(dir, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function mtime(file: string): number {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

/** Whether any output is missing or older than the newest file under the source folders. */
export function isStale(outputs: string[], sourceDirs: string[]): boolean {
  const built = Math.min(...outputs.map(mtime));
  return built === 0 || sourceDirs.some((dir) => newestMtime(dir) > built);
}

/**
 * The Electron executable, if it is really installed. Never `require('electron')`: with the binary
 * missing, Electron's index.js starts a download (which cannot succeed on a machine without GitHub).
 */
export function electronBinary(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let dir: string;
  try {
    dir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathTxt = path.join(dir, 'path.txt');
  const executable = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : '';
  const full = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron')
    : executable
      ? path.join(dir, 'dist', executable)
      : undefined;
  return full && existsSync(full) ? full : undefined;
}

/** Linux needs an X11 or Wayland display for a window; macOS and Windows always have one. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Runs `electron-vite build` quietly; its output is shown only when it fails. */
function build(): Promise<boolean> {
  const bin = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  console.log('Building the explorer (electron-vite build)…');
  return new Promise((resolve) => {
    const child = spawn(bin, ['build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', (error) => {
      console.error(`build could not start: ${error.message}`);
      resolve(false);
    });
    child.on('close', (code) => {
      if (code !== 0) console.error(`${Buffer.concat(output).toString('utf8').trimEnd()}\nbuild failed (exit ${code})`);
      resolve(code === 0);
    });
  });
}

function launchElectron(binary: string): void {
  const env = { ...process.env };
  // Set in some shells for other tools; it would make the binary run as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.'], { cwd: ROOT, stdio: 'inherit', env });
  // Ctrl-C reaches the app too (same process group) and it quits in order; wait for it rather than
  // leaving it orphaned. SIGTERM from a process manager is passed on.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function mainEntryDeclared(): boolean {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main?: string };
  return path.normalize(pkg.main ?? '') === path.normalize(MAIN_ENTRY);
}

async function start(): Promise<void> {
  const rendererSources = path.join(ROOT, 'renderer');
  const rendererBuilt = path.join(ROOT, 'out', 'renderer', 'index.html');
  const binary = electronBinary(ROOT);
  const desktop = binary !== undefined && hasDisplay() && mainEntryDeclared();

  if (existsSync(path.join(rendererSources, 'index.html'))) {
    // The desktop app also needs its main and preload bundles current; the browser only the UI.
    const outputs = desktop ? [rendererBuilt, path.join(ROOT, MAIN_ENTRY), path.join(ROOT, 'out', 'preload', 'index.cjs')] : [rendererBuilt];
    const sources = desktop ? [rendererSources, path.join(ROOT, 'main'), path.join(ROOT, 'src')] : [rendererSources];
    if (isStale(outputs, sources)) await build();
  }

  if (desktop && existsSync(path.join(ROOT, MAIN_ENTRY))) {
    launchElectron(binary);
    return;
  }

  const reason = !binary
    ? 'the Electron binary is not installed'
    : !hasDisplay()
      ? 'there is no display (DISPLAY / WAYLAND_DISPLAY unset)'
      : !mainEntryDeclared()
        ? `package.json "main" is not "${MAIN_ENTRY}"`
        : 'the app is not built';
  console.log(`The desktop runtime is not available here (${reason}); serving the explorer in the browser instead.`);
  // As `npm run serve` runs it: the compiled modules (brought up to date first), so a start opens the
  // prebuilt version of the bundled data that `npm install` made with them.
  await import(pathToFileURL(path.join(ROOT, 'scripts', 'serve.js')).href);
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]).replace(/\.[cm]?[jt]s$/, '') === fileURLToPath(import.meta.url).replace(/\.[cm]?[jt]s$/, '');
if (isMain) void start();
