// `npm run bench`: pipeline scaling, serving, refresh, start-up, memory and whole-Hub scale, printed as one table and saved to bench-results/.
// `npm run bench -- --only scale --scale-models 100000 [--scale-build-large] [--scale-starts-only]` runs the whole-Hub targets alone (the first run
// generates the data: minutes; --scale-build-large also times building all of them, for linearity).
// `npm run bench -- --only import [--import-mb 50,230]`: server peak memory of snapshot imports of those body sizes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchImport } from './bench/import.js';
import { benchPipeline } from './bench/pipeline.js';
import { benchRefresh } from './bench/refresh.js';
import { benchScale } from './bench/scale.js';
import { benchServing } from './bench/serving.js';
import { benchStartup } from './bench/startup.js';
import { renderTable, type Row } from './bench/table.js';
import { ROOT, fmtMs } from './bench/util.js';

const SECTIONS = ['pipeline', 'serving', 'refresh', 'startup', 'scale', 'import'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    out: { type: 'string', default: path.join(ROOT, 'bench-results') },
    /** Models in the scale section's data dir: 100000 for the whole-Hub targets (opt-in: generating it takes minutes). */
    'scale-models': { type: 'string', default: process.env.BENCH_SCALE_MODELS ?? '20000' },
    /** Also time building a version of all of them (linear to 100k?): minutes more. */
    'scale-build-large': { type: 'boolean', default: false },
    /** Snapshot import bodies to post, in MB (generated once into the OS temp folder and reused). */
    'import-mb': { type: 'string', default: '50,230' },
    /** Only the scale section's timed starts (no builds). */
    'scale-starts-only': { type: 'boolean', default: false },
  },
});
const only = new Set<Section>((values.only ?? SECTIONS) as Section[]);
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section "${s}" (one of ${SECTIONS.join(', ')})`);

const log = (s: string) => process.stderr.write(`${s}\n`);
const gitCommit = () => {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return `${head}${dirty ? '-dirty' : ''}`;
  } catch {
    return 'unknown';
  }
};

const loadAtStart = loadavg()[0];
const tmp = mkdtempSync(path.join(tmpdir(), 'ml-bench-'));
const started = performance.now();
const rows: Row[] = [];
const failures: string[] = [];
const run = async (name: Section, f: () => Promise<Row[]>) => {
  if (!only.has(name)) return;
  log(`▶ ${name}…`);
  const t0 = performance.now();
  try {
    rows.push(...(await f()));
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push(`${name}: ${message}`);
    rows.push({ section: `${name} (failed)`, name: (error as Error).message?.split('\n')[0].slice(0, 100) ?? 'failed', value: '–', target: 'runs', met: false });
  }
  log(`  ${name} took ${fmtMs(performance.now() - t0)}`);
};

try {
  await run('pipeline', () => benchPipeline(tmp, log));
  await run('serving', () => benchServing(tmp, log));
  await run('refresh', () => benchRefresh(log));
  await run('startup', () => benchStartup(tmp, log));
  await run('import', () => benchImport(tmp, log, values['import-mb']!.split(',').map(Number)));
  await run('scale', () => benchScale(log, Number(values['scale-models']), { buildLarge: values['scale-build-large'], startsOnly: values['scale-starts-only'] }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// Memory rows come from the pipeline runs but read better last.
const ordered = [...rows.filter((r) => !r.section.startsWith('5.')), ...rows.filter((r) => r.section.startsWith('5.'))];
const withTargets = ordered.filter((r) => r.met !== undefined);
const met = withTargets.filter((r) => r.met).length;
const elapsed = performance.now() - started;
const cpu = cpus();
const loadAtEnd = loadavg()[0];
const header = `ML Benchmark Explorer bench · ${new Date().toISOString()} · commit ${gitCommit()} · node ${process.version} · ${cpu.length}× ${cpu[0]?.model ?? 'cpu'} · load avg ${loadAtStart.toFixed(1)} → ${loadAtEnd.toFixed(1)}`;

console.log(`\n${header}`);
console.log(renderTable(ordered));
console.log(`Targets met: ${met}/${withTargets.length} · bench took ${fmtMs(elapsed)}`);
for (const f of failures) console.error(`\nFAILED ${f}`);

const result = {
  at: new Date().toISOString(),
  commit: gitCommit(),
  node: process.version,
  cpus: cpu.length,
  cpuModel: cpu[0]?.model,
  loadAverage: { start: loadAtStart, end: loadAtEnd },
  elapsedMs: elapsed,
  targetsMet: met,
  targets: withTargets.length,
  rows: ordered,
  failures,
};
mkdirSync(values.out!, { recursive: true });
const stamp = result.at.replace(/[:.]/g, '-');
const file = path.join(values.out!, `bench-${stamp}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(path.join(values.out!, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`Saved ${path.relative(process.cwd(), file)} and latest.json`);
process.exitCode = failures.length > 0 ? 1 : 0;
