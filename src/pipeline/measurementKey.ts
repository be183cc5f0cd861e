// What one measurement is: (task, benchmark, config, split, metric, setup). One key function, used by
// parsing (duplicates within a card), by the merge of layers (the same measurement from two sources
// is one result) and by every analytic (leaderboards, correlations, summary, trends). Names are for
// display only; they never decide identity.

export interface MeasurementIdentity {
  task_type: string;
  /** Canonical benchmark id (see benchmarkRegistry). */
  benchmark: string;
  dataset_config?: string;
  /** As published; "unspecified" when the card names none. */
  dataset_split: string;
  /** Registry metric id (`acc_norm`, `wer`), or the metric's own id when unknown. */
  metric_id: string;
  /** What changes the number: "5-shot", "leaderboard-normalized", notes; parts joined by ", ". */
  setup?: string;
}

/** The split a result carries when its source names none. */
export const UNSPECIFIED_SPLIT = 'unspecified';

function part(s: string | undefined): string {
  if (!s) return '';
  const t = s.trim().toLowerCase();
  return t.includes('|') ? t.replace(/\|/g, '/') : t;
}

/**
 * The measurement key: one string per measurement, case-insensitive in every part (Hub ids and
 * dataset configs are), `|`-separated. Two results with the same key measure the same thing.
 */
export function measurementKey(m: MeasurementIdentity): string {
  const split = m.dataset_split === UNSPECIFIED_SPLIT ? '' : m.dataset_split;
  return `${part(m.task_type)}|${part(m.benchmark)}|${part(m.dataset_config)}|${part(split)}|${part(m.metric_id)}|${part(m.setup)}`;
}

/** The key without the metric: results sharing it are "on the same dataset" (secondary metrics, summaries). */
export function variantKey(m: Omit<MeasurementIdentity, 'metric_id'>): string {
  const split = m.dataset_split === UNSPECIFIED_SPLIT ? '' : m.dataset_split;
  return `${part(m.task_type)}|${part(m.benchmark)}|${part(m.dataset_config)}|${part(split)}|${part(m.setup)}`;
}

/** Setup parts in a fixed order, so the same setup always reads the same: shots, then normalization, then notes. */
export function formatSetup(parts: { fewShot?: number; normalization?: string; notes?: readonly string[] }): string | undefined {
  const out: string[] = [];
  if (parts.fewShot !== undefined && Number.isInteger(parts.fewShot) && parts.fewShot >= 0) out.push(`${parts.fewShot}-shot`);
  if (parts.normalization) out.push(parts.normalization);
  for (const n of parts.notes ?? []) {
    const t = n.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out.length > 0 ? out.join(', ') : undefined;
}

/**
 * How a variant of a benchmark is shown: its name plus what sets it apart
 * ("GLUE · sst2 · validation", "BBH · 3-shot, leaderboard-normalized").
 */
export function variantLabel(name: string, m: Pick<MeasurementIdentity, 'dataset_config' | 'dataset_split' | 'setup'>): string {
  const parts = [name];
  if (m.dataset_config) parts.push(m.dataset_config);
  if (m.dataset_split && m.dataset_split !== UNSPECIFIED_SPLIT) parts.push(m.dataset_split);
  if (m.setup) parts.push(m.setup);
  return parts.join(' · ');
}
