// Whole-Hub scale: a DATA_DIR of N generated, real-shaped models (scripts/makeScaleData.ts, imported
// through the CLI), then start the server on it as `npm run serve` does and time process start → first /health 200 and → first
// focused leaderboard answer, read the server's RSS, and time building a dataset version of 20k (and
// N) models. Data dirs are kept in the OS temp folder and reused by later runs (generating takes minutes).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Row } from './table.js';
import { BENCH_DIR, ROOT, compileStaleSources, fmtBytes, fmtInt, fmtMs, fmtRatio, httpGet, median, runWorker, sleep, withServe } from './util.js';

const MAKE = path.join(ROOT, 'scripts', 'makeScaleData.ts');
const RUNS = 3;
const POLL_MS = 10;
/** The original Python backend's analytics on the same 20,000 models, measured once on this machine (it is not installed here). */
const ORIGINAL_ANALYTICS_20K_MS = 43_000;
const FOCUSED = '/api/leaderboards?task_type=text-generation&dataset_name=MMLU-PRO&metric_name=accuracy&limit=10';

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
/** CPU time (user + system) the process has used so far, in ms: what a start costs whatever the machine's load. */
const cpuMsOf = (pid: number) => {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
};
/** Linux's USER_HZ (sysconf(_SC_CLK_TCK)), 100 on every mainstream kernel. */
const CLOCK_TICKS = 100;

