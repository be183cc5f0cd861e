// Everything derived from one dataset version, computed once: summary, correlations, leaderboards.
import type { BenchmarkRecord, CorrelationMatrix, CorrelationPair, Leaderboard, Summary, TrendPoint } from '../schemas/benchmarkSchemas.js';
import { correlationsFromIndex } from './computeCorrelations.js';
import { leaderboardsFromIndex } from './computeLeaderboards.js';
import { summaryFromIndex } from './computeSummary.js';
import { keyedTrends, seedTrendsFromIndex } from './computeTrends.js';
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
  /** Every trend series (per task, dataset and metric); summary.trend_data holds one per task and metric type. */
  trends: TrendPoint[];
}

/**
 * Runs each statistic once over the records, sharing one selection pass; meant to be called once per
 * dataset version, not per request. Same results as calling computeSummary, computeCorrelations,
 * computeLeaderboards and computeTrends one by one with the same options.
 */
export function computeAnalytics(records: readonly BenchmarkRecord[], options: AnalyticsOptions): Analytics {
  const { now, includeSynthetic, minPairs } = options;
  const index = indexResults(records, { includeSynthetic });
  const keyed = keyedTrends(records, index);
  const summary = summaryFromIndex(records, index, { now, includeSynthetic }, seedTrendsFromIndex(records, index, keyed));
  const { matrices, pairs } = correlationsFromIndex(records, index, { minPairs });
  const leaderboards = leaderboardsFromIndex(records, index, { now });
  return { summary, correlations: matrices, correlationPairs: pairs, leaderboards, trends: keyed.points };
}
