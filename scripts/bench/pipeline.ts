// Pipeline scaling and memory: buildDatasetVersion on generated 1k/10k/100k-model snapshots and the bundled snapshot, each run in a fresh child process.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Row } from './table.js';
import { BENCH_DIR, ROOT, fmtBytes, fmtInt, fmtMs, fmtRatio, median, runWorker } from './util.js';

const WORKER = path.join(BENCH_DIR, 'pipelineWorker.ts');

interface BuildRun {
  models: number;
  results: number;
  leaderboards: number;
  loadMs: number;
  buildMs: number;
  buildCpuMs: number;
  totalMs: number;
  heapBase: number;
  heapLoaded: number;
  heapBuilt: number;
  rssLoaded: number;
  rssBuilt: number;
  maxRssBytes: number;
}

/** `extra`: one more run when the first ones disagree by more than 25% (a noisy machine). */
const SIZES = [
  { n: 1_000, runs: 5, extra: 0 },
  { n: 10_000, runs: 5, extra: 0 },
  { n: 100_000, runs: 2, extra: 1 },
];

export async function benchPipeline(tmp: string, log: (s: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const section = '1. Pipeline: buildDatasetVersion (JIT-warm, fresh child per run)';
  const bySize = new Map<number, BuildRun[]>();
  for (const { n, runs: planned, extra } of SIZES) {
    const file = path.join(tmp, `generated-${n}.json`);
    const gen = await runWorker<{ bytes: number; genMs: number }>(WORKER, ['gen', String(n), file], { timeoutMs: 120_000 });
    const results: BuildRun[] = [];
    let runs = planned;
    for (let i = 0; i < runs; i++) {
      results.push(await runWorker<BuildRun>(WORKER, ['build', file], { exposeGc: true, timeoutMs: 120_000 }));
      log(`  pipeline ${fmtInt(n)} models run ${i + 1}/${runs}: build ${fmtMs(results[i].buildMs)}`);
      const times = results.map((r) => r.buildMs);
      if (i === planned - 1 && extra > 0 && Math.max(...times) > 1.25 * Math.min(...times)) runs += extra;
    }
    rmSync(file, { force: true });
    bySize.set(n, results);
    const r0 = results[0];
    const build = median(results.map((r) => r.buildMs));
    rows.push({
      section,
      name: `build ${fmtInt(n)} models (${fmtInt(r0.results)} results, ${r0.leaderboards} boards)`,
      value: fmtMs(build),
      detail: `runs ${results.map((r) => fmtMs(r.buildMs)).join(' / ')} · CPU ${fmtMs(median(results.map((r) => r.buildCpuMs)))} · read+validate ${fmtMs(median(results.map((r) => r.loadMs)))} (${fmtBytes(gen.bytes)} JSON) · peak RSS ${fmtBytes(median(results.map((r) => r.maxRssBytes)))}`,
      ...(n === 100_000 ? { target: '< 10 s', met: build < 10_000 } : {}),
      data: { n, fileBytes: gen.bytes, runs: results, medianBuildMs: build, medianLoadMs: median(results.map((r) => r.loadMs)) },
    });
  }
  const t10k = median(bySize.get(10_000)!.map((r) => r.buildMs));
  const t100k = median(bySize.get(100_000)!.map((r) => r.buildMs));
  const t1k = median(bySize.get(1_000)!.map((r) => r.buildMs));
  const cpu = (n: number) => median(bySize.get(n)!.map((r) => r.buildCpuMs));
  const fastest = (n: number) => Math.min(...bySize.get(n)!.map((r) => r.buildMs));
  rows.push({
    section,
    name: 'scaling: time(100k) / time(10k)',
    value: fmtRatio(t100k / t10k),
    detail: `fastest runs ${fmtRatio(fastest(100_000) / fastest(10_000))} · CPU time ${fmtRatio(cpu(100_000) / cpu(10_000))} · time(10k) / time(1k) = ${fmtRatio(t10k / t1k)}; linear is 10×`,
    target: '≤ 11×',
    met: t100k / t10k <= 11,
    data: { ratio100kTo10k: t100k / t10k, ratio10kTo1k: t10k / t1k, cpuRatio100kTo10k: cpu(100_000) / cpu(10_000), fastestRatio100kTo10k: fastest(100_000) / fastest(10_000) },
  });

  const bundledFile = path.join(ROOT, 'data', 'snapshot.json.gz');
  const bundled: BuildRun[] = [];
  for (let i = 0; i < 3; i++) bundled.push(await runWorker<BuildRun>(WORKER, ['build', bundledFile, '--cold'], { exposeGc: true }));
  const b0 = bundled[0];
  rows.push({
    section,
    name: `bundled snapshot read + build, cold (${fmtInt(b0.models)} models)`,
    value: fmtMs(median(bundled.map((r) => r.totalMs))),
    detail: `read+gunzip+validate ${fmtMs(median(bundled.map((r) => r.loadMs)))} + build ${fmtMs(median(bundled.map((r) => r.buildMs)))} · ${fmtInt(b0.results)} results · peak RSS ${fmtBytes(median(bundled.map((r) => r.maxRssBytes)))}`,
    data: { runs: bundled },
  });
  log(`  bundled snapshot: ${fmtMs(median(bundled.map((r) => r.totalMs)))}`);

  // 5. Memory, from the 100k runs: heap deltas are measured after forced GCs with everything still referenced.
  const big = bySize.get(100_000)!;
  const n = 100_000;
  const perModel = (f: (r: BuildRun) => number) => median(big.map(f)) / n;
  const memSection = '5. Memory (100k models, from the pipeline worker)';
  rows.push({
    section: memSection,
    name: 'RSS after load + build (after GC)',
    value: fmtBytes(median(big.map((r) => r.rssBuilt))),
    detail: `after load only ${fmtBytes(median(big.map((r) => r.rssLoaded)))} · peak ${fmtBytes(median(big.map((r) => r.maxRssBytes)))}`,
    data: { rssBuilt: median(big.map((r) => r.rssBuilt)), rssLoaded: median(big.map((r) => r.rssLoaded)), maxRss: median(big.map((r) => r.maxRssBytes)) },
  });
  rows.push({
    section: memSection,
    name: 'heap per model (raw layer + dataset version)',
    value: `${fmtInt(perModel((r) => r.heapBuilt - r.heapBase))} B`,
    detail: `raw Hub layer ${fmtInt(perModel((r) => r.heapLoaded - r.heapBase))} B + version ${fmtInt(perModel((r) => r.heapBuilt - r.heapLoaded))} B · RSS/model ${fmtInt(perModel((r) => r.rssBuilt))} B · ${(big[0].results / n).toFixed(1)} results/model`,
    data: {
      heapPerModel: perModel((r) => r.heapBuilt - r.heapBase),
      rawPerModel: perModel((r) => r.heapLoaded - r.heapBase),
      versionPerModel: perModel((r) => r.heapBuilt - r.heapLoaded),
      rssPerModel: perModel((r) => r.rssBuilt),
    },
  });
  return rows;
}
