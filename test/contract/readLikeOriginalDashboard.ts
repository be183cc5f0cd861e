// Reads /api/benchmarks the way a client written for the original backend does: plain property access
// on the original field names, no checks. A renamed or retyped field surfaces as the TypeError such a
// client would hit; a trend chart keyed by (date, task) throws on a repeated key, as a React list or
// a keyed chart series would misdraw it.

const SIZE_LABELS: Record<string, string> = { tiny: 'Tiny', small: 'Small', base: 'Base', large: 'Large', xl: 'XL', xxl: 'XXL' };

/**
 * Metric-name substrings a dashboard filters trend rows by: each matches the names of one metric type
 * (trend_data promises one row per date, task and metric type; "error rate" alone would match both
 * word and character error rate).
 */
export const TREND_FILTERS = ['accuracy', 'exact match', 'F1', 'word error rate', 'mean average precision', 'BLEU', 'ROUGE', 'perplexity'];

export interface DashboardView {
  families: string[];
  taskRows: string[];
  datasetRows: string[];
  /** substring → (date|task) → avg_value */
  trendCharts: Map<string, Map<string, number>>;
  sizeBadges: string[];
  correlationCells: number;
}

function sizeBadge(size: unknown): string {
  if (size === undefined || size === null) return '–';
  const label = SIZE_LABELS[size as string];
  if (label === undefined) throw new TypeError(`unknown model_size ${JSON.stringify(size)}`);
  return label;
}

/** `body` is untyped JSON, read as a JavaScript client of the original reads it. */
export function readLikeOriginalDashboard(body: any): DashboardView {
  const { summary } = body;
  const families: string[] = summary.model_family_stats.map(
    (f: any) =>
      `${f.family.toUpperCase()} · ${f.model_count.toFixed(0)} models · ${f.avg_parameter_count === undefined || f.avg_parameter_count === null ? '?' : (f.avg_parameter_count / 1e6).toFixed(0)} M avg · ` +
      Object.entries(f.task_distribution).map(([task, n]) => `${task}: ${(n as number).toFixed(0)}`).join(', ') +
      ' · ' +
      Object.entries(f.avg_performance).map(([metric, v]) => `${metric} ${(v as number).toFixed(3)}`).join(', '),
  );
  const taskRows: string[] = summary.task_stats.map(
    (t: any) =>
      `${t.task_type}: ${t.model_count.toFixed(0)} models, ${t.dataset_count.toFixed(0)} datasets; top ${t.top_models.join(', ')} (${t.top_models.map((id: string) => id.split('/').pop()!.slice(0, 12)).join(' ')}); ` +
      Object.entries(t.avg_metrics).map(([metric, v]) => `${metric} ${(v as number).toFixed(3)}`).join(', '),
  );
  const datasetRows: string[] = summary.dataset_stats.map(
    (d: any) =>
      `${d.dataset_name} (${d.task_type}): overall ${d.avg_performance.overall.toFixed(3)}, best ${d.best_performance.overall.toFixed(3)}; ` +
      Object.entries(d.avg_performance).map(([metric, v]) => `${metric} ${(v as number).toFixed(3)}`).join(', '),
  );

  const trendCharts = new Map<string, Map<string, number>>();
  for (const filter of TREND_FILTERS) {
    const byKey = new Map<string, number>();
    for (const row of summary.trend_data.filter((r: any) => r.metric_name.toLowerCase().includes(filter.toLowerCase()))) {
      const key = `${new Date(row.date).toISOString().slice(0, 10)}|${row.task_type}`;
      if (byKey.has(key)) throw new Error(`trend chart "${filter}": two rows for ${key} (${row.metric_name} on ${row.dataset_name ?? '?'})`);
      row.avg_value.toFixed(4);
      row.best_value.toFixed(4);
      byKey.set(key, row.avg_value);
      row.model_count.toFixed(0);
    }
    trendCharts.set(filter, byKey);
  }

  const sizeBadges: string[] = [
    ...body.data.map((r: any) => sizeBadge(r.model_info.model_size)),
    ...body.leaderboards.flatMap((lb: any) => lb.entries.map((e: any) => `${e.rank.toFixed(0)}. ${e.model_info.model_name} ${sizeBadge(e.model_info.model_size)} ${e.primary_metric.value.toFixed(3)}`)),
  ];

  let correlationCells = 0;
  for (const m of body.correlations) {
    m.metrics.forEach((_: string, i: number) =>
      m.metrics.forEach((__: string, j: number) => {
        m.correlation_matrix[i][j].toFixed(2);
        correlationCells++;
      }),
    );
  }
  return { families, taskRows, datasetRows, trendCharts, sizeBadges, correlationCells };
}
