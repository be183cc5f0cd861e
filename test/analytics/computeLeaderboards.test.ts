import { describe, expect, it } from 'vitest';
import { computeLeaderboards, leaderboardKey } from '../../src/analytics/computeLeaderboards.js';
import { LeaderboardSchema } from '../../src/schemas/benchmarkSchemas.js';
import { deepFreeze, makeRecord, result } from './makeRecord.js';

const NOW = '2025-06-01T00:00:00.000Z';
const ASR = { task_type: 'automatic-speech-recognition' };

/** Word error rates on LibriSpeech: b best, a and c tied, d worst; a also reports cer there and wer elsewhere. */
const asrRecords = deepFreeze([
  makeRecord('org/d', [result('librispeech_asr', 'word error rate', 0.1)], ASR),
  makeRecord('org/c', [result('librispeech_asr', 'word error rate', 0.05)], ASR),
  makeRecord(
    'org/a',
    [
      result('librispeech_asr', 'word error rate', 0.05),
      result('librispeech_asr', 'character error rate', 0.02),
      result('common_voice', 'word error rate', 0.2),
    ],
    ASR,
  ),
  makeRecord('org/b', [result('librispeech_asr', 'word error rate', 0.03)], ASR),
]);

const find = (boards: ReturnType<typeof computeLeaderboards>, dataset: string, metric: string) =>
  boards.find((b) => b.dataset_name === dataset && b.metric_name === metric)!;

