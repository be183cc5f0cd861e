// The prebuilt version of the bundled data (last step of `npm run build:lib`): starts the compiled server
// (dist/) offline on an empty data directory, so it builds the version of data/snapshot.json.gz and saves
// it as every start saves one, asks it for GET /api/benchmarks so the router keeps that answer on disk,
// and moves both into dist/prebuilt/ (read only). A start whose own saved version is missing or stale
// opens this one when it was built from the same sources by the same code (the source key says so).
// Plain JavaScript on the compiled modules: the key holds the fingerprint of exactly the code that runs.
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const { loadConfig } = await import('../dist/config.js');
const { startServer } = await import('../dist/server/startServer.js');
const { defaultPrebuiltDir } = await import('../dist/cache/openBenchmarkCache.js');
const { VERSION_FILE_NAME } = await import('../dist/cache/createVersionFileStore.js');
const { ANSWERS_DIR_NAME } = await import('../dist/cache/createAnswerFileStore.js');

const target = defaultPrebuiltDir();
if (path.dirname(target) !== DIST) throw new Error(`the prebuilt version belongs in dist/, not ${target}`);

/** The answers the explorer asks for first, as a client asks for them. */
const PATHS = ['/api/benchmarks'];

function get(url) {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
    })
      .on('error', reject)
      .end();
  });
}

const started = performance.now();
const dataDir = mkdtempSync(path.join(tmpdir(), 'mbe-prebuilt-'));
try {
  const config = loadConfig({ OFFLINE: '1', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  // Never from an older prebuilt version: this one is built from the sources.
  const app = await startServer({ config, refreshOnStart: false, prebuiltDir: null, log: (level, message) => level !== 'debug' && level !== 'info' && console.error(`[${level}] ${message}`) });
  try {
    await app.cache.whenSaved();
    for (const p of PATHS) await get(`${app.server.url}${p}`);
  } finally {
    // Waits for the answers being written.
    await app.close();
  }
  const answers = path.join(dataDir, ANSWERS_DIR_NAME);
  if (!existsSync(path.join(dataDir, VERSION_FILE_NAME))) throw new Error('the server saved no dataset version');
  const kept = existsSync(answers) ? readdirSync(answers, { recursive: true }).filter((n) => String(n).endsWith('.json.gz')) : [];
  if (kept.length < PATHS.length) throw new Error(`the server kept ${kept.length} of ${PATHS.length} answers`);
  // Put in place whole: a half-written dist/prebuilt is never left behind.
  const staged = path.join(DIST, `.prebuilt-${process.pid}`);
  rmSync(staged, { recursive: true, force: true });
  cpSync(path.join(dataDir, VERSION_FILE_NAME), path.join(staged, VERSION_FILE_NAME));
  cpSync(answers, path.join(staged, ANSWERS_DIR_NAME), { recursive: true });
  // The files are read only (for everyone: an installed package is shared); their folders are not, so a
  // clean build can still remove them.
  const readOnly = (p) => {
    if (statSync(p).isDirectory()) {
      chmodSync(p, 0o755);
      for (const n of readdirSync(p)) readOnly(path.join(p, n));
    } else chmodSync(p, 0o444);
  };
  readOnly(staged);
  rmSync(target, { recursive: true, force: true });
  renameSync(staged, target);
  if (!process.argv.includes('--quiet')) {
    console.log(`prebuilt version of the bundled data in ${path.relative(ROOT, target)} (${kept.length} answer${kept.length === 1 ? '' : 's'}, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
