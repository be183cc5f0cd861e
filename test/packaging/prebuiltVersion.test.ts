// The prebuilt version of the bundled data that `npm run build:lib` (the first step of `npm test`)
// leaves in dist/prebuilt: run by plain Node on the compiled modules, as `npm run serve` runs. Its stored
// /api/benchmarks answer must be byte for byte what the router computes for that version, and a start
// with an empty DATA_DIR must serve it.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAnswerFile, gunzipAnswer } from '../../src/cache/createAnswerFileStore.js';
import { ROOT } from '../support/ensureBuilt.js';
import { createTempDirs } from '../support/tempDirs.js';

const temp = createTempDirs('prebuilt-version');
afterAll(() => temp.cleanup());

const PREBUILT = path.join(ROOT, 'dist', 'prebuilt');
const KEY = 'benchmarks.get?{"force_refresh":false,"include_synthetic":false}';

/**
 * In a child process on dist/: the version and hash of GET /api/benchmarks from a start on `dataDir`
 * (with the prebuilt directory, or without any).
 */
const CHILD = `
import { createHash } from 'node:crypto';
import { request } from 'node:http';
const [root, dataDir, usePrebuilt] = process.argv.slice(1);
const { loadConfig } = await import(root + '/dist/config.js');
const { startServer } = await import(root + '/dist/server/startServer.js');
const config = loadConfig({ OFFLINE: '1', DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' });
const app = await startServer({ config, refreshOnStart: false, ...(usePrebuilt === '1' ? {} : { prebuiltDir: null }) });
const body = await new Promise((resolve, reject) => request(app.server.url + '/api/benchmarks', (res) => {
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => resolve({ status: res.statusCode, etag: res.headers.etag, bytes: Buffer.concat(chunks) }));
}).on('error', reject).end());
const version = app.cache.status().dataset_version;
await app.close();
process.stdout.write(JSON.stringify({ version, status: body.status, etag: body.etag, length: body.bytes.length, sha256: createHash('sha256').update(body.bytes).digest('hex') }));
`;

async function serveOnce(dataDir: string, usePrebuilt: boolean) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', CHILD, ROOT, dataDir, usePrebuilt ? '1' : '0'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as { version: string; status: number; etag: string; length: number; sha256: string };
}

function storedAnswer() {
  const dir = path.join(PREBUILT, 'answers');
  const files = readdirSync(dir, { recursive: true }).map(String).filter((n) => n.endsWith('.json.gz'));
  expect(files).toHaveLength(1);
  const bytes = readFileSync(path.join(dir, files[0]));
  const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8')) as { version_id: string; code: string; key: string };
  const decoded = decodeAnswerFile(bytes, { versionId: header.version_id, code: header.code, key: KEY });
  if (!('answer' in decoded)) throw new Error(`the prebuilt answer is stale: ${decoded.stale}`);
  const identity = gunzipAnswer(decoded.answer);
  return { versionId: header.version_id, etag: decoded.answer.etag, length: identity.length, sha256: createHash('sha256').update(identity).digest('hex') };
}

describe('dist/prebuilt', () => {
  it('holds a read-only version of the bundled data and its /api/benchmarks answer', () => {
    expect(existsSync(path.join(PREBUILT, 'dataset-version.bin'))).toBe(true);
    expect(statSync(path.join(PREBUILT, 'dataset-version.bin')).mode & 0o222).toBe(0);
    expect(storedAnswer().length).toBeGreaterThan(1024 * 1024);
  });

  it('answers /api/benchmarks byte for byte as the router computes it for the prebuilt version', async () => {
    const stored = storedAnswer();
    // The prebuilt version as a DATA_DIR's own saved version, without its answers: the router computes.
    const dataDir = await temp.make();
    copyFileSync(path.join(PREBUILT, 'dataset-version.bin'), path.join(dataDir, 'dataset-version.bin'));
    chmodSync(path.join(dataDir, 'dataset-version.bin'), 0o600);
    const computed = await serveOnce(dataDir, false);
    expect(computed.version).toBe(stored.versionId);
    expect(computed).toMatchObject({ status: 200, etag: stored.etag, length: stored.length, sha256: stored.sha256 });
  }, 120_000);

  it('serves the prebuilt version and its answer to a start with an empty DATA_DIR', async () => {
    const stored = storedAnswer();
    const dataDir = await temp.make();
    const served = await serveOnce(dataDir, true);
    expect(served).toMatchObject({ version: stored.versionId, status: 200, etag: stored.etag, length: stored.length, sha256: stored.sha256 });
    expect(existsSync(path.join(dataDir, 'dataset-version.bin'))).toBe(false);
  }, 120_000);
});
