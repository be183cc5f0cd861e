// The current leaderboard table (as filtered and sorted) as CSV or JSON: raw values in their
// canonical scale, so a spreadsheet gets numbers, plus what is needed to judge them.
import type { Direction, Scale } from '../../../src/schemas/benchmarkSchemas';
import type { BoardKey, LeaderboardRow } from './buildLeaderboardRows';
import { benchmarkLabel } from './format';

export interface ExportContext {
  boards: readonly BoardKey[];
  scoreLabel: string;
  direction: Direction;
  scale: Scale | undefined;
}

export type ExportRecord = Record<string, string | number | boolean | null>;

export function exportRecords(rows: readonly LeaderboardRow[], ctx: ExportContext): ExportRecord[] {
  const multi = ctx.boards.length > 1;
  return rows.map((r) => {
    const rec: ExportRecord = {
      rank: r.rank,
      model_id: r.id,
      score: r.score ?? null,
      score_label: ctx.scoreLabel,
      direction: ctx.direction,
      scale: ctx.scale ?? null,
    };
    if (multi) {
      ctx.boards.forEach((b, i) => {
        rec[benchmarkLabel(b)] = r.values[i] ?? null;
      });
      rec.benchmarks_present = r.coverage;
    }
    rec.parameter_count = r.info.parameter_count ?? null;
    rec.model_family = r.info.model_family;
    rec.efficiency_score = r.efficiency ?? null;
    rec.on_pareto_front = r.pareto;
    rec.downloads = r.info.downloads ?? null;
    rec.likes = r.info.likes ?? null;
    rec.created_at = r.info.created_at ?? null;
    rec.source = r.results.some((x) => x?.source === 'synthetic') ? 'synthetic' : (r.results.find((x) => x)?.source ?? null);
    rec.verified = r.results.every((x) => !x || x.verified);
    rec.hub_url = r.info.hub_url ?? null;
    return rec;
  });
}

export async function toCsv(records: ExportRecord[]): Promise<string> {
  // Loaded on first export only, to keep it out of the start-up bundle.
  const { default: Papa } = await import('papaparse');
  return Papa.unparse(records, { newline: '\n' });
}

export function toJson(records: ExportRecord[], meta: Record<string, unknown>): string {
  return JSON.stringify({ ...meta, exported_at: new Date().toISOString(), rows: records }, null, 2);
}
