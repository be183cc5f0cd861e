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
