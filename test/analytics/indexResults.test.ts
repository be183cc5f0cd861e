import { describe, expect, it } from 'vitest';
import { groupResultsByKey, indexResults, rankByModelId } from '../../src/analytics/indexResults.js';
import { deepFreeze, makeRecord, result } from './makeRecord.js';

describe('indexResults', () => {
  it('keeps only the first result of a key when a model lists it twice', () => {
    const records = deepFreeze([
      makeRecord('org/a', [
        result('squad', 'exact match', 0.7),
        result('squad', 'exact match', 0.9),
        result('squad', 'F1', 0.8),
      ]),
    ]);
    const index = indexResults(records);
    expect(index.size).toBe(2);
    expect(Array.from(index.resultValue)).toEqual([0.7, 0.8]);
    expect(Array.from(index.resultPosition)).toEqual([0, 2]);
    expect(index.keys.map((k) => [k.label, k.count])).toEqual([
      ['squad / exact match', 1],
      ['squad / F1', 1],
    ]);
  });

  it('keeps two splits of one dataset apart and names the split when they differ', () => {
    const records = deepFreeze([
      makeRecord('org/a', [
        result('squad', 'exact match', 0.7, { dataset_split: 'validation' }),
        result('squad', 'exact match', 0.9, { dataset_split: 'test' }),
      ]),
    ]);
    const index = indexResults(records);
    expect(index.size).toBe(2);
    expect(index.keys.map((k) => [k.label, k.count])).toEqual([
      ['squad · validation / exact match', 1],
      ['squad · test / exact match', 1],
    ]);
  });

  it('finds duplicates the same way when a record has very many results', () => {
    const many = Array.from({ length: 40 }, (_, i) => result(`ds${i % 20}`, 'accuracy', i / 100));
    const index = indexResults([makeRecord('org/big', many)]);
    expect(index.size).toBe(20);
    expect(Array.from(index.resultValue)).toEqual(Array.from({ length: 20 }, (_, i) => i / 100));
  });

  it('ignores synthetic results unless asked to include them', () => {
    const records = deepFreeze([makeRecord('org/a', [result('sst2', 'accuracy', 0.9, { source: 'synthetic' }), result('imdb', 'accuracy', 0.8)])]);
    expect(indexResults(records).size).toBe(1);
    expect(indexResults(records, { includeSynthetic: true }).size).toBe(2);
  });

  it('keeps the same dataset apart when it appears under two tasks', () => {
    const index = indexResults([
      makeRecord('org/a', [result('common', 'accuracy', 0.5)], { task_type: 'text-classification' }),
      makeRecord('org/b', [result('common', 'accuracy', 0.6)], { task_type: 'token-classification' }),
    ]);
    expect(index.tasks).toEqual(['text-classification', 'token-classification']);
    expect(index.keys).toHaveLength(2);
    expect(index.groups).toHaveLength(2);
  });

  it('records where each record starts when some records have no results', () => {
    const index = indexResults([makeRecord('org/a', [result('x', 'accuracy', 1)]), makeRecord('org/empty'), makeRecord('org/c', [result('x', 'accuracy', 0)])]);
    expect(Array.from(index.recordStart)).toEqual([0, 1, 1, 2]);
    expect(Array.from(index.resultRecord)).toEqual([0, 2]);
  });
});

describe('groupResultsByKey', () => {
  it('lists each key’s results in record order when keys interleave', () => {
    const index = indexResults([
      makeRecord('org/a', [result('x', 'accuracy', 1), result('y', 'accuracy', 2)]),
      makeRecord('org/b', [result('y', 'accuracy', 3), result('x', 'accuracy', 4)]),
    ]);
    const { keyStart, order } = groupResultsByKey(index);
    expect(Array.from(keyStart)).toEqual([0, 2, 4]);
    expect(Array.from(order).map((i) => index.resultValue[i])).toEqual([1, 4, 2, 3]);
  });
});

describe('rankByModelId', () => {
  it('gives each record its position by model_id when records are unsorted', () => {
    expect(Array.from(rankByModelId([makeRecord('org/c'), makeRecord('org/a'), makeRecord('org/b')]))).toEqual([2, 0, 1]);
  });
});
