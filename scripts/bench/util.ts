// Shared benchmark helpers: child processes that report JSON lines, the server as `npm run serve` runs it, free ports, polling, medians and number formatting.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_DIR = path.join(ROOT, 'scripts', 'bench');

export interface Worker {
  child: ChildProcess;
  /** Resolves with the next JSON line the child prints on stdout. */
  next<T = Record<string, unknown>>(timeoutMs?: number): Promise<T>;
  /** Resolves when the child has exited (after SIGTERM, then SIGKILL if it lingers). */
  stop(): Promise<void>;
  stderr(): string;
  /** Writes one line to the child's stdin. */
  send(line: string): void;
}

/** Starts `node [--expose-gc] --import tsx <script> ...args` from the package root, with stdout read as JSON lines. */
export function startWorker(script: string, args: string[] = [], options: { env?: NodeJS.ProcessEnv; exposeGc?: boolean } = {}): Worker {
  const child = spawn(process.execPath, [...(options.exposeGc ? ['--expose-gc'] : []), '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: ((line: string | undefined) => void)[] = [];
  let buffered = '';
  let errors = '';
  let exited = false;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line.startsWith('{')) continue;
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    errors = (errors + chunk).slice(-4000);
  });
  const exit = once(child, 'exit').then(() => {
    exited = true;
    for (const w of waiters.splice(0)) w(undefined);
  });
  return {
    child,
    stderr: () => errors,
    send: (line) => void child.stdin!.write(`${line}\n`),
    next<T>(timeoutMs = 120_000) {
      const queued = lines.shift();
      if (queued !== undefined) return Promise.resolve(JSON.parse(queued) as T);
      if (exited) return Promise.reject(new Error(`${path.basename(script)} exited (code ${child.exitCode}): ${errors.trim()}`));
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${path.basename(script)}: no answer within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((line) => {
          clearTimeout(timer);
          if (line === undefined) reject(new Error(`${path.basename(script)} exited (code ${child.exitCode}): ${errors.trim()}`));
          else resolve(JSON.parse(line) as T);
        });
      });
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Runs a worker to completion and returns the last JSON line it printed. */
export async function runWorker<T>(script: string, args: string[], options: { exposeGc?: boolean; timeoutMs?: number } = {}): Promise<T> {
  const w = startWorker(script, args, options);
  try {
    return await w.next<T>(options.timeoutMs ?? 180_000);
  } finally {
    await w.stop();
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** What `npm run serve` runs: the compiled server in dist/ (compiled first where stale). */
const SERVE = path.join(ROOT, 'scripts', 'serve.js');

/** Compiles the sources changed since dist/ was built, so timed starts do not include it. */
export function compileStaleSources(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'compileSources.js'), '--stale', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
}

/** GET `url`: its status (0 when the request failed) and body. */
export function httpGet(url: string, timeoutMs = 30_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(url, { timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end();
  });
}

export interface ServeProcess {
  url: string;
  pid: number;
  /** Polls `ready` until it holds and returns the ms since the spawn; throws when the server exits or `timeoutMs` passes first. */
  waitFor(what: string, ready: () => Promise<boolean>): Promise<number>;
  /** Ms since the spawn. */
  elapsed(): number;
}

/** Spawns the server as `npm run serve` runs it, on a free loopback port with `env`, hands it to `use`, then stops it. */
export async function withServe<T>(env: Record<string, string>, options: { pollMs: number; timeoutMs: number }, use: (server: ServeProcess) => Promise<T>): Promise<T> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [SERVE], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-2000)));
  const exited = once(child, 'exit');
  const elapsed = () => performance.now() - t0;
  try {
    return await use({
      url: `http://127.0.0.1:${port}`,
      pid: child.pid!,
      elapsed,
      async waitFor(what, ready) {
        for (;;) {
          if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr}`);
          if (elapsed() > options.timeoutMs) throw new Error(`the server: no ${what} within ${options.timeoutMs} ms: ${stderr}`);
          if (await ready()) return elapsed();
          await sleep(options.pollMs);
        }
      },
    });
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const fmtMs = (ms: number) => (!Number.isFinite(ms) ? '–' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
export const fmtBytes = (b: number) => (b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : b >= 1e6 ? `${(b / 1e6).toFixed(0)} MB` : b >= 1e3 ? `${(b / 1e3).toFixed(1)} kB` : `${b} B`);
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtRatio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
