// The command line for the jobs people script: serve, refresh, leaderboard, export, import,
// import-metafiles, status.
// Works on DATA_DIR directly (no server needed); bad usage goes to stderr with exit code 2.
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import path from 'node:path';
import { benchmarkColumnName, toCsv, type ExportRow } from '../export/leaderboardColumns.js';
import { parseArgs } from 'node:util';
import { SEED_LEADERBOARD_ENTRIES, listLeaderboards, leaderboardCatalog } from '../api/datasetQueries.js';
import { LeaderboardsInputSchema } from '../api/apiSchemas.js';
import { describeIssues } from '../api/trpc.js';
import { appInfo } from '../appInfo.js';
import type { BenchmarkCache, RefreshProgress } from '../cache/createBenchmarkCache.js';
import { describeProgress, progressBar } from '../cache/describeProgress.js';
import { openBenchmarkCache } from '../cache/openBenchmarkCache.js';
import { formatParameterCount } from '../pipeline/parseParameterCount.js';
import { ConfigError, loadConfig } from '../config.js';
import type { Leaderboard } from '../schemas/benchmarkSchemas.js';
import { readSnapshotFile } from '../snapshot/readSnapshotFile.js';
import { SnapshotFileError } from '../snapshot/snapshotErrors.js';
import { writeSnapshotFile } from '../snapshot/writeSnapshotFile.js';
import { combineLayersForExport } from '../snapshot/combineLayersForExport.js';
import { MetafileImportError, prepareMetafileImport, type MetafileImportReport } from '../snapshot/prepareMetafileImport.js';
import { MetafileReadError, readMetafileTree } from '../snapshot/readMetafileTree.js';

export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  env: Record<string, string | undefined>;
}

/** Rows a leaderboard prints unless --limit says otherwise. */
export const DEFAULT_LIMIT = SEED_LEADERBOARD_ENTRIES * 2;
/** `--limit all` asks for every row, up to what the API allows in one page. */
const ALL_ROWS = 100_000;

export const USAGE = `Usage: ml-benchmark-explorer <command> [options]

Commands:
  serve                         start the local server (REST, tRPC, docs, UI)
  refresh                       fetch from the Hub now and save the result
  leaderboard --task T --dataset D --metric M [--limit N|all] [--offset N]
              [--search S] [--family F] [--format table|csv|json]
                                print a leaderboard (without --dataset/--metric: list them)
  export [--out FILE]           write the current dataset as a snapshot file (.json or .json.gz)
  import FILE                   validate a snapshot file and make it the current data
  import-metafiles PATH [--zoo ID] [--strict]
                                import a model zoo's metafiles (a folder with model-index.yml, or files)
  status [--json]               where the data comes from, its age, the last refresh

Run \`ml-benchmark-explorer <command> --help\` for a command's options.
Configuration comes from the environment (DATA_DIR, OFFLINE, HF_ENDPOINT, TASKS, ...; see README).
Options: -h, --help   -v, --version
`;

/** What `<command> --help` prints. */
export const COMMAND_HELP: Record<string, string> = {
  serve: `Usage: ml-benchmark-explorer serve

Starts the local server (REST, tRPC, docs and the UI) on http://HOST:PORT (default 127.0.0.1:8000),
serving the bundled snapshot or the last fetched data at once and refreshing from the Hub in the
background unless OFFLINE=1. PORT=8080 picks another port. Stops on Ctrl-C.
`,
  refresh: `Usage: ml-benchmark-explorer refresh

Fetches the configured tasks from the Hub (HF_ENDPOINT, TASKS, MAX_MODELS_PER_TASK) and saves the
result in DATA_DIR. A progress bar on a terminal, plain lines otherwise. Exit code 1 when it failed
(the current data is kept), 0 when it succeeded or partly succeeded.
`,
  leaderboard: `Usage: ml-benchmark-explorer leaderboard --task T --dataset D --metric M [options]

Prints one leaderboard. Without --dataset and --metric it lists the leaderboards (of --task, if given).

Options:
  --task T          pipeline tag, e.g. text-generation, image-classification
  --dataset D       e.g. GPQA, ImageNet-1k
  --metric M        e.g. "normalized accuracy", "top-1 accuracy"
  --limit N|all     rows to print (default ${DEFAULT_LIMIT}); "all" prints every row
  --offset N        rows to skip (default 0)
  --search S        only model ids containing S
  --family F        only this model family
  --format F        table (default), csv or json

CSV has the same columns as the explorer's "Export CSV". For a file, keep npm's banner out of it:
  npm run -s cli -- leaderboard --task text-generation --dataset GPQA \\
    --metric "normalized accuracy" --limit all --format csv > gpqa.csv
`,
  export: `Usage: ml-benchmark-explorer export [--out FILE]

Writes the current dataset (raw records, sources, fetch date) to one snapshot file, gzip-compressed
when FILE ends in .gz. Default FILE: ml-benchmarks-<date>.json.gz in the current folder.
`,
  import: `Usage: ml-benchmark-explorer import FILE

Validates a snapshot file (.json or .json.gz, as written by export) and makes it the current data in
DATA_DIR. A bad file is refused with a message naming the problem; the current data stays.
`,
  status: `Usage: ml-benchmark-explorer status [--json]

Where the data comes from, its date, the last refresh and its outcome, and the sources with their
licenses. --json prints the same as GET /api/cache-status.
`,
};

