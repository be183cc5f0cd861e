// Child process for one pipeline measurement: `gen <n> <file>` writes a generated snapshot; `build <file> [--cold]` reads it, builds one dataset version and prints timings and memory as JSON.
import { writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { buildDatasetVersion } from '../../src/pipeline/buildDatasetVersion.js';
import type { HubModel } from '../../src/schemas/hubSchemas.js';
import { readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';
import { denseHubModels, snapshotOf } from './denseModels.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const settle = () => {
  gc();
  gc();
  return process.memoryUsage();
};

const [mode, ...args] = process.argv.slice(2);

if (mode === 'gen') {
  const n = Number(args[0]);
  const file = args[1];
  const started = performance.now();
  const models: HubModel[] = [...denseHubModels(n)];
  const bytes = Buffer.from(JSON.stringify(snapshotOf(models)));
  writeFileSync(file, bytes);
  process.stdout.write(`${JSON.stringify({ n, bytes: bytes.length, genMs: performance.now() - started })}\n`);
} else if (mode === 'build') {
  const file = args[0];
  const cold = args.includes('--cold');
  const base = settle();
  const t0 = performance.now();
  const layer = await readSnapshotFile(file);
  const loadMs = performance.now() - t0;
  const loaded = settle();
  if (!cold) {
    // JIT warm-up on a slice, so the timed build measures steady-state throughput, not compilation.
    buildDatasetVersion([{ ...layer, models: layer.models.slice(0, 1000) }]);
    settle();
  }
  // Pauses of the main thread for garbage collection during the timed build.
  let gcMs = 0;
  let majorGcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === 4) majorGcMs += e.duration;
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  const version = buildDatasetVersion([layer], { now: '2025-10-01T00:00:00.000Z' });
  const buildMs = performance.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  // Entries are delivered asynchronously: let them arrive before counting.
  await new Promise((resolve) => setTimeout(resolve, 100));
  gcObserver.disconnect();
  const built = settle();
  const out = {
    models: version.records.length,
    results: version.enrich.results,
    leaderboards: version.analytics.leaderboards.length,
    loadMs,
    buildMs,
    /** Main thread plus GC helper threads: less sensitive than wall time to other load on the machine. */
    buildCpuMs: (cpu.user + cpu.system) / 1000,
    gcMs,
    majorGcMs,
    totalMs: loadMs + buildMs,
    heapBase: base.heapUsed,
    heapLoaded: loaded.heapUsed,
    heapBuilt: built.heapUsed,
    rssLoaded: loaded.rss,
    rssBuilt: built.rss,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
} else {
  console.error('usage: pipelineWorker.ts gen <n> <file> | build <file> [--cold]');
  process.exit(2);
}
