// Everything derived from one dataset version, computed once: summary, correlations, leaderboards.
import type { BenchmarkRecord, CorrelationMatrix, CorrelationPair, Leaderboard, Summary } from '../schemas/benchmarkSchemas.js';
import { correlationsFromIndex } from './computeCorrelations.js';
import { leaderboardsFromIndex } from './computeLeaderboards.js';
import { summaryFromIndex } from './computeSummary.js';
import { indexResults } from './indexResults.js';

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

/**
 * Runs each statistic once over the records, sharing one selection pass; meant to be called once per
 * dataset version, not per request. Same results as calling computeSummary, computeCorrelations and
 * computeLeaderboards one by one with the same options.
 */
export function computeAnalytics(records: readonly BenchmarkRecord[], options: AnalyticsOptions): Analytics {
  const { now, includeSynthetic, minPairs } = options;
  const index = indexResults(records, { includeSynthetic });
  const summary = summaryFromIndex(records, index, { now });
  const { matrices, pairs } = correlationsFromIndex(records, index, { minPairs });
  const leaderboards = leaderboardsFromIndex(records, index, { now });
  return { summary, correlations: matrices, correlationPairs: pairs, leaderboards };
}