class UsageError extends Error {}

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

function fail(io: CliIo, message: string, code: number = EXIT.usage): number {
  io.stderr.write(`${message}\n`);
  if (code === EXIT.usage) io.stderr.write(`\n${USAGE}`);
  return code;
}

function pct(v: number, scale: string) {
  return scale === 'fraction' ? `${(v * 100).toFixed(2)}%` : String(Number(v.toPrecision(6)));
}

function exportRows(lb: Leaderboard): ExportRow[] {
  return lb.entries.map((e) => ({
    rank: e.rank,
    model_info: e.model_info,
    score: e.primary_metric.value,
    results: [e.primary_metric],
    efficiency_score: e.efficiency_score,
    on_pareto_front: e.on_pareto_front,
  }));
}

type CliLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

async function withCache<T>(io: CliIo, fn: (cache: BenchmarkCache) => Promise<T>, log?: CliLog): Promise<T> {
  const config = loadConfig(io.env);
  const cache = await openBenchmarkCache({ config, log: log ?? ((level, m) => (level === 'warn' || level === 'error') && io.stderr.write(`${level}: ${m}\n`)) });
  try {
    return await fn(cache);
  } finally {
    await cache.close();
  }
}

function progressLine(p: RefreshProgress): string {
  return `${progressBar(p)} ${describeProgress(p)}`;
}

async function refresh(io: CliIo): Promise<number> {
  // Warnings wait for the outcome: a failed refresh is reported once, by the line below, not also as a warning.
  const warnings: string[] = [];
  const flush = (except?: string) => {
    for (const w of warnings) if (!except || !w.endsWith(`: ${except}`)) io.stderr.write(`${w}\n`);
  };
  return withCache(io, async (cache) => {
    const tty = io.stdout.isTTY === true;
    let lastPlain = '';
    const unsubscribe = cache.subscribe((e) => {
      if (e.type !== 'progress' || e.progress.tasks_total === 0) return; // nothing to show before the task count is known
      const line = progressLine(e.progress);
      if (tty) io.stdout.write(`\r\x1b[K${line}`);
      else {
        // Plain output: one line per task finished, phase change or message, not per page.
        const key = `${e.progress.phase} ${e.progress.tasks_done + e.progress.tasks_failed} ${e.progress.message ?? ''}`;
        if (key !== lastPlain) io.stdout.write(`${e.progress.phase}: ${line}\n`);
        lastPlain = key;
      }
    });
    try {
      const outcome = await cache.refresh().promise;
      if (tty) io.stdout.write('\r\x1b[K');
      const s = cache.status();
      flush(outcome.reason);
      if (outcome.status === 'failed') {
        io.stderr.write(`refresh failed: ${outcome.reason}\n`);
        if (outcome.failed_tasks.length > 0) io.stderr.write(`(details per task: ml-benchmark-explorer status --json, last_outcome.failed_tasks)\n`);
        else io.stderr.write(`kept the current data: ${s.data_count} models (${s.source})\n`);
        return EXIT.failed;
      }
      io.stdout.write(`refresh ${outcome.status}: ${s.data_count} models, ${s.result_count} results${outcome.reason ? ` (${outcome.reason})` : ''}\n`);
      return EXIT.ok;
    } finally {
      unsubscribe();
    }
  }, (level, m) => (level === 'warn' || level === 'error') && warnings.push(`${level}: ${m}`));
}

