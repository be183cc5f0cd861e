// The current leaderboard table (as filtered and sorted) as CSV or JSON, with the columns the CLI
// writes too (src/export/leaderboardColumns.ts): raw values in their canonical scale, so a
// spreadsheet gets numbers, plus what is needed to judge them.
import { exportRecords as recordsOf, toCsv as csvOf, type ExportContext, type ExportRecord, type ExportRow } from '../../../src/export/leaderboardColumns';
import type { LeaderboardRow } from './buildLeaderboardRows';

export type { ExportContext, ExportRecord };

function exportRow(r: LeaderboardRow): ExportRow {
  return { rank: r.rank, model_info: r.info, score: r.score, results: r.results, efficiency_score: r.efficiency, on_pareto_front: r.pareto };
}

export function exportRecords(rows: readonly LeaderboardRow[], ctx: ExportContext): ExportRecord[] {
  return recordsOf(rows.map(exportRow), ctx);
}

export function toCsv(rows: readonly LeaderboardRow[], ctx: ExportContext): string {
  return csvOf(rows.map(exportRow), ctx);
}

export function toJson(records: ExportRecord[], meta: Record<string, unknown>): string {
  return JSON.stringify({ ...meta, exported_at: new Date().toISOString(), rows: records }, null, 2);
}
