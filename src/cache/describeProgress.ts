// One wording for refresh progress on a terminal, shared by `npm run serve` and the CLI.
import type { RefreshProgress } from './createBenchmarkCache.js';

/** "3/9 tasks · 14 pages · 280 models · rate limited by the Hub; waiting 42 s" */
export function describeProgress(p: RefreshProgress): string {
  return `${p.tasks_done + p.tasks_failed}/${p.tasks_total} tasks · ${p.pages} pages · ${p.models} models${p.message ? ` · ${p.message}` : ''}`;
}

/** A fixed-width bar of the finished share of tasks: "[########----------------]". */
export function progressBar(p: RefreshProgress, width = 24): string {
  const filled = p.tasks_total ? Math.round(((p.tasks_done + p.tasks_failed) / p.tasks_total) * width) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}