/** A reusable data dir of `n` generated models, imported through the CLI. */
function dataDir(n: number, log: (s: string) => void): string {
  const dir = path.join(tmpdir(), `ml-bench-scale-${n}`);
  if (existsSync(path.join(dir, 'hub-dataset.json.gz'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  log(`  generating ${fmtInt(n)} models into ${dir} (once; reused by later runs)…`);
  execFileSync(process.execPath, ['--import', 'tsx', MAKE, '--models', String(n), '--dir', dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}

interface StartRun {
  healthMs: number;
  focusedMs: number;
  /** The server's CPU time when /health first answered, and when the focused answer arrived. */
  healthCpuMs: number;
  focusedCpuMs: number;
  rssBytes: number;
}

function timeStart(dir: string): Promise<StartRun> {
  return withServe({ OFFLINE: '1', DATA_DIR: dir }, { pollMs: POLL_MS, timeoutMs: 300_000 }, async (server) => {
    const healthMs = await server.waitFor('/health', async () => (await httpGet(`${server.url}/health`)).status === 200);
    const healthCpuMs = cpuMsOf(server.pid);
    const { status } = await httpGet(`${server.url}${FOCUSED}`);
    if (status !== 200) throw new Error(`focused leaderboard answered ${status}`);
    const focusedMs = server.elapsed();
    const focusedCpuMs = cpuMsOf(server.pid);
    // Settled: what the server holds once loaded and answering.
    await sleep(2_000);
    return { healthMs, focusedMs, healthCpuMs, focusedCpuMs, rssBytes: rssOf(server.pid) };
  });
}

interface BuildRun {
  models: number;
  results: number;
  loadMs: number;
  buildMs: number;
  buildCpuMs: number;
}

async function timeBuild(n: number, log: (s: string) => void): Promise<BuildRun[]> {
  const file = path.join(tmpdir(), `ml-bench-scale-file-${n}.json.gz`);
  if (!existsSync(file)) {
    log(`  generating a ${fmtInt(n)}-model file…`);
    execFileSync(process.execPath, ['--import', 'tsx', MAKE, '--models', String(n), '--out', file, '--file-only'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const runs: BuildRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await runWorker<BuildRun>(path.join(BENCH_DIR, 'pipelineWorker.ts'), ['build', file], { exposeGc: true, timeoutMs: 600_000 }));
    log(`  build ${fmtInt(n)} run ${i + 1}/${RUNS}: ${fmtMs(runs[i].buildMs)}`);
  }
  return runs;
}

/**
 * `models`: the size of the large data dir (100,000 for the whole-Hub targets); `buildLarge` also times
 * building it (linearity); `startsOnly` times the starts alone (no builds).
 */
export async function benchScale(log: (s: string) => void, models: number, options: { buildLarge?: boolean; startsOnly?: boolean } = {}): Promise<Row[]> {
  const rows: Row[] = [];
  const section = `6. Scale: ${fmtInt(models)} generated real-shaped models + the bundled ones (OFFLINE \`npm run serve\`, saved dataset version; median of ${RUNS})`;
  compileStaleSources();
  const dir = dataDir(models, log);
  const primed = await runWorker<{ models: number; results: number; ms: number }>(path.join(BENCH_DIR, 'primeVersionWorker.ts'), [dir], { timeoutMs: 1_200_000 });
  log(`  data dir ready: ${fmtInt(primed.models)} models, ${fmtInt(primed.results)} results (${fmtMs(primed.ms)} to open or rebuild and save)`);
  const starts: StartRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    starts.push(await timeStart(dir));
    const r = starts[i];
    log(`  start ${i + 1}/${RUNS}: /health ${fmtMs(r.healthMs)} (CPU ${fmtMs(r.healthCpuMs)}), focused ${fmtMs(r.focusedMs)} (CPU ${fmtMs(r.focusedCpuMs)}), RSS ${fmtBytes(r.rssBytes)}, load ${loadavg()[0].toFixed(1)}`);
  }
  const health = median(starts.map((r) => r.healthMs));
  const focused = median(starts.map((r) => r.focusedMs));
  const rss = median(starts.map((r) => r.rssBytes));
  const big = models >= 100_000;
  const cpu = (k: 'healthCpuMs' | 'focusedCpuMs') => `server CPU ${fmtMs(median(starts.map((r) => r[k])))}`;
  rows.push({
    section,
    name: 'process start → first /health 200',
    value: fmtMs(health),
    detail: `runs ${starts.map((r) => fmtMs(r.healthMs)).join(' / ')} · ${cpu('healthCpuMs')}`,
    ...(big ? { target: '≤ 1.5 s', met: health <= 1500 } : {}),
    data: { runs: starts },
  });
  rows.push({
    section,
    name: 'process start → first focused leaderboard answer',
    value: fmtMs(focused),
    detail: `runs ${starts.map((r) => fmtMs(r.focusedMs)).join(' / ')} · ${cpu('focusedCpuMs')} · GET ${FOCUSED.split('?')[0]} (MMLU-PRO, limit 10)`,
    ...(big ? { target: '≤ 2.0 s', met: focused <= 2000 } : {}),
  });
  rows.push({
    section,
    name: 'server RSS after load',
    value: fmtBytes(rss),
    detail: `${fmtInt(rss / models)} B per model`,
    ...(big ? { target: '≤ 500 MB (≤ 5 kB/model)', met: rss <= 500e6 } : {}),
  });

  if (options.startsOnly) return rows;
  const b20 = await timeBuild(20_000, log);
  const t20 = median(b20.map((r) => r.buildMs));
  rows.push({
    section,
    name: `build a dataset version of 20,000 models (${fmtInt(b20[0].results)} results)`,
    value: fmtMs(t20),
    detail: `runs ${b20.map((r) => fmtMs(r.buildMs)).join(' / ')} · CPU ${fmtMs(median(b20.map((r) => r.buildCpuMs)))} · read+validate ${fmtMs(median(b20.map((r) => r.loadMs)))}`,
    target: '≤ 0.4 s',
    met: t20 <= 400,
    data: { runs: b20 },
  });
  rows.push({
    section,
    name: 'vs the original backend’s analytics on 20,000 models (43 s, recorded)',
    value: `${fmtRatio(ORIGINAL_ANALYTICS_20K_MS / t20)} faster`,
    target: '≥ 100×',
    met: ORIGINAL_ANALYTICS_20K_MS / t20 >= 100,
  });
  if (models > 20_000 && options.buildLarge) {
    const bn = await timeBuild(models, log);
    const tn = median(bn.map((r) => r.buildMs));
    const ratio = tn / t20;
    const linear = models / 20_000;
    rows.push({
      section,
      name: `build ${fmtInt(models)} models / build 20,000`,
      value: fmtRatio(ratio),
      detail: `${fmtMs(tn)} vs ${fmtMs(t20)}; linear is ${fmtRatio(linear)}`,
      target: `≤ ${fmtRatio(linear * 1.1)}`,
      met: ratio <= linear * 1.1,
      data: { runs: bn },
    });
  }
  return rows;
}
