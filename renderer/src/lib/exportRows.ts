// The current leaderboard table (as filtered and sorted) as CSV or JSON, with the columns the CLI
// writes too (src/export/leaderboardColumns.ts): raw values in their canonical scale, so a
// spreadsheet gets numbers, plus what is needed to judge them.
import type { ExportContext, ExportRecord, ExportRow } from '../../../src/export/leaderboardColumns';
import type { LeaderboardRow } from './buildLeaderboardRows';

export type { ExportContext, ExportRecord };

function exportRow(r: LeaderboardRow): ExportRow {
  return { rank: r.rank, model_info: r.info, score: r.score, results: r.results, efficiency_score: r.efficiency, on_pareto_front: r.pareto };
}

// Loaded on first export only (with its CSV writer), to keep it out of the start-up bundle.
const columns = () => import('../../../src/export/leaderboardColumns');

export async function exportRecords(rows: readonly LeaderboardRow[], ctx: ExportContext): Promise<ExportRecord[]> {
  return (await columns()).exportRecords(rows.map(exportRow), ctx);
}

export async function toCsv(rows: readonly LeaderboardRow[], ctx: ExportContext): Promise<string> {
  return (await columns()).toCsv(rows.map(exportRow), ctx);
}

export function toJson(records: ExportRecord[], meta: Record<string, unknown>): string {
  return JSON.stringify({ ...meta, exported_at: new Date().toISOString(), rows: records }, null, 2);
}
