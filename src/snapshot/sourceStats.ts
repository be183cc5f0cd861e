// What a source conversion reports (counters of rows, values and fields left out and why). No Node
// types: model-zoo imports carry these statistics into the cache, whose types the typed client sees.

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
