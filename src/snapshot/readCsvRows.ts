// Parses a source CSV into rows keyed by header (csv-parse; quoted fields such as "1,014.45" are
// handled there) and fails loudly when a column the build relies on is missing.
import { parse } from 'csv-parse/sync';

export type CsvRow = Record<string, string>;

export function readCsvRows(input: string | Buffer, file: string, requiredColumns: readonly string[]): CsvRow[] {
  let rows: CsvRow[];
  try {
    rows = parse(input, { columns: true, bom: true, skip_empty_lines: true }) as CsvRow[];
  } catch (err) {
    throw new Error(`${file}: cannot parse CSV (${(err as Error).message})`, { cause: err });
  }
  const header = new Set(rows.length > 0 ? Object.keys(rows[0]) : []);
  const missing = requiredColumns.filter((c) => !header.has(c));
  if (rows.length === 0) throw new Error(`${file}: no data rows`);
  if (missing.length > 0) throw new Error(`${file}: missing column(s) ${missing.join(', ')}`);
  return rows;
}

/** Adds one to a named counter; counters are plain records so they print and serialize as is. */
export function bump(counter: Record<string, number>, key: string, n = 1): void {
  counter[key] = (counter[key] ?? 0) + n;
}

/** Statistics one source conversion reports: what went in, what came out, what was left out and why. */
export interface SourceStats {
  source: string;
  rows: number;
  models: number;
  results: number;
  /** Rows that did not become (part of) a record, by reason. */
  dropped_rows: Record<string, number>;
  /** Benchmark values not written, by reason. */
  skipped_values: Record<string, number>;
  /** Record fields left out because the source has no usable value, by field and reason. */
  omitted_fields: Record<string, number>;
  /** Other things worth knowing about the data, by description. */
  notes: Record<string, number>;
}

export function emptyStats(source: string): SourceStats {
  return { source, rows: 0, models: 0, results: 0, dropped_rows: {}, skipped_values: {}, omitted_fields: {}, notes: {} };
}
