// The columns of an exported leaderboard (CSV and JSON), shared by the CLI and the explorer UI so
// both write the same columns in the same formats. Plain TypeScript with no Node dependencies: the
// renderer bundles it. One column is one line in LEADERBOARD_COLUMNS.
// The browser build: plain ES module with its own Buffer stand-in, the same API in Node and in the UI.
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Direction, EvaluationResult, ModelInfo, Scale } from '../schemas/benchmarkSchemas.js';

/** One ranked model, as the CLI (from a leaderboard entry) and the UI (from a table row) both have it. */
export interface ExportRow {
  rank: number;
  model_info: ModelInfo;
  /** The ranking score: the primary value, or the mean of the chosen benchmarks. */
  score: number | undefined;
  /** One per benchmark in `ExportContext.boards`, the primary first. */
  results: readonly (EvaluationResult | undefined)[];
  efficiency_score: number | undefined;
  on_pareto_front: boolean;
}

export interface ExportContext {
  /** The benchmarks of the table, the primary first; with more than one, each gets a column. */
  boards: readonly { variant: string; metric_name: string }[];
  scoreLabel: string;
  direction: Direction;
  scale: Scale | undefined;
}

export type ExportCell = string | number | boolean | null;
export type ExportRecord = Record<string, ExportCell>;

export interface LeaderboardColumn {
  name: string;
  value: (row: ExportRow, ctx: ExportContext) => ExportCell;
}

const col = (name: string, value: LeaderboardColumn['value']): LeaderboardColumn => ({ name, value });
/** Stands for one column per chosen benchmark (and their count), present only when there are several. */
const BENCHMARK_COLUMNS = 'benchmarks';

/** "ImageNet-1k · top-1 accuracy": the header of a benchmark's own column. */
export const benchmarkColumnName = (b: { variant: string; metric_name: string }) => `${b.variant} · ${b.metric_name}`;

export const LEADERBOARD_COLUMNS: readonly (LeaderboardColumn | typeof BENCHMARK_COLUMNS)[] = [
  col('rank', (r) => r.rank),
  col('model_id', (r) => r.model_info.model_id),
  col('score', (r) => r.score ?? null),
  col('score_label', (_r, c) => c.scoreLabel),
  col('direction', (_r, c) => c.direction),
  col('scale', (_r, c) => c.scale ?? null),
  BENCHMARK_COLUMNS,
  col('parameter_count', (r) => r.model_info.parameter_count ?? null),
  col('parameter_source', (r) => r.model_info.parameter_source),
  col('parameter_suspect', (r) => r.model_info.parameter_suspect ?? null),
  col('model_family', (r) => r.model_info.model_family),
  col('efficiency_score', (r) => r.efficiency_score ?? null),
  col('on_pareto_front', (r) => r.on_pareto_front),
  col('downloads', (r) => r.model_info.downloads ?? null),
  col('likes', (r) => r.model_info.likes ?? null),
  col('created_at', (r) => r.model_info.created_at ?? null),
  col('source', (r) => (r.results.some((x) => x?.source === 'synthetic') ? 'synthetic' : (r.results.find((x) => x)?.source ?? null))),
  col('verified', (r) => r.results.every((x) => !x || x.verified)),
  col('setup', (r) => r.results.find((x) => x)?.setup ?? null),
  col('hub_url', (r) => r.model_info.hub_url ?? null),
];

/** The columns for one table: the fixed ones, plus one per benchmark when several are shown. */
export function leaderboardColumns(ctx: ExportContext): LeaderboardColumn[] {
  return LEADERBOARD_COLUMNS.flatMap((c) =>
    c !== BENCHMARK_COLUMNS
      ? [c]
      : ctx.boards.length > 1
        ? [
            ...ctx.boards.map((b, i) => col(benchmarkColumnName(b), (r) => r.results[i]?.value ?? null)),
            col('benchmarks_present', (r) => r.results.filter((x) => x !== undefined).length),
          ]
        : [],
  );
}

/** Rows as records of typed values (numbers in their canonical scale), for JSON. */
export function exportRecords(rows: readonly ExportRow[], ctx: ExportContext): ExportRecord[] {
  const columns = leaderboardColumns(ctx);
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, c.value(r, ctx)])));
}

/** CSV with a header row: numbers as written by JavaScript, booleans as true/false, unknowns empty. */
export function toCsv(rows: readonly ExportRow[], ctx: ExportContext): string {
  const columns = leaderboardColumns(ctx);
  return stringify(
    rows.map((r) => columns.map((c) => c.value(r, ctx))),
    {
      header: true,
      columns: columns.map((c) => c.name),
      cast: { boolean: (v) => (v ? 'true' : 'false'), number: (v) => String(v) },
      record_delimiter: 'unix',
    },
  );
}
