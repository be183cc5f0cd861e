// Turns one or more fetched leaderboards of a task into table rows: the primary ranking, or a
// ranking by the mean of several benchmarks (direction-aware, ties share a rank), then filters.
import { rankByMean } from '../../../src/analytics/rankByMean';
import { hasProvenanceFilters, resultPasses, type ProvenanceFilters } from '../../../src/api/provenanceFilters';
import type { Direction, EvaluationResult, Leaderboard, ModelInfo, Scale } from '../../../src/schemas/benchmarkSchemas';

export interface BoardKey {
  task_type: string;
  /** The measurement key: what the leaderboard is fetched by. */
  key: string;
  /** The variant label (benchmark · config · split · setup): how the UI names and picks a leaderboard. */
  variant: string;
  metric_name: string;
}

/** How a benchmark is named in the address (`col=IFEval|strict accuracy`). */
export const boardId = (b: Pick<BoardKey, 'variant' | 'metric_name'>) => `${b.variant}|${b.metric_name}`;

export interface LeaderboardRow {
  id: string;
  info: ModelInfo;
  rank: number;
  /** The ranking score: the primary value, or the mean of the chosen benchmarks. */
  score: number | undefined;
  /** One value per chosen benchmark, in the order of `boards`. */
  values: (number | undefined)[];
  /** The results behind `values`, for provenance (source, verified). */
  results: (EvaluationResult | undefined)[];
  coverage: number;
  efficiency: number | undefined;
  pareto: boolean;
  /** True when any value shown in the row was generated rather than measured. */
  synthetic: boolean;
}

export type RankMode = 'primary' | 'mean';

export interface BuiltRows {
  rows: LeaderboardRow[];
  direction: Direction;
  scale: Scale | undefined;
  /** Models dropped because they miss a chosen benchmark ("complete results only"). */
  excludedIncomplete: number;
  /** Why a mean could not be formed (mixed directions or scales); rows then rank by the primary. */
  meanProblem?: string;
}

/** A leaderboard sent as ids and values only (GET /api/leaderboards/values). */
export interface BoardValues {
  key: string;
  direction: Direction;
  scale?: Scale;
  total_entries: number;
  model_ids: string[];
  values: number[];
  sources: string[];
  source_of: number[];
  verified: number[];
}

/**
 * An extra benchmark column as a leaderboard over the primary board's models: each entry carries its
 * value, scale, provenance kind and verified flag; models not on the primary board are named by id
 * only (they can never be ranked beside it, only counted as left out).
 */
export function boardFromValues(v: BoardValues, primary: Leaderboard): Leaderboard {
  const infoById = new Map(primary.entries.map((e) => [e.model_info.model_id, e.model_info]));
  const verified = new Set(v.verified);
  const entries = v.model_ids.map((id, i) => ({
    rank: i + 1,
    model_info: infoById.get(id) ?? ({ model_id: id } as ModelInfo),
    primary_metric: { value: v.values[i], scale: v.scale, source: v.sources[v.source_of[i]], verified: verified.has(i) } as EvaluationResult,
    secondary_metrics: [],
    on_pareto_front: false,
  }));
  return { ...primary, key: v.key, direction: v.direction, total_entries: v.total_entries, entries };
}

function scaleOf(lb: Leaderboard): Scale | undefined {
  return lb.entries[0]?.primary_metric.scale;
}

/**
 * `boards[0]` is the primary leaderboard; the others are extra benchmark columns of the same task.
 * In "mean" mode the rows are the models found on every board, ranked by `rankByMean` (the API's own
 * ranking: mean, ranks, efficiency and Pareto flags), and the others are counted in
 * `excludedIncomplete`; in "primary" mode the rows are the primary board's entries with its own ranks,
 * efficiency and Pareto flags.
 */
