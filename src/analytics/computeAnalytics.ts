// Everything derived from one dataset version, computed once: summary, correlations, leaderboards.
import type { BenchmarkRecord, CorrelationMatrix, CorrelationPair, Leaderboard, Summary } from '../schemas/benchmarkSchemas.js';
import { computeCorrelations } from './computeCorrelations.js';
import { computeLeaderboards } from './computeLeaderboards.js';
import { computeSummary } from './computeSummary.js';

export interface AnalyticsOptions {
  /** ISO time stamped as last_updated. */
  now: string;
  /** Count results with source "synthetic"; ignored otherwise. */
  includeSynthetic?: boolean;
  /** Fewest paired models for a correlation (default 10). */
  minPairs?: number;
}

export interface Analytics {
  summary: Summary;
  correlations: CorrelationMatrix[];
  correlationPairs: CorrelationPair[];
  leaderboards: Leaderboard[];
}

/** Runs each statistic once over the records; meant to be called once per dataset version, not per request. */
export function computeAnalytics(records: readonly BenchmarkRecord[], options: AnalyticsOptions): Analytics {
  const { now, includeSynthetic, minPairs } = options;
  const summary = computeSummary(records, { now, includeSynthetic });
  const { matrices, pairs } = computeCorrelations(records, { includeSynthetic, minPairs });
  const leaderboards = computeLeaderboards(records, { now, includeSynthetic });
  return { summary, correlations: matrices, correlationPairs: pairs, leaderboards };
}
