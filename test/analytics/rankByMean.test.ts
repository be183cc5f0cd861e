import { describe, expect, it } from 'vitest';
import { computeLeaderboards } from '../../src/analytics/computeLeaderboards.js';
import { MeanRankingError, rankByMean } from '../../src/analytics/rankByMean.js';
import { deepFreeze, makeRecord, result } from './makeRecord.js';

const NOW = '2025-06-01T00:00:00.000Z';
const boardsOf = (records: Parameters<typeof computeLeaderboards>[0]) => computeLeaderboards(records, { now: NOW });

describe('rankByMean', () => {
  const records = deepFreeze([
    makeRecord('org/a', [result('x', 'accuracy', 0.9), result('y', 'accuracy', 0.5)], { parameter_count: 2e9 }),
    makeRecord('org/b', [result('x', 'accuracy', 0.6), result('y', 'accuracy', 0.7)], { parameter_count: 1e9 }),
    makeRecord('org/c', [result('x', 'accuracy', 0.95)], { parameter_count: 1e8 }),
    makeRecord('org/d', [result('x', 'accuracy', 0.7), result('y', 'accuracy', 0.5)]),
  ]);

  it('ranks only models with every chosen leaderboard and counts the others, with what they miss', () => {
    const boards = boardsOf(records);
    const out = rankByMean(boards);
    // hand-computed means: a (0.9 + 0.5) / 2 = 0.7, b 0.65, d 0.6; c has no y.
    expect(out.entries.map((e) => [e.model_info.model_id, e.rank])).toEqual([
      ['org/a', 1],
      ['org/b', 2],
      ['org/d', 3],
    ]);
    const means = out.entries.map((e) => e.mean);
    [0.7, 0.65, 0.6].forEach((m, i) => expect(means[i]).toBeCloseTo(m, 15));
    expect(out.left_out).toBe(1);
    expect(out.missing_by_board).toEqual([0, 1]);
  });

  it('computes efficiency and the front on the mean over known sizes only', () => {
    const out = rankByMean(boardsOf(records));
    const byId = new Map(out.entries.map((e) => [e.model_info.model_id, e]));
    // b (1B, 0.65) is the smallest ranked: 1; a (2B, 0.7) is the best no larger than itself: 1; d has no size.
    expect(byId.get('org/b')!.efficiency_score).toBe(1);
    expect(byId.get('org/a')!.efficiency_score).toBe(1);
    expect(byId.get('org/d')!.efficiency_score).toBeUndefined();
    expect([...byId.values()].map((e) => e.on_pareto_front)).toEqual([true, true, false]);
  });

  it('shares a rank between tied means and lists them by model id', () => {
    const tied = boardsOf([
      makeRecord('org/z', [result('x', 'accuracy', 0.6), result('y', 'accuracy', 0.8)]),
      makeRecord('org/m', [result('x', 'accuracy', 0.8), result('y', 'accuracy', 0.6)]),
    ]);
    expect(rankByMean(tied).entries.map((e) => [e.model_info.model_id, e.rank])).toEqual([
      ['org/m', 1],
      ['org/z', 1],
    ]);
  });

  it('refuses to average leaderboards of different directions or scales, saying why', () => {
    const mixed = boardsOf([
      makeRecord('org/a', [result('x', 'accuracy', 0.9), result('ls', 'word error rate', 0.1)]),
    ]);
    expect(() => rankByMean(mixed)).toThrow(MeanRankingError);
    expect(() => rankByMean(mixed)).toThrow(/direction/);
    const scales = boardsOf([makeRecord('org/a', [result('x', 'accuracy', 0.9), result('t', 'BLEU', 30)])]);
    expect(() => rankByMean(scales)).toThrow(/scales/);
    expect(() => rankByMean([])).toThrow(/at least one/);
  });
});
