// Serving: the real server and a bare node:http server (same bytes, same paths), each in its own child process, loaded side by side with autocannon.
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import type { RecordedResponse } from './bareServerWorker.js';
import type { Row } from './table.js';
import { BENCH_DIR, fmtBytes, fmtInt, fmtRatio, median, startWorker, type Worker } from './util.js';

const CONNECTIONS = 10;
/** autocannon records whole milliseconds. */
const fmtLat = (ms: number) => (ms < 1 ? '<1 ms' : `${Math.round(ms)} ms`);
const ROUNDS = 3;
const ROUND_SECONDS = 2;
const WARMUP_SECONDS = 1;

interface Endpoint {
  key: string;
  label: string;
  path: string;
  br?: boolean;
  /** Ratio to bare the server must reach. */
  minRatio?: number;
  /** p99 the server must stay under, in ms. */
  maxP99?: number;
  /** Rounds and their length, when the defaults would count too few requests (large bodies) or swing too much (tiny ones). */
  rounds?: number;
  roundSeconds?: number;
}

const ENDPOINTS: Endpoint[] = [
  { key: 'health', label: '/health', path: '/health', minRatio: 0.5, rounds: 5 },
  // ~4 answers a second: a 2 s round counts 6–8 of them, so one answer more or less moves the ratio by 15%.
  { key: 'benchmarks', label: '/api/benchmarks (identity, cached)', path: '/api/benchmarks', minRatio: 0.8, roundSeconds: 6 },
  { key: 'benchmarks-br', label: '/api/benchmarks (br, cached)', path: '/api/benchmarks', br: true, minRatio: 0.8 },
  {
    key: 'leaderboards',
    label: '/api/leaderboards (filtered)',
    path: '/api/leaderboards?task_type=image-classification&dataset_name=ImageNet-1k&metric_name=top-1%20accuracy&limit=50&search=vit',
    maxP99: 20,
  },
  { key: 'models', label: '/api/models (paged)', path: '/api/models?task_type=text-generation&sort=likes&limit=50&offset=100', maxP99: 20 },
];

