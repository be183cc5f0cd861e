// `npm run serve`: the headless explorer on localhost. Serves the bundled snapshot at once,
// refreshes from the Hub in the background unless offline, shows progress, exits cleanly on Ctrl-C.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../appInfo.js';
import { describeProgress } from '../cache/describeProgress.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { describeBusyPort, PortInUseError } from './describeBusyPort.js';
import { startServer, type Logger, type StartedApp } from './startServer.js';

const LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

export function createConsoleLogger(level: Config['LOG_LEVEL']): Logger {
  const max = LEVELS.indexOf(level);
  return (l, message) => {
    if (LEVELS.indexOf(l) > max) return;
    (l === 'error' || l === 'warn' ? console.error : console.log)(`[${l}] ${message}`);
  };
}

export function defaultRendererDir(): string | undefined {
  const dir = path.join(packageRoot(), 'out', 'renderer');
  return existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}

export async function serve(env: Record<string, string | undefined> = process.env, extra: { banner?: string } = {}): Promise<StartedApp> {
  const config = loadConfig(env);
  const log = createConsoleLogger(config.LOG_LEVEL);
  const rendererDir = defaultRendererDir();
  let app: StartedApp;
  try {
    app = await startServer({ config, log, rendererDir });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new PortInUseError(await describeBusyPort(config.HOST, config.PORT), { cause: error });
  }
  const status = app.cache.status();
  if (extra.banner) console.log(extra.banner);
  console.log(`ML Benchmark Explorer serving ${status.data_count} models (${status.source}${status.stale ? ', stale' : ''}) from ${config.DATA_DIR}`);
  console.log(`  API:      ${app.server.url}/`);
  console.log(`  Docs:     ${app.server.url}/docs`);
  if (rendererDir) console.log(`  Explorer: ${app.server.url}/app/`);
  else console.log('  Explorer: not built (run `npm run build` to serve the UI at /app/)');
  if (app.loginUrls?.length) {
    console.log(`  Reachable at ${app.reachableUrls!.join(', ')} (every request needs the API token).`);
    console.log('  Sign in a browser once (the code works one time; later: /login?token=<API token>):');
    for (const u of app.loginUrls) console.log(`    ${u}`);
  }
  if (config.OFFLINE) console.log('  Offline mode: the Hub is not contacted.');

  const tty = process.stdout.isTTY;
  let last = '';
  app.cache.subscribe((e) => {
    if (config.LOG_LEVEL === 'silent') return;
    if (e.type === 'progress') {
      const line = `refresh: ${e.progress.phase} · ${describeProgress(e.progress)}`;
      if (line === last) return;
      last = line;
      if (tty) process.stdout.write(`\r\x1b[K${line}`);
      else if (e.progress.phase !== 'fetching' || e.progress.message) console.log(line);
    } else {
      if (tty) process.stdout.write('\r\x1b[K');
      last = '';
      const o = e.outcome;
      // A failure is logged once, as a warning, by the cache itself.
      if (o.status !== 'failed') console.log(`refresh ${o.status}: now serving ${e.status.data_count} models${o.reason ? ` (${o.reason})` : ''}`);
    }
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) process.exit(130);
    closing = true;
    console.log(`\n${signal}: closing…`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return app;
}

/** `npm run serve` and its fallbacks: serves until a signal; bad configuration exits 2, any other start-up failure 1. */
export async function serveFromCommandLine(): Promise<void> {
  try {
    await serve();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]).replace(/\.[cm]?[jt]s$/, '') === path.resolve(new URL(import.meta.url).pathname).replace(/\.[cm]?[jt]s$/, '');
if (isMain) void serveFromCommandLine();