export function buildLeaderboardRows(boards: readonly Leaderboard[], options: { mode: RankMode; complete: boolean }): BuiltRows {
  if (boards.length === 0) return { rows: [], direction: 'higher', scale: undefined, excludedIncomplete: 0 };
  const primary = boards[0];
  const direction = primary.direction;
  const scale = scaleOf(primary);
  const n = boards.length;

  let meanProblem: string | undefined;
  if (options.mode === 'mean' && n > 1) {
    if (boards.some((b) => b.direction !== direction)) meanProblem = 'the chosen benchmarks do not share one direction (higher vs lower is better), so they cannot be averaged';
    else if (boards.some((b) => b.entries.length > 0 && scaleOf(b) !== scale)) meanProblem = 'the chosen benchmarks use different scales, so they cannot be averaged';
  }
  const mean = options.mode === 'mean' && n > 1 && !meanProblem;

  // model_id → row under construction.
  const byId = new Map<string, LeaderboardRow>();
  const order: LeaderboardRow[] = [];
  boards.forEach((board, b) => {
    for (const e of board.entries) {
      const id = e.model_info.model_id;
      let row = byId.get(id);
      if (!row) {
        if (b > 0 && !mean) continue; // primary mode: only the primary board's models
        row = {
          id,
          info: e.model_info,
          rank: b === 0 ? e.rank : 0,
          score: undefined,
          values: new Array(n).fill(undefined),
          results: new Array(n).fill(undefined),
          coverage: 0,
          efficiency: b === 0 ? e.efficiency_score : undefined,
          pareto: b === 0 ? e.on_pareto_front : false,
          synthetic: false,
        };
        byId.set(id, row);
        order.push(row);
      }
      if (row.values[b] === undefined) {
        row.values[b] = e.primary_metric.value;
        row.results[b] = e.primary_metric;
        row.coverage++;
        if (e.primary_metric.source === 'synthetic') row.synthetic = true;
      }
    }
  });

  let excludedIncomplete = 0;
  let rows = order;
  if (options.complete && n > 1) {
    rows = order.filter((r) => r.coverage === n);
    excludedIncomplete = order.length - rows.length;
  }

  if (!mean) {
    for (const r of rows) r.score = r.values[0];
    return { rows, direction, scale, excludedIncomplete, meanProblem };
  }

  // The same ranking the API serves (/api/leaderboards/mean): only models with every chosen benchmark.
  const ranking = rankByMean(boards);
  const byModel = new Map(order.map((r) => [r.id.toLowerCase(), r]));
  rows = ranking.entries.map((e) => {
    const row = byModel.get(e.model_info.model_id.toLowerCase())!;
    return { ...row, rank: e.rank, score: e.mean, efficiency: e.efficiency_score, pareto: e.on_pareto_front };
  });
  excludedIncomplete = ranking.left_out;
  return { rows, direction, scale, excludedIncomplete };
}

/** The provenance filters apply to the ranking result (the primary board's), as in the API. */
export interface RowFilters extends ProvenanceFilters {
  search?: string;
  family?: string;
  minParams?: number;
  maxParams?: number;
}

/** Search (in the model id), family, size range and provenance; unknown sizes drop out once a range is set. */
export function filterRows(rows: readonly LeaderboardRow[], f: RowFilters): LeaderboardRow[] {
  const search = f.search?.trim().toLowerCase();
  const ranged = f.minParams !== undefined || f.maxParams !== undefined;
  const provenance = hasProvenanceFilters(f);
  if (!search && !f.family && !ranged && !provenance) return rows as LeaderboardRow[];
  return rows.filter((r) => {
    if (provenance && !resultPasses(r.results[0], r.info, f)) return false;
    if (search && !r.id.toLowerCase().includes(search)) return false;
    if (f.family && r.info.model_family !== f.family) return false;
    if (ranged) {
      const p = r.info.parameter_count;
      if (p === undefined) return false;
      if (f.minParams !== undefined && p < f.minParams) return false;
      if (f.maxParams !== undefined && p > f.maxParams) return false;
    }
    return true;
  });
}