async function leaderboard(io: CliIo, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      task: { type: 'string' }, dataset: { type: 'string' }, metric: { type: 'string' },
      limit: { type: 'string' }, offset: { type: 'string' }, search: { type: 'string' }, family: { type: 'string' },
      format: { type: 'string', default: 'table' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!['table', 'csv', 'json'].includes(values.format!)) throw new UsageError(`--format must be table, csv or json (got "${values.format}")`);
  const limit = values.limit === undefined ? DEFAULT_LIMIT : values.limit.trim().toLowerCase() === 'all' ? ALL_ROWS : values.limit;
  const parsed = LeaderboardsInputSchema.safeParse({
    task_type: values.task, dataset_name: values.dataset, metric_name: values.metric,
    limit, offset: values.offset, search: values.search, family: values.family,
  });
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error.issues).replace(/task_type|dataset_name|metric_name/g, (m) => `--${{ task_type: 'task', dataset_name: 'dataset', metric_name: 'metric' }[m]}`));
  return withCache(io, async (cache) => {
    const version = cache.current();
    if (!values.dataset || !values.metric) {
      const catalog = leaderboardCatalog(version, 100).leaderboards.filter((l) => !values.task || l.task_type === values.task);
      if (values.format === 'json') io.stdout.write(`${JSON.stringify(catalog, null, 2)}\n`);
      else if (values.format === 'csv') io.stdout.write(stringify(catalog, { header: true }));
      else {
        const t = table(io, ['task', 'dataset', 'metric', 'better', 'models']);
        for (const l of catalog) t.push([l.task_type, l.variant, l.metric_name, l.direction, l.total_entries]);
        io.stdout.write(`${t.toString()}\nPick one with --task, --dataset and --metric.\n`);
      }
      return EXIT.ok;
    }
    const { leaderboards } = listLeaderboards(version, parsed.data, 100);
    const lb = leaderboards[0];
    if (leaderboards.length > 1) {
      // One benchmark can have several leaderboards (configs, splits, setups): say which one this is.
      io.stderr.write(`${leaderboards.length} leaderboards match; showing "${lb.variant}". Name one with --dataset: ${leaderboards.map((l) => `"${l.variant}"`).join(', ')}\n`);
    }
    const ctx = { boards: [lb], scoreLabel: benchmarkColumnName(lb), direction: lb.direction, scale: lb.entries[0]?.primary_metric.scale };
    if (values.format === 'json') io.stdout.write(`${JSON.stringify(lb, null, 2)}\n`);
    else if (values.format === 'csv') io.stdout.write(toCsv(exportRows(lb), ctx));
    else {
      const t = table(io, ['#', 'model', `${lb.metric_name} (${lb.direction === 'higher' ? '↑' : '↓'})`, 'params', 'family', 'efficiency', 'pareto']);
      for (const e of lb.entries) {
        const info = e.model_info;
        const efficiency = e.efficiency_score === undefined ? '' : Number(e.efficiency_score.toPrecision(4));
        t.push([e.rank, info.model_id, pct(e.primary_metric.value, e.primary_metric.scale), info.parameter_count === undefined ? '?' : formatParameterCount(info.parameter_count), info.model_family, efficiency, e.on_pareto_front ? '◆' : '']);
      }
      const shown = lb.entries.length;
      const more = shown < lb.total_entries ? ` (rows ${parsed.data.offset + 1}–${parsed.data.offset + shown}; --limit all for every row)` : '';
      io.stdout.write(`${lb.task_type} · ${lb.variant} · ${lb.metric_name} — ${lb.total_entries} models${more}\n${t.toString()}\n`);
    }
    return EXIT.ok;
  });
}

/** Colours only on a terminal; piped output stays plain text. */
function table(io: CliIo, head: string[]) {
  return new Table({ head, style: io.stdout.isTTY ? undefined : { head: [], border: [] } });
}

async function exportSnapshot(io: CliIo, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true, allowPositionals: false });
  const out = values.out ?? `ml-benchmarks-${new Date().toISOString().slice(0, 10)}.json.gz`;
  return withCache(io, async (cache) => {
    const snapshot = combineLayersForExport(await cache.exportLayers());
    await writeSnapshotFile(out, snapshot);
    io.stdout.write(`exported ${snapshot.models.length} models (${snapshot.origin}, fetched ${snapshot.fetched_at}) to ${out}\n`);
    return EXIT.ok;
  });
}

async function importSnapshot(io: CliIo, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('import takes exactly one FILE');
  let snapshot;
  try {
    snapshot = await readSnapshotFile(positionals[0]);
  } catch (error) {
    if (error instanceof SnapshotFileError) return fail(io, `import refused, current data unchanged: ${error.message}`, EXIT.failed);
    throw error;
  }
  return withCache(io, async (cache) => {
    const s = await cache.importSnapshot(snapshot);
    io.stdout.write(`imported ${snapshot.models.length} models from ${positionals[0]}; now serving ${s.data_count} models (${s.result_count} results)\n`);
    io.stdout.write('A server already running on this DATA_DIR picks it up after a restart (or import through POST /api/snapshot/import).\n');
    return EXIT.ok;
  });
}

