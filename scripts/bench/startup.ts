// Start-up: spawn the server as `npm run serve` runs it (`node scripts/serve.js`, compiled JavaScript) offline and time spawn → first 200 from /api/benchmarks, with an empty and with a warm DATA_DIR.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Row } from './table.js';
import { BENCH_DIR, compileStaleSources, fmtInt, fmtMs, httpGet, median, startWorker, withServe } from './util.js';

const RUNS = 3;
const POLL_MS = 20;
const TIMEOUT_MS = 60_000;
const WARM_MAX_PER_TASK = 500;

/** Starts the server and returns ms from spawn to the first complete 200 answer of `probePath`. */
function timeServe(env: Record<string, string>, probePath = '/api/benchmarks', until?: (body: string) => boolean): Promise<number> {
  return withServe(env, { pollMs: POLL_MS, timeoutMs: TIMEOUT_MS }, (server) =>
    server.waitFor(`answer on ${probePath}`, async () => {
      const res = await httpGet(`${server.url}${probePath}`, 10_000);
      return res.status === 200 && (!until || until(res.body));
    }),
  );
}

interface Breakdown {
  bootMs: number;
  importMs: number;
  startServerMs: number;
  firstRequestMs: number;
  totalMs: number;
}

export async function benchStartup(tmp: string, log: (s: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const section = `4. Start-up: spawn \`npm run serve\`'s node scripts/serve.js (OFFLINE) → first 200 of /api/benchmarks (median of ${RUNS}, polled every ${POLL_MS} ms)`;
  compileStaleSources();

  const cold: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = path.join(tmp, `startup-empty-${i}`);
    mkdirSync(dir, { recursive: true });
    cold.push(await timeServe({ OFFLINE: '1', DATA_DIR: dir }));
  }

  // A warm DATA_DIR: the server itself refreshes from a fake Hub and saves hub-dataset.json.gz.
  const warmDir = path.join(tmp, 'startup-warm');
  mkdirSync(warmDir, { recursive: true });
  const hub = startWorker(path.join(BENCH_DIR, 'fakeHubWorker.ts'), [String(WARM_MAX_PER_TASK), '0', '500']);
  let warmModels = 0;
  try {
    const { url } = await hub.next<{ url: string }>(120_000);
    await timeServe({ OFFLINE: '0', DATA_DIR: warmDir, HF_ENDPOINT: url, MAX_MODELS_PER_TASK: String(WARM_MAX_PER_TASK) }, '/api/cache-status', (body) => {
      const status = JSON.parse(body) as { source?: string; data_count?: number; refresh_in_progress?: boolean };
      warmModels = status.data_count ?? 0;
      // Saved once the refresh is over, not merely swapped in.
      return status.source === 'hub' && status.refresh_in_progress === false;
    });
  } finally {
    await hub.stop();
  }
  if (!existsSync(path.join(warmDir, 'hub-dataset.json.gz'))) throw new Error('warm start: hub-dataset.json.gz was not written');
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await timeServe({ OFFLINE: '1', DATA_DIR: warmDir }));

  rows.push({
    section,
    name: 'empty DATA_DIR (bundled snapshot only)',
    value: fmtMs(median(cold)),
    detail: `runs ${cold.map(fmtMs).join(' / ')}`,
    target: '≤ 1.25 s',
    met: median(cold) <= 1250,
    data: { runs: cold },
  });
  rows.push({
    section,
    name: `warm DATA_DIR (saved Hub dataset, ${fmtInt(warmModels)} models in all)`,
    value: fmtMs(median(warm)),
    detail: `runs ${warm.map(fmtMs).join(' / ')}`,
    target: '≤ 1.5 s',
    met: median(warm) <= 1500,
    data: { runs: warm, models: warmModels },
  });
  log(`  start-up: empty ${fmtMs(median(cold))}, warm ${fmtMs(median(warm))}`);

  // Where the time goes (same process, empty DATA_DIR), tsx's compile cache on and off, interleaved.
  const cached: Breakdown[] = [];
  const uncached: Breakdown[] = [];
  const w = path.join(BENCH_DIR, 'startupWorker.ts');
  for (let i = 0; i < RUNS; i++) {
    for (const noCache of [false, true]) {
      const dir = path.join(tmp, `startup-split-${noCache ? 'nocache' : 'cache'}-${i}`);
      mkdirSync(dir, { recursive: true });
      (noCache ? uncached : cached).push(await runWithEnv(w, [dir], noCache ? { TSX_DISABLE_CACHE: '1' } : {}));
    }
  }
  const m = (runs: Breakdown[], k: keyof Breakdown) => median(runs.map((r) => r[k]));
  rows.push({
    section,
    name: '  where it goes (in-process, tsx cache warm)',
    value: fmtMs(m(cached, 'totalMs')),
    detail: `node+tsx boot ${fmtMs(m(cached, 'bootMs'))} · import modules ${fmtMs(m(cached, 'importMs'))} · startServer ${fmtMs(m(cached, 'startServerMs'))} · first /api/benchmarks ${fmtMs(m(cached, 'firstRequestMs'))}`,
    data: { runs: cached },
  });
  rows.push({
    section,
    name: '  tsx compile (TSX_DISABLE_CACHE=1)',
    value: fmtMs(m(uncached, 'importMs') - m(cached, 'importMs')),
    detail: `import modules ${fmtMs(m(uncached, 'importMs'))} without the cache vs ${fmtMs(m(cached, 'importMs'))} with it`,
    data: { runs: uncached },
  });
  return rows;
}

async function runWithEnv(script: string, args: string[], env: Record<string, string>): Promise<Breakdown> {
  const w = startWorker(script, args, { env: { ...process.env, ...env } });
  try {
    return await w.next<Breakdown>(120_000);
  } finally {
    await w.stop();
  }
}