describe('computeLeaderboards', () => {
  it('ranks ascending with competition ranks when lower is better and values tie', () => {
    const board = find(computeLeaderboards(asrRecords, { now: NOW }), 'librispeech_asr', 'word error rate');
    expect(board.direction).toBe('lower');
    expect(board.metric_type).toBe('wer');
    expect(board.entries.map((e) => [e.model_info.model_id, e.rank])).toEqual([
      ['org/b', 1],
      ['org/a', 2],
      ['org/c', 2],
      ['org/d', 4],
    ]);
    expect(board.total_entries).toBe(4);
    expect(board.last_updated).toBe(NOW);
  });

  it('ranks descending when higher is better', () => {
    const records = [
      makeRecord('org/low', [result('sst2', 'accuracy', 0.8)]),
      makeRecord('org/high', [result('sst2', 'accuracy', 0.95)]),
      makeRecord('org/mid', [result('sst2', 'accuracy', 0.9)]),
    ];
    const [board] = computeLeaderboards(records, { now: NOW });
    expect(board.entries.map((e) => e.model_info.model_id)).toEqual(['org/high', 'org/mid', 'org/low']);
    expect(board.entries.map((e) => e.rank)).toEqual([1, 2, 3]);
  });

  it('lists the model’s other metrics on the same dataset only when it has some', () => {
    const boards = computeLeaderboards(asrRecords, { now: NOW });
    const wer = find(boards, 'librispeech_asr', 'word error rate');
    const a = wer.entries.find((e) => e.model_info.model_id === 'org/a')!;
    expect(a.secondary_metrics.map((r) => r.metric_name)).toEqual(['character error rate']);
    expect(wer.entries.find((e) => e.model_info.model_id === 'org/b')!.secondary_metrics).toEqual([]);
    const cer = find(boards, 'librispeech_asr', 'character error rate');
    expect(cer.entries[0].secondary_metrics.map((r) => r.value)).toEqual([0.05]);
  });

  it('passes the record’s own objects through when building entries', () => {
    const boards = computeLeaderboards(asrRecords, { now: NOW });
    const entry = find(boards, 'common_voice', 'word error rate').entries[0];
    const a = asrRecords[2];
    expect(entry.model_info).toBe(a.model_info);
    expect(entry.primary_metric).toBe(a.evaluation_results[2]);
  });

  it('makes one leaderboard per task, dataset and metric when a dataset is shared across tasks', () => {
    const records = [
      makeRecord('org/a', [result('shared', 'accuracy', 0.5)], { task_type: 'text-classification' }),
      makeRecord('org/b', [result('shared', 'accuracy', 0.6)], { task_type: 'token-classification' }),
    ];
    const boards = computeLeaderboards(records, { now: NOW });
    expect(boards.map((b) => [b.task_type, b.total_entries])).toEqual([
      ['text-classification', 1],
      ['token-classification', 1],
    ]);
  });

  it('sorts leaderboards by task, then by entry count descending', () => {
    const records = [
      makeRecord('org/a', [result('small', 'accuracy', 0.5), result('big', 'accuracy', 0.5)], { task_type: 'b-task' }),
      makeRecord('org/b', [result('big', 'accuracy', 0.6)], { task_type: 'b-task' }),
      makeRecord('org/c', [result('zz', 'accuracy', 0.6)], { task_type: 'a-task' }),
    ];
    expect(computeLeaderboards(records, { now: NOW }).map((b) => `${b.task_type}:${b.dataset_name}`)).toEqual(['a-task:zz', 'b-task:big', 'b-task:small']);
  });

  it('scores efficiency against models of the same size or smaller and flags the Pareto front when sizes are known', () => {
    const records = deepFreeze([
      makeRecord('org/tiny', [result('sst2', 'accuracy', 0.7)], { parameter_count: 1_000_000 }),
      makeRecord('org/small', [result('sst2', 'accuracy', 0.8)], { parameter_count: 10_000_000 }),
      makeRecord('org/small-twin', [result('sst2', 'accuracy', 0.8)], { parameter_count: 10_000_000 }),
      makeRecord('org/base', [result('sst2', 'accuracy', 0.75)], { parameter_count: 100_000_000 }),
      makeRecord('org/large', [result('sst2', 'accuracy', 0.9)], { parameter_count: 1_000_000_000 }),
      makeRecord('org/unsized', [result('sst2', 'accuracy', 0.95)]),
    ]);
    const [board] = computeLeaderboards(records, { now: NOW });
    const byId = new Map(board.entries.map((e) => [e.model_info.model_id, e]));
    // hand-computed: value / best value of any model no larger (tiny 0.7; 10M 0.8; base sees 0.8; large 0.9)
    expect(byId.get('org/tiny')!.efficiency_score).toBe(1);
    expect(byId.get('org/small-twin')!.efficiency_score).toBe(1);
    expect(byId.get('org/base')!.efficiency_score).toBeCloseTo(0.75 / 0.8, 15);
    expect(byId.get('org/large')!.efficiency_score).toBe(1);
    expect(byId.get('org/unsized')!).not.toHaveProperty('efficiency_score');
    expect(Object.fromEntries([...byId].map(([id, e]) => [id, e.on_pareto_front]))).toEqual({
      'org/tiny': true,
      'org/small': true,
      'org/small-twin': true,
      'org/base': false,
      'org/large': true,
      'org/unsized': false,
    });
  });

  it('divides the best error of any model no larger by its own when lower is better', () => {
    const records = [
      makeRecord('org/a', [result('ls', 'word error rate', 0.1)], { ...ASR, parameter_count: 1e8 }),
      makeRecord('org/b', [result('ls', 'word error rate', 0.2)], { ...ASR, parameter_count: 2e8 }),
    ];
    const entries = computeLeaderboards(records, { now: NOW })[0].entries;
    expect(entries.map((e) => [e.model_info.model_id, e.efficiency_score, e.on_pareto_front])).toEqual([
      ['org/a', 1, true],
      ['org/b', 0.5, false],
    ]);
  });

  it('leaves suspect sizes out of the front and of efficiency, and keeps them listed', () => {
    const records = deepFreeze([
      makeRecord('org/typo-7B', [result('sst2', 'accuracy', 0.8)], { parameter_count: 7_000_000, parameter_suspect: 'disagrees with the 7B in its name' }),
      makeRecord('org/honest', [result('sst2', 'accuracy', 0.7)], { parameter_count: 7_000_000_000 }),
    ]);
    const [board] = computeLeaderboards(records, { now: NOW });
    const byId = new Map(board.entries.map((e) => [e.model_info.model_id, e]));
    expect(byId.get('org/typo-7B')!.rank).toBe(1);
    expect(byId.get('org/typo-7B')!.on_pareto_front).toBe(false);
    expect(byId.get('org/typo-7B')!).not.toHaveProperty('efficiency_score');
    expect(byId.get('org/honest')!.on_pareto_front).toBe(true);
    expect(byId.get('org/honest')!.efficiency_score).toBe(1);
  });

  it('ignores synthetic results unless asked to include them', () => {
    const records = deepFreeze([
      makeRecord('org/real', [result('sst2', 'accuracy', 0.8)]),
      makeRecord('org/fake', [result('sst2', 'accuracy', 0.9, { source: 'synthetic' })]),
    ]);
    expect(computeLeaderboards(records, { now: NOW })[0].entries.map((e) => e.model_info.model_id)).toEqual(['org/real']);
    expect(computeLeaderboards(records, { now: NOW, includeSynthetic: true })[0].entries.map((e) => e.model_info.model_id)).toEqual(['org/fake', 'org/real']);
  });

  it('uses the first of two results when a model reports one key twice', () => {
    const records = [makeRecord('org/a', [result('ls', 'word error rate', 0.2), result('ls', 'word error rate', 0.1)], ASR)];
    const [board] = computeLeaderboards(records, { now: NOW });
    expect(board.total_entries).toBe(1);
    expect(board.entries[0].primary_metric.value).toBe(0.2);
    expect(board.entries[0].secondary_metrics).toEqual([]);
  });

  it('gives two splits of one dataset two leaderboards', () => {
    const records = [makeRecord('org/a', [result('ls', 'word error rate', 0.2, { dataset_split: 'test.other' }), result('ls', 'word error rate', 0.1, { dataset_split: 'test.clean' })], ASR)];
    const boards = computeLeaderboards(records, { now: NOW });
    expect(boards.map((b) => [b.variant, b.entries[0].primary_metric.value])).toEqual([
      ['ls · test.clean', 0.1],
      ['ls · test.other', 0.2],
    ]);
  });

  it('produces schema-valid leaderboards without mutating frozen input', () => {
    const before = JSON.stringify(asrRecords);
    const boards = computeLeaderboards(asrRecords, { now: NOW });
    for (const board of boards) expect(() => LeaderboardSchema.parse(board)).not.toThrow();
    expect(JSON.stringify(asrRecords)).toBe(before);
  });

  it('returns no leaderboards when there are no results', () => {
    expect(computeLeaderboards([], { now: NOW })).toEqual([]);
    expect(computeLeaderboards([makeRecord('org/a')], { now: NOW })).toEqual([]);
  });
});

describe('leaderboardKey', () => {
  it('keeps keys distinct when names contain separators', () => {
    expect(leaderboardKey('t', 'a/b', 'c')).not.toBe(leaderboardKey('t', 'a', 'b/c'));
    expect(leaderboardKey('t', 'd', 'm')).toBe(leaderboardKey('t', 'd', 'm'));
  });
});