function reportLines(r: MetafileImportReport): string[] {
  const lines = [`zoo: ${r.zoo.id} (${r.zoo.name}); ${r.files_read} files read`];
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  for (const [task, c] of Object.entries(r.by_task)) lines.push(`  ${task}: ${n(c.models, 'model')}, ${n(c.results, 'result')}`);
  for (const e of r.file_errors) lines.push(`  not used: ${e.file}: ${e.reason}`);
  for (const [why, n] of Object.entries(r.models_left_out)) lines.push(`  models left out: ${n} × ${why}`);
  for (const [why, n] of Object.entries(r.values_left_out)) lines.push(`  values left out: ${n} × ${why}`);
  return lines;
}

async function importMetafiles(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { zoo: { type: 'string' }, strict: { type: 'boolean' } }, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('import-metafiles takes exactly one PATH (a metafile, or a folder of them)');
  const target = path.resolve(positionals[0]);
  let prepared;
  try {
    const { root, files } = await readMetafileTree(target);
    // Files are named with their folder in front, so each result says where it came from.
    const folder = path.basename(root);
    const label = root === target ? folder : `${folder}/${path.basename(target)}`;
    const filePrefix = `${folder}/`;
    prepared = prepareMetafileImport(files, { zoo: values.zoo, strict: values.strict, label, filePrefix });
  } catch (error) {
    if (error instanceof MetafileImportError) {
      if (error.report) io.stderr.write(`${reportLines(error.report).join('\n')}\n`);
      return fail(io, `import refused: ${error.message}`, EXIT.failed);
    }
    if (error instanceof MetafileReadError) return fail(io, `import refused, nothing changed: ${error.message}`, EXIT.failed);
    throw error;
  }
  const { input, report } = prepared;
  return withCache(io, async (cache) => {
    const s = await cache.importMetafiles(input);
    io.stdout.write(`${reportLines(report).join('\n')}\n`);
    io.stdout.write(`imported ${report.models} models (${report.results} results) from ${positionals[0]}; now serving ${s.data_count} models (${s.result_count} results)\n`);
    if (s.last_error) io.stderr.write(`warning: ${s.last_error}\n`);
    io.stdout.write('A server already running on this DATA_DIR picks it up after a restart (or import through POST /api/metafiles/import).\n');
    return EXIT.ok;
  });
}

async function status(io: CliIo, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true, allowPositionals: false });
  return withCache(io, async (cache) => {
    const s = cache.status();
    if (values.json) {
      io.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      return EXIT.ok;
    }
    const lines = [
      `data:         ${s.data_count} models, ${s.result_count} results (source: ${s.source})`,
      `data date:    ${s.last_updated}`,
      `last refresh: ${s.last_refresh_at ?? 'never'}${s.stale ? ' (stale)' : ''}`,
      `last outcome: ${s.last_outcome ? `${s.last_outcome.status} at ${s.last_outcome.at}` : 'none'}`,
      ...(s.last_error ? [`last error:   ${s.last_error}`] : []),
      ...s.recovered.map((r) => `recovered:    ${r.file} → ${r.movedTo ?? '(not moved)'}: ${r.reason}`),
      `sources:      ${s.sources.map((x) => `${x.name}${x.license ? ` (${x.license})` : ''}`).join('; ')}`,
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  });
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== undefined && Object.hasOwn(COMMAND_HELP, command) && rest.some((a) => a === '-h' || a === '--help')) {
    io.stdout.write(COMMAND_HELP[command]);
    return EXIT.ok;
  }
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        if (command === 'help' && rest[0] !== undefined && Object.hasOwn(COMMAND_HELP, rest[0])) {
          io.stdout.write(COMMAND_HELP[rest[0]]);
          return EXIT.ok;
        }
        io.stdout.write(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      case '-v':
      case '--version':
        io.stdout.write(`${appInfo().version}\n`);
        return EXIT.ok;
      case 'serve': {
        parseArgs({ args: rest, options: {}, strict: true, allowPositionals: false });
        const { serve } = await import('../server/serve.js');
        await serve(io.env);
        return -1; // keeps running until a signal
      }
      case 'refresh':
        parseArgs({ args: rest, options: {}, strict: true, allowPositionals: false });
        return await refresh(io);
      case 'leaderboard':
        return await leaderboard(io, rest);
      case 'export':
        return await exportSnapshot(io, rest);
      case 'import':
        return await importSnapshot(io, rest);
      case 'import-metafiles':
        return await importMetafiles(io, rest);
      case 'status':
        return await status(io, rest);
      default:
        return fail(io, `unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) return fail(io, `error: ${error.message}`);
    if (error instanceof ConfigError) {
      // The command was right; the environment was not: the message names the variable, usage would not help.
      io.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return fail(io, `error: ${(error as Error).message}`);
    const e = error as Error;
    return fail(io, `error: ${e.message}`, EXIT.failed);
  }
}
