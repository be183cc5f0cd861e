// One wording for refresh progress on a terminal, shared by `npm run serve` and the CLI.
import type { RefreshProgress } from './createBenchmarkCache.js';

/** "3/9 tasks · 14 pages · 280 models · rate limited by the Hub; waiting 42 s" */
export function describeProgress(p: RefreshProgress): string {
  return `${p.tasks_done + p.tasks_failed}/${p.tasks_total} tasks · ${p.pages} pages · ${p.models} models${describeBenchmarkProgress(p)}${p.message ? ` · ${p.message}` : ''}`;
}

/** " · 3/4 benchmarks · 20 models looked up, 180 left" (parts led by `separator`) while a benchmark crawl runs; "" otherwise. */
export function describeBenchmarkProgress(
  p: Pick<RefreshProgress, 'benchmarks_total' | 'benchmarks_done' | 'benchmarks_failed' | 'models_done' | 'models_left'>,
  separator = ' · ',
): string {
  if (p.benchmarks_total === undefined) return '';
  const done = (p.benchmarks_done ?? 0) + (p.benchmarks_failed ?? 0);
  return `${separator}${done}/${p.benchmarks_total} benchmarks${separator}${p.models_done ?? 0} models looked up, ${p.models_left ?? 0} left`;
}

/** A fixed-width bar of the finished share of tasks: "[########----------------]". */
export function progressBar(p: RefreshProgress, width = 24): string {
  const filled = p.tasks_total ? Math.round(((p.tasks_done + p.tasks_failed) / p.tasks_total) * width) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}