interface Fetched {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Raw bytes as sent (no automatic decompression), loopback only. */
function getRaw(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  bytesPerSec: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, br: boolean | undefined, seconds: number): Promise<Load> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    headers: br ? { 'accept-encoding': 'br' } : {},
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerSec: result.throughput.average,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export async function benchServing(tmp: string, log: (s: string) => void): Promise<Row[]> {
  const dataDir = path.join(tmp, 'serving-data');
  mkdirSync(dataDir, { recursive: true });
  const workers: Worker[] = [];
  try {
    const app = startWorker(path.join(BENCH_DIR, 'serverWorker.ts'), [dataDir]);
    workers.push(app);
    const { url: appUrl, models } = await app.next<{ url: string; models: number }>(120_000);

    // Record what the app answers, so the bare server sends exactly the same bytes.
    const recorded: RecordedResponse[] = [];
    const sizes = new Map<string, number>();
    for (const e of ENDPOINTS) {
      const res = await getRaw(`${appUrl}${e.path}`, e.br ? { 'accept-encoding': 'br' } : {});
      if (res.status !== 200) throw new Error(`${e.label}: HTTP ${res.status} ${res.body.toString('utf8').slice(0, 300)}`);
      if (e.br && res.headers['content-encoding'] !== 'br') throw new Error(`${e.label}: answered without Content-Encoding: br`);
      sizes.set(e.key, res.body.length);
      recorded.push({
        path: e.path,
        encoding: e.br ? 'br' : 'identity',
        status: res.status,
        contentType: String(res.headers['content-type'] ?? 'application/json'),
        body: res.body.toString('base64'),
      });
    }
    const manifest = path.join(tmp, 'bare-responses.json');
    writeFileSync(manifest, JSON.stringify(recorded));
    const bare = startWorker(path.join(BENCH_DIR, 'bareServerWorker.ts'), [manifest]);
    workers.push(bare);
    const { url: bareUrl } = await bare.next<{ url: string }>(60_000);

    const rows: Row[] = [];
    const section = `2. Serving (${fmtInt(models)}-model bundled snapshot; ${CONNECTIONS} connections; median of ${ROUNDS}×${ROUND_SECONDS} s unless said, app and bare alternating)`;
    for (const e of ENDPOINTS) {
      await load(`${appUrl}${e.path}`, e.br, WARMUP_SECONDS);
      await load(`${bareUrl}${e.path}`, e.br, WARMUP_SECONDS);
      const app: Load[] = [];
      const ref: Load[] = [];
      const rounds = e.rounds ?? ROUNDS;
      const seconds = e.roundSeconds ?? ROUND_SECONDS;
      for (let round = 0; round < rounds; round++) {
        app.push(await load(`${appUrl}${e.path}`, e.br, seconds));
        ref.push(await load(`${bareUrl}${e.path}`, e.br, seconds));
      }
      const bad = [...app, ...ref].reduce((s, l) => s + l.non2xx + l.errors, 0);
      const rps = median(app.map((l) => l.rps));
      const bareRps = median(ref.map((l) => l.rps));
      const ratio = median(app.map((l, i) => l.rps / ref[i].rps));
      const p50 = median(app.map((l) => l.p50));
      const p99 = median(app.map((l) => l.p99));
      const checks: string[] = [];
      let met = true;
      if (e.minRatio !== undefined) {
        checks.push(`≥ ${Math.round(e.minRatio * 100)}% of bare`);
        met &&= ratio >= e.minRatio;
      }
      if (e.maxP99 !== undefined) {
        checks.push(`p99 < ${e.maxP99} ms`);
        met &&= p99 < e.maxP99;
      }
      if (bad > 0) met = false;
      rows.push({
        section,
        name: `${e.label}, ${fmtBytes(sizes.get(e.key)!)}${rounds !== ROUNDS || seconds !== ROUND_SECONDS ? ` (${rounds}×${seconds} s)` : ''}`,
        value: `${fmtInt(rps)} req/s`,
        detail: `p50 ${fmtLat(p50)}, p99 ${fmtLat(p99)} · bare ${fmtInt(bareRps)} req/s, p99 ${fmtLat(median(ref.map((l) => l.p99)))} · ${fmtRatio(ratio)} bare${bad ? ` · ${bad} errors/non-2xx` : ''}`,
        target: checks.join(', '),
        met,
        data: { path: e.path, br: !!e.br, bytes: sizes.get(e.key), rps, bareRps, ratio, p50, p99, app, bare: ref },
      });
      log(`  ${e.label}: ${fmtInt(rps)} req/s, p99 ${fmtLat(p99)}, ${fmtRatio(ratio)} of bare`);
    }
    rows.push(await benchRouterCall(tmp, section, log));
    return rows;
  } finally {
    for (const w of workers) await w.stop();
  }
}

/**
 * What one procedure call costs in process, without HTTP: /health's procedure called as the server
 * calls it (callRouter) and through tRPC's own caller, alternating, CPU µs per call (median of rounds).
 */
async function benchRouterCall(tmp: string, section: string, log: (s: string) => void): Promise<Row> {
  const { loadConfig } = await import('../../src/config.js');
  const { openBenchmarkCache } = await import('../../src/cache/openBenchmarkCache.js');
  const { createContextFactory } = await import('../../src/api/createContext.js');
  const { createCaller } = await import('../../src/api/appRouter.js');
  const { callRouter } = await import('../../src/server/callRouter.js');
  const dataDir = path.join(tmp, 'router-call-data');
  mkdirSync(dataDir, { recursive: true });
  const cache = await openBenchmarkCache({ config: loadConfig({ OFFLINE: '1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }) });
  try {
    const ctx = createContextFactory({ cache, app: { name: 'bench', version: '0', startedAt: Date.now() } })();
    const caller = createCaller(ctx);
    const CALLS = 20_000;
    const perCall = async (call: () => Promise<unknown>) => {
      const start = process.cpuUsage();
      for (let i = 0; i < CALLS; i++) await call();
      const used = process.cpuUsage(start);
      return (used.user + used.system) / CALLS;
    };
    const ours: number[] = [];
    const trpc: number[] = [];
    for (let round = 0; round < 8; round++) {
      ours.push(await perCall(() => callRouter(ctx, 'meta.health', 'query', undefined)));
      trpc.push(await perCall(() => caller.meta.health()));
    }
    // The first round of each warms up.
    const a = median(ours.slice(1));
    const b = median(trpc.slice(1));
    log(`  /health's procedure in process: ${a.toFixed(1)} µs per call (tRPC's caller ${b.toFixed(1)} µs)`);
    return {
      section,
      name: "/health's procedure in process (no HTTP)",
      value: `${a.toFixed(1)} µs/call`,
      detail: `as the server calls it (every middleware, output checked) · tRPC's own caller ${b.toFixed(1)} µs · CPU, median of 7×${fmtInt(CALLS)} calls`,
      data: { callRouterMicros: a, trpcCallerMicros: b, rounds: { ours, trpc } },
    };
  } finally {
    await cache.close();
  }
}
